#include "bench_page.h"

#include "bench_controller.h"
#include "can/qt_bus_transport.h"
#include "error_dialog.h"
#include "language.h"
#include "profile_detector.h"
#include "sim_host.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSerialPortInfo>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pg::app {

namespace {
    constexpr int kBitrates[] = { 125000, 250000, 500000, 1000000 };
} // namespace

BenchPage::BenchPage(BenchController& bench, QWidget* parent)
    : QWidget(parent)
    , m_bench(bench)
{
    auto* grid = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    left->addWidget(buildAdapterBox());
    left->addWidget(buildSimulatorBox());
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(buildProfileBox());
    right->addWidget(buildRatingBox());
    m_state = new QLabel(tr("Not connected"), this);
    m_state->setWordWrap(true);
    right->addWidget(m_state);
    right->addStretch();
    grid->addLayout(left, 1);
    grid->addLayout(right, 1);
    connect(&m_bench, &BenchController::connectionChanged, this, &BenchPage::onConnectionChanged);
    connect(&m_bench, &BenchController::errorOccurred, this, &BenchPage::showError);
    refreshAdapters();
    showRating();
}

QWidget* BenchPage::buildAdapterBox()
{
    auto* box = new QGroupBox(tr("CAN adapter"), this);
    auto* form = new QFormLayout(box);
    m_adapter = new QComboBox(box);
    m_adapter->setObjectName(QStringLiteral("adapter"));
    m_adapter->setEditable(true);
    m_adapter->setMinimumContentsLength(30);
    m_adapter->setToolTip(
        tr("virtualcan:can0, socketcan:can0, slcan:/dev/ttyACM0, replay:FILE@speed"));
    auto* refresh = new QPushButton(tr("&Refresh"), box);
    connect(refresh, &QPushButton::clicked, this, &BenchPage::refreshAdapters);
    auto* row = new QHBoxLayout;
    row->addWidget(m_adapter, 1);
    row->addWidget(refresh);
    form->addRow(tr("Adapter:"), row);
    m_bitrate = new QComboBox(box);
    for (int b : kBitrates)
        m_bitrate->addItem(tr("%1 kbit/s").arg(b / 1000), b);
    m_bitrate->setCurrentIndex(2);
    form->addRow(tr("Bitrate:"), m_bitrate);
    m_connect = new QPushButton(tr("Connect (listen-only)  [F5]"), box);
    m_connect->setObjectName(QStringLiteral("connectBus"));
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_bench.transport())
            m_bench.disconnectAll();
        else if (auto ok
                 = m_bench.connectBus(m_adapter->currentText(), m_bitrate->currentData().toInt());
                 !ok)
            showError(tr("Cannot connect"), ok.error());
    });
    form->addRow(m_connect);
    auto* note = new QLabel(tr("A first connection only listens: the bench never transmits to a "
                               "pack it does not know."),
        box);
    note->setWordWrap(true);
    form->addRow(note);
    return box;
}

QWidget* BenchPage::buildSimulatorBox()
{
    auto* box = new QGroupBox(tr("Built-in simulator (no pack on the bench)"), this);
    auto* form = new QFormLayout(box);
    m_simSpec = new QComboBox(box);
    m_simSpec->setEditable(true);
    for (const QString& f :
        QDir(QStringLiteral(":/sim")).entryList({ QStringLiteral("*.json") }, QDir::Files))
        m_simSpec->addItem(QStringLiteral(":/sim/") + f);
    form->addRow(tr("Pack spec:"), m_simSpec);
    m_simSpeed = new QDoubleSpinBox(box);
    m_simSpeed->setRange(0.1, 10000);
    m_simSpeed->setValue(1);
    m_simSpeed->setSuffix(tr(" × real time"));
    form->addRow(tr("Speed:"), m_simSpeed);
    m_simStart = new QPushButton(tr("Start simulated pack"), box);
    m_simStart->setObjectName(QStringLiteral("startSimulator"));
    connect(m_simStart, &QPushButton::clicked, this, &BenchPage::connectSimulator);
    form->addRow(m_simStart);
    return box;
}

QWidget* BenchPage::buildProfileBox()
{
    auto* box = new QGroupBox(tr("Pack profile"), this);
    auto* form = new QFormLayout(box);
    m_profile = new QComboBox(box);
    m_profile->setEditable(true);
    m_profile->addItem(tr("(none: frame monitor only)"), QString());
    for (const QString& name : ProfileDetector::builtInProfiles())
        m_profile->addItem(name, name);
    connect(m_profile, &QComboBox::activated, this, &BenchPage::applyProfile);
    form->addRow(tr("Profile:"), m_profile);
    auto* detect = new QPushButton(tr("&Detect from traffic"), box);
    connect(detect, &QPushButton::clicked, this, &BenchPage::detectProfile);
    form->addRow(detect);
    m_detectResult
        = new QLabel(tr("Connect, let the pack talk for a few seconds, then detect."), box);
    m_detectResult->setWordWrap(true);
    form->addRow(m_detectResult);
    return box;
}

QWidget* BenchPage::buildRatingBox()
{
    auto* box
        = new QGroupBox(tr("Pack rating (used by the procedures and the safety limits)"), this);
    auto* form = new QFormLayout(box);
    m_chemistry = new QComboBox(box);
    m_chemistry->addItems({ QStringLiteral("nmc"), QStringLiteral("nca"), QStringLiteral("lfp"),
        QStringLiteral("lmo") });
    form->addRow(tr("Chemistry:"), m_chemistry);
    m_series = new QSpinBox(box);
    m_series->setRange(1, 400);
    m_series->setSuffix(tr(" cells in series"));
    form->addRow(tr("Series:"), m_series);
    m_capacity = new QDoubleSpinBox(box);
    m_capacity->setRange(0.1, 2000);
    m_capacity->setDecimals(1);
    m_capacity->setSuffix(tr(" Ah"));
    form->addRow(tr("Nominal capacity:"), m_capacity);
    connect(m_chemistry, &QComboBox::currentTextChanged, this, &BenchPage::applyRating);
    connect(m_series, &QSpinBox::valueChanged, this, &BenchPage::applyRating);
    connect(m_capacity, &QDoubleSpinBox::valueChanged, this, &BenchPage::applyRating);
    return box;
}

void BenchPage::refreshAdapters()
{
    const QString current = m_adapter->currentText();
    m_adapter->clear();
    for (const auto& d : can::QtBusTransport::availableDevices())
        m_adapter->addItem(d.plugin + QLatin1Char(':') + d.interfaceName);
    for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts())
        m_adapter->addItem(QStringLiteral("slcan:") + port.systemLocation());
    if (!current.isEmpty())
        m_adapter->setCurrentText(current);
    else if (const int virtualBus = m_adapter->findText(QStringLiteral("virtualcan:can0"));
             virtualBus >= 0)
        m_adapter->setCurrentIndex(
            virtualBus); // the simulator's bus, rather than the first plugin found
}

void BenchPage::selectAdapter(const QString& spec)
{
    m_adapter->setCurrentText(spec);
}

void BenchPage::selectSimulator(const QString& specPath, double speed)
{
    m_simSpec->setCurrentText(specPath);
    m_simSpeed->setValue(speed);
}

void BenchPage::toggleConnection()
{
    if (m_bench.isConnected()) {
        m_bench.disconnectAll();
        return;
    }
    if (m_adapter->currentText().trimmed().isEmpty())
        connectSimulator();
    else
        m_connect->click();
}

void BenchPage::connectSimulator()
{
    if (m_bench.simHost()) {
        m_bench.disconnectAll();
        return;
    }
    if (auto ok = m_bench.startSimulator(m_simSpec->currentText(), m_simSpeed->value()); !ok)
        showError(tr("Cannot start the simulator"),
            ok.error() + tr("\n\nPick one of the specs in the list or check the file."));
    showRating();
}

void BenchPage::detectProfile()
{
    const auto ranking = m_bench.profileRanking();
    if (ranking.empty()) {
        m_detectResult->setText(tr("No known profile matches the ids seen so far. Is the pack "
                                   "awake and the bitrate right?"));
        return;
    }
    QStringList lines;
    for (const auto& c : ranking)
        lines << tr("%1: %2 of %3 messages seen (%4 %)")
                     .arg(c.profile)
                     .arg(c.idsSeen)
                     .arg(c.idsMapped)
                     .arg(localNumber(100.0 * c.score(), 0));
    m_detectResult->setText(tr("Best match first:\n%1").arg(lines.join(QLatin1Char('\n'))));
    m_profile->setCurrentIndex(m_profile->findData(ranking.front().profile));
    applyProfile();
}

void BenchPage::applyProfile()
{
    const QString name = m_profile->currentData().toString();
    if (name.isEmpty())
        return;
    if (auto ok = m_bench.setProfile(name); !ok)
        showError(tr("Cannot use this profile"), ok.error());
}

void BenchPage::applyRating()
{
    m_bench.setRating(
        core::PackRating { m_chemistry->currentText(), m_series->value(), m_capacity->value() });
}

void BenchPage::showRating()
{
    const core::PackRating r = m_bench.rating();
    const QSignalBlocker b1(m_chemistry), b2(m_series), b3(m_capacity);
    m_chemistry->setCurrentText(r.chemistry);
    m_series->setValue(r.series);
    m_capacity->setValue(r.capacityAh);
}

void BenchPage::onConnectionChanged(bool connected)
{
    m_connect->setText(
        m_bench.transport() ? tr("Disconnect  [F5]") : tr("Connect (listen-only)  [F5]"));
    m_simStart->setText(m_bench.simHost() ? tr("Stop simulated pack") : tr("Start simulated pack"));
    m_state->setText(
        connected ? tr("Connected: %1").arg(m_bench.connectionText()) : tr("Not connected"));
    showRating();
}

void BenchPage::showError(const QString& title, const QString& message)
{
    showErrorDialog(this, title, message);
}

} // namespace pg::app
