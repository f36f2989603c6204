#pragma once

#include "can/transport.h"

#include <QMainWindow>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace pg::app {

class FrameTableModel;

// The bench window as it stands: pick an adapter and bitrate, connect (listen-only), watch the
// bus. Screens for live pack data, test runs, results and inventory arrive with their issues.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects to a device spec such as "virtualcan:can0" (used by --device and tests).
    void connectTo(const QString& spec, int bitrate);
    FrameTableModel* frameModel() const { return m_model; }
    can::Transport* transport() const { return m_transport.get(); }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void refreshDevices();
    void toggleConnection();
    void drainFrames();
    void onBusEvent(const can::BusEvent& event);
    void updateStatus();
    QWidget* buildBenchBar();

    QComboBox* m_device = nullptr;
    QComboBox* m_bitrate = nullptr;
    QPushButton* m_connect = nullptr;
    QTableView* m_table = nullptr;
    QPlainTextEdit* m_events = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_uiTimer = nullptr;
    FrameTableModel* m_model = nullptr;
    std::unique_ptr<can::Transport> m_transport;
    std::vector<can::CanFrame> m_batch;
};

} // namespace pg::app
