#pragma once

#include "core/marketplace_export.h"

#include <QDialog>
#include <QString>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QThread;

namespace pg::app {

// The marketplace export as a dialog: format, file, an optional "graded since" date, a progress
// bar. The export (core::runExport, its own inventory connection) runs on a worker thread; the
// dialog stays responsive and shows a clear error box that names the file or database.
// A standalone widget: the main window opens it with the inventory URL it uses.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QString databaseUrl, QWidget* parent = nullptr);
    ~ExportDialog() override; // waits for a running export: it cannot be interrupted half-written

    void setFormat(core::ExportFormat format);
    void setOutputPath(const QString& path);
    void setSince(std::optional<QDate> day); // nullopt: every graded pack

    bool isRunning() const { return m_worker != nullptr; }
    QPushButton* exportButton() const { return m_exportButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QMessageBox* errorBox() const { return m_errorBox; } // null until an error was shown
    QString statusText() const;

public slots:
    void startExport();

signals:
    void exportFinished(int count, const QString& path);
    void exportFailed(const QString& message);

private:
    void buildUi();
    void browse();
    void onProgress(int done, int total);
    void onDone(int count, const QString& error);
    void showError(const QString& message);
    std::optional<core::ExportRequest> request();

    QString m_databaseUrl;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QCheckBox* m_sinceEnabled = nullptr;
    QDateEdit* m_since = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_exportButton = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QMessageBox* m_errorBox = nullptr;
    QThread* m_worker = nullptr;
};

} // namespace pg::app
