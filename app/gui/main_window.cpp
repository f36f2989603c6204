#include "main_window.h"

#include "can/qt_bus_transport.h"
#include "can/transport_factory.h"
#include "frame_table_model.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSerialPortInfo>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace pg::app {

namespace {
constexpr int kUiIntervalMs = 33; // <= 30 Hz
constexpr int kBitrates[] = { 125000, 250000, 500000, 1000000 };
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_model(new FrameTableModel(this))
{
    setWindowTitle(tr("PackGrade bench"));
    auto* bar = addToolBar(tr("Bench"));
    bar->setObjectName(QStringLiteral("benchBar"));
    bar->addWidget(buildBenchBar());

    m_table = new QTableView(this);
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(FrameTableModel::SortRole);
    m_table->setModel(sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FrameTableModel::IdColumn, Qt::AscendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setFont(QFont(QStringLiteral("monospace")));
    setCentralWidget(m_table);

    m_events = new QPlainTextEdit(this);
    m_events->setReadOnly(true);
    m_events->setMaximumBlockCount(2000);
    auto* dock = new QDockWidget(tr("Bus events"), this);
    dock->setObjectName(QStringLiteral("busEvents"));
    dock->setWidget(m_events);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    m_status = new QLabel(tr("Not connected"), this);
    statusBar()->addPermanentWidget(m_status, 1);

    m_uiTimer = new QTimer(this);
    m_uiTimer->setInterval(kUiIntervalMs);
    connect(m_uiTimer, &QTimer::timeout, this, &MainWindow::drainFrames);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1000, 650);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    resizeDocks({ dock }, { 140 }, Qt::Vertical);
    refreshDevices();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildBenchBar()
{
    auto* w = new QWidget(this);
    auto* layout = new QHBoxLayout(w);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Adapter:"), w));
    m_device = new QComboBox(w);
    m_device->setEditable(true);
    m_device->setMinimumContentsLength(28);
    m_device->setToolTip(tr("virtualcan:can0, socketcan:can0, slcan:/dev/ttyACM0, replay:FILE@speed"));
    layout->addWidget(m_device);
    auto* refresh = new QPushButton(tr("&Refresh"), w);
    connect(refresh, &QPushButton::clicked, this, &MainWindow::refreshDevices);
    layout->addWidget(refresh);
    layout->addWidget(new QLabel(tr("Bitrate:"), w));
    m_bitrate = new QComboBox(w);
    for (int b : kBitrates)
        m_bitrate->addItem(tr("%1 kbit/s").arg(b / 1000), b);
    m_bitrate->setCurrentIndex(2);
    layout->addWidget(m_bitrate);
    m_connect = new QPushButton(tr("&Connect (listen-only)"), w);
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_connect, &QPushButton::clicked, this, &MainWindow::toggleConnection);
    layout->addWidget(m_connect);
    return w;
}

void MainWindow::refreshDevices()
{
    const QString current = m_device->currentText();
    m_device->clear();
    for (const auto& d : can::QtBusTransport::availableDevices())
        m_device->addItem(d.plugin + QLatin1Char(':') + d.interfaceName);
    for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts())
        m_device->addItem(QStringLiteral("slcan:") + port.systemLocation());
    if (!current.isEmpty())
        m_device->setCurrentText(current);
}

void MainWindow::connectTo(const QString& spec, int bitrate)
{
    m_device->setCurrentText(spec);
    const int i = m_bitrate->findData(bitrate);
    if (i >= 0)
        m_bitrate->setCurrentIndex(i);
    if (m_transport)
        toggleConnection();
    toggleConnection();
}

void MainWindow::toggleConnection()
{
    if (m_transport) {
        m_uiTimer->stop();
        drainFrames();
        m_transport->close();
        m_transport.reset();
        m_connect->setText(tr("&Connect (listen-only)"));
        updateStatus();
        return;
    }
    can::TransportOptions options;
    options.bitrate = m_bitrate->currentData().toInt();
    options.listenOnly = true; // an unknown pack is never sent to
    auto transport = can::createTransport(m_device->currentText().trimmed(), options);
    if (!transport) {
        QMessageBox::warning(this, tr("Cannot connect"), transport.error());
        return;
    }
    m_transport = std::move(*transport);
    connect(m_transport.get(), &can::Transport::busEvent, this, &MainWindow::onBusEvent);
    connect(m_transport.get(), &can::Transport::failed, this, [this](const QString& reason) {
        m_events->appendPlainText(tr("failed: %1").arg(reason));
        QMessageBox::warning(this, tr("Cannot connect"),
            tr("%1\n\nCheck that the adapter is plugged in and the name is right.").arg(reason));
        m_transport.reset();
        m_connect->setText(tr("&Connect (listen-only)"));
        updateStatus();
    }, Qt::QueuedConnection);
    m_model->clear();
    m_transport->open();
    m_connect->setText(tr("&Disconnect"));
    m_uiTimer->start();
    updateStatus();
}

void MainWindow::drainFrames()
{
    if (!m_transport)
        return;
    m_batch.clear();
    m_transport->takeFrames(m_batch);
    if (!m_batch.empty())
        m_model->addFrames(m_batch);
    updateStatus();
}

void MainWindow::onBusEvent(const can::BusEvent& event)
{
    m_events->appendPlainText(QStringLiteral("%1  %2  %3")
                                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                                      QLatin1String(can::busEventKindName(event.kind)), event.message));
}

void MainWindow::updateStatus()
{
    if (!m_transport) {
        m_status->setText(tr("Not connected"));
        return;
    }
    m_status->setText(tr("%1 — %2 frames received, %3 dropped")
                          .arg(m_transport->description())
                          .arg(m_transport->framesReceived())
                          .arg(m_transport->framesDropped()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (m_transport)
        m_transport->close();
    event->accept();
}

} // namespace pg::app
