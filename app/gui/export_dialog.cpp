#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>

namespace pg::app {

ExportDialog::ExportDialog(QString databaseUrl, QWidget* parent)
    : QDialog(parent)
    , m_databaseUrl(std::move(databaseUrl))
{
    setWindowTitle(tr("Export graded packs"));
    buildUi();
}

ExportDialog::~ExportDialog()
{
    if (m_worker != nullptr)
        m_worker->wait();
}

void ExportDialog::buildUi()
{
    m_format = new QComboBox(this);
    m_format->addItem(tr("CSV (spreadsheets)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON (docs/export.schema.json)"), QStringLiteral("json"));
    m_path = new QLineEdit(this);
    m_path->setPlaceholderText(tr("file to write"));
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browseButton);
    m_sinceEnabled = new QCheckBox(tr("only packs graded since"), this);
    m_since = new QDateEdit(QDate::currentDate().addMonths(-1), this);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_since->setCalendarPopup(true);
    m_since->setEnabled(false);
    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QDateEdit::setEnabled);
    auto* sinceRow = new QHBoxLayout;
    sinceRow->addWidget(m_sinceEnabled);
    sinceRow->addWidget(m_since, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("File"), fileRow);
    form->addRow(tr("Graded"), sinceRow);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("One record per graded pack (its latest grade)."), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
}

void ExportDialog::setFormat(core::ExportFormat format)
{
    m_format->setCurrentIndex(format == core::ExportFormat::Csv ? 0 : 1);
}

void ExportDialog::setOutputPath(const QString& path)
{
    m_path->setText(path);
}

void ExportDialog::setSince(std::optional<QDate> day)
{
    m_sinceEnabled->setChecked(day.has_value());
    if (day)
        m_since->setDate(*day);
}

QString ExportDialog::statusText() const
{
    return m_status->text();
}

void ExportDialog::browse()
{
    const bool csv = m_format->currentData().toString() == QLatin1String("csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text(),
        csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

std::optional<core::ExportRequest> ExportDialog::request()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        showError(tr("Choose the file to export to."));
        return std::nullopt;
    }
    core::ExportRequest r { m_databaseUrl,
        m_format->currentData().toString() == QLatin1String("csv") ? core::ExportFormat::Csv
                                                                   : core::ExportFormat::Json,
        path, QString() };
    if (m_sinceEnabled->isChecked())
        r.since = core::parseSince(m_since->date().toString(Qt::ISODate)).value_or(QString());
    return r;
}

void ExportDialog::startExport()
{
    if (m_worker != nullptr)
        return;
    const auto r = request();
    if (!r)
        return;
    m_exportButton->setEnabled(false);
    m_progress->setRange(0, 0); // busy until the first count arrives
    m_status->setText(tr("Exporting to %1 …").arg(r->outPath));
    QPointer<ExportDialog> self(this);
    m_worker = QThread::create([self, request = *r]() {
        auto result = core::runExport(request, [self](int done, int total) {
            QMetaObject::invokeMethod(
                self,
                [self, done, total]() {
                    if (self)
                        self->onProgress(done, total);
                },
                Qt::QueuedConnection);
        });
        const int count = result ? *result : 0;
        const QString error = result ? QString() : result.error().message;
        QMetaObject::invokeMethod(
            self,
            [self, count, error]() {
                if (self)
                    self->onDone(count, error);
            },
            Qt::QueuedConnection);
    });
    connect(m_worker, &QThread::finished, m_worker, &QObject::deleteLater);
    m_worker->start();
}

void ExportDialog::onProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void ExportDialog::onDone(int count, const QString& error)
{
    m_worker->wait();
    m_worker = nullptr;
    m_exportButton->setEnabled(true);
    if (!error.isEmpty()) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_status->setText(tr("Export failed."));
        showError(error);
        emit exportFailed(error);
        return;
    }
    m_progress->setRange(0, std::max(count, 1));
    m_progress->setValue(std::max(count, 1));
    m_status->setText(tr("%n graded pack(s) exported to %1.", nullptr, count).arg(m_path->text()));
    emit exportFinished(count, m_path->text());
}

void ExportDialog::showError(const QString& message)
{
    if (m_errorBox == nullptr) {
        m_errorBox = new QMessageBox(
            QMessageBox::Critical, tr("Export failed"), QString(), QMessageBox::Ok, this);
    }
    m_errorBox->setText(message);
    m_errorBox->open(); // window-modal, does not block the event loop
}

} // namespace pg::app
