#include "qt_bus_transport.h"

#include "frame_log.h"
#include "socketcan_control.h"

#include <QCanBus>
#include <QCanBusDevice>
#include <QCanBusFrame>
#include <QVariant>
#include <cstring>

namespace pg::can {

namespace {

CanFrame fromQt(const QCanBusFrame& f)
{
    CanFrame frame;
    const QCanBusFrame::TimeStamp ts = f.timeStamp();
    frame.timeUs = (ts.seconds() != 0 || ts.microSeconds() != 0)
        ? ts.seconds() * 1000000 + ts.microSeconds()
        : nowUs();
    frame.id = f.frameId();
    frame.set(CanFrame::Extended, f.hasExtendedFrameFormat());
    frame.set(CanFrame::Fd, f.hasFlexibleDataRateFormat());
    frame.set(CanFrame::BitRateSwitch, f.hasBitrateSwitch());
    frame.set(CanFrame::ErrorStateIndicator, f.hasErrorStateIndicator());
    frame.set(CanFrame::Transmitted, f.hasLocalEcho());
    switch (f.frameType()) {
    case QCanBusFrame::RemoteRequestFrame:
        frame.set(CanFrame::Remote);
        break;
    case QCanBusFrame::ErrorFrame:
        frame.set(CanFrame::Error);
        frame.id = static_cast<std::uint32_t>(f.error());
        break;
    default:
        break;
    }
    const QByteArray payload = f.payload();
    const qsizetype n = qMin<qsizetype>(payload.size(), frame.is(CanFrame::Fd) ? 64 : 8);
    std::memcpy(frame.data.data(), payload.constData(), static_cast<std::size_t>(n));
    frame.len = static_cast<std::uint8_t>(n);
    return frame;
}

QCanBusFrame toQt(const CanFrame& frame)
{
    QCanBusFrame f(frame.id,
        QByteArray(reinterpret_cast<const char*>(frame.data.data()),
            frame.is(CanFrame::Remote) ? 0 : frame.len));
    f.setExtendedFrameFormat(frame.is(CanFrame::Extended));
    f.setFlexibleDataRateFormat(frame.is(CanFrame::Fd));
    f.setBitrateSwitch(frame.is(CanFrame::BitRateSwitch));
    if (frame.is(CanFrame::Remote))
        f.setFrameType(QCanBusFrame::RemoteRequestFrame);
    return f;
}

class QtBusWorker : public TransportWorker {
public:
    QtBusWorker(std::shared_ptr<TransportShared> shared, TransportOptions options, QString plugin,
        QString iface)
        : TransportWorker(std::move(shared), std::move(options), plugin + QLatin1Char(':') + iface)
        , m_plugin(std::move(plugin))
        , m_iface(std::move(iface))
    {
    }

    void start() override
    {
        QString error;
        if (!QCanBus::instance()->plugins().contains(m_plugin)) {
            Q_EMIT failed(QStringLiteral("%1: unknown CAN plugin '%2' (installed: %3)")
                              .arg(m_device, m_plugin,
                                  QCanBus::instance()->plugins().join(QStringLiteral(", "))));
            return;
        }
        if (m_plugin == QLatin1String("socketcan") && !prepareSocketCan(error)) {
            Q_EMIT failed(error);
            return;
        }
        m_bus.reset(QCanBus::instance()->createDevice(m_plugin, m_iface, &error));
        if (!m_bus) {
            Q_EMIT failed(QStringLiteral("%1: cannot create the device: %2").arg(m_device, error));
            return;
        }
        // Always explicit: Qt 6.4's socketcan plugin otherwise re-applies 500 kbit/s on connect.
        m_bus->setConfigurationParameter(QCanBusDevice::BitRateKey, m_options.bitrate);
        m_bus->setConfigurationParameter(QCanBusDevice::ReceiveOwnKey, false);
        if (m_options.dataBitrate > 0) {
            m_bus->setConfigurationParameter(QCanBusDevice::CanFdKey, true);
            m_bus->setConfigurationParameter(QCanBusDevice::DataBitRateKey, m_options.dataBitrate);
        }
        if (m_plugin == QLatin1String("socketcan"))
            m_bus->setConfigurationParameter(QCanBusDevice::ErrorFilterKey,
                QVariant::fromValue(QCanBusFrame::FrameErrors(QCanBusFrame::AnyError)));
        connect(m_bus.get(), &QCanBusDevice::framesReceived, this, &QtBusWorker::readFrames);
        connect(m_bus.get(), &QCanBusDevice::errorOccurred, this, &QtBusWorker::onError);
        connect(m_bus.get(), &QCanBusDevice::stateChanged, this, &QtBusWorker::onState);
        if (!openFrameLog(error)) {
            Q_EMIT failed(error);
            return;
        }
        if (!m_bus->connectDevice()) {
            Q_EMIT failed(QStringLiteral("%1: cannot connect: %2").arg(m_device, m_bus->errorString()));
            m_bus.reset();
            return;
        }
        if (m_bus->state() == QCanBusDevice::ConnectedState)
            announceOpen();
    }

    void stop() override
    {
        if (m_bus) {
            disconnect(m_bus.get(), nullptr, this, nullptr);
            m_bus->disconnectDevice();
            m_bus.reset();
        }
        if (m_log)
            m_log->flush();
        Q_EMIT closed();
    }

    void flushTx() override
    {
        for (const CanFrame& f : takeTx()) {
            if (!m_bus || !m_bus->writeFrame(toQt(f))) {
                emitEvent(BusEvent::Kind::DeviceError,
                    QStringLiteral("cannot send 0x%1: %2")
                        .arg(f.id, 0, 16)
                        .arg(m_bus ? m_bus->errorString() : QStringLiteral("not connected")));
                continue;
            }
            CanFrame sent = f;
            sent.timeUs = nowUs();
            sent.set(CanFrame::Transmitted);
            recordSent(sent);
        }
    }

private:
    bool prepareSocketCan(QString& error)
    {
        if (!socketcan::available(&error)) {
            error = m_device + QStringLiteral(": ") + error;
            return false;
        }
        // Needs CAP_NET_ADMIN; without it the interface keeps what `ip link` set, and we say so.
        auto configured = socketcan::configure(m_iface, m_options.bitrate, m_options.listenOnly);
        if (!configured)
            emitEvent(BusEvent::Kind::DeviceError, configured.error()
                    + QStringLiteral(" (keeping the interface's own settings; set them with "
                                     "`ip link set %1 type can bitrate %2`)")
                          .arg(m_iface)
                          .arg(m_options.bitrate));
        return true;
    }

    void announceOpen()
    {
        if (m_announced)
            return;
        m_announced = true;
        emitEvent(BusEvent::Kind::Connected, QStringLiteral("connected at %1 bit/s").arg(m_options.bitrate));
        Q_EMIT opened();
    }

    void readFrames()
    {
        m_batch.clear();
        QList<BusEvent> events;
        while (m_bus && m_bus->framesAvailable() > 0) {
            for (const QCanBusFrame& f : m_bus->readAllFrames()) {
                CanFrame frame = fromQt(f);
                if (frame.is(CanFrame::Error))
                    decodeErrorFrame(frame, m_device, events);
                m_batch.push_back(frame);
            }
        }
        deliver(m_batch.data(), m_batch.size());
        for (const BusEvent& e : events) {
            if (e.kind == BusEvent::Kind::BusOff && m_plugin == QLatin1String("socketcan"))
                socketcan::restart(m_iface);
            Q_EMIT busEvent(e);
        }
    }

    void onError(QCanBusDevice::CanBusError error)
    {
        const QString text = m_bus ? m_bus->errorString() : QString();
        if (error == QCanBusDevice::ConnectionError && !m_announced) {
            Q_EMIT failed(QStringLiteral("%1: cannot connect: %2").arg(m_device, text));
            return;
        }
        const bool gone = error == QCanBusDevice::ConnectionError;
        emitEvent(gone ? BusEvent::Kind::Disconnected : BusEvent::Kind::DeviceError,
            QStringLiteral("%1: %2").arg(m_device, text));
    }

    void onState(QCanBusDevice::CanBusDeviceState state)
    {
        if (state == QCanBusDevice::ConnectedState)
            announceOpen();
        else if (state == QCanBusDevice::UnconnectedState && m_announced)
            emitEvent(BusEvent::Kind::Disconnected, QStringLiteral("%1: disconnected").arg(m_device));
    }

    QString m_plugin;
    QString m_iface;
    std::unique_ptr<QCanBusDevice> m_bus;
    std::vector<CanFrame> m_batch;
    bool m_announced = false;
};

} // namespace

QtBusTransport::QtBusTransport(QString plugin, QString interfaceName, TransportOptions options, QObject* parent)
    : Transport(std::move(options), parent)
    , m_plugin(std::move(plugin))
    , m_interface(std::move(interfaceName))
{
}

QString QtBusTransport::deviceName() const { return m_plugin + QLatin1Char(':') + m_interface; }

QStringList QtBusTransport::availablePlugins() { return QCanBus::instance()->plugins(); }

QList<QtBusTransport::DeviceInfo> QtBusTransport::availableDevices()
{
    QList<DeviceInfo> out;
    for (const QString& plugin : QCanBus::instance()->plugins()) {
        for (const QCanBusDeviceInfo& info : QCanBus::instance()->availableDevices(plugin))
            out.append({ plugin, info.name(), info.description() });
    }
    return out;
}

TransportWorker* QtBusTransport::createWorker(std::shared_ptr<TransportShared> shared)
{
    return new QtBusWorker(std::move(shared), options(), m_plugin, m_interface);
}

} // namespace pg::can
