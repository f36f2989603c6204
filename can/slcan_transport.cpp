#include "slcan_transport.h"

#include "frame_log.h"
#include "slcan_codec.h"

#include <QSerialPort>
#include <QTimer>

namespace pg::can {

namespace {

constexpr qsizetype kMaxLine = 160;

class SlcanWorker : public TransportWorker {
public:
    SlcanWorker(std::shared_ptr<TransportShared> shared, TransportOptions options, QString port, int baud)
        : TransportWorker(std::move(shared), std::move(options), QStringLiteral("slcan:") + port)
        , m_portName(std::move(port))
        , m_baud(baud)
    {
    }

    void start() override
    {
        const int code = slcan::bitrateCode(m_options.bitrate);
        if (code < 0) {
            Q_EMIT failed(QStringLiteral("%1: SLCAN has no code for %2 bit/s (choose 10k, 20k, 50k, "
                                         "100k, 125k, 250k, 500k, 800k or 1M)")
                              .arg(m_device)
                              .arg(m_options.bitrate));
            return;
        }
        m_port = new QSerialPort(m_portName, this);
        m_port->setBaudRate(m_baud);
        if (!m_port->open(QIODevice::ReadWrite)) {
            Q_EMIT failed(QStringLiteral("%1: cannot open the serial port: %2").arg(m_device, m_port->errorString()));
            return;
        }
        QString error;
        if (!openFrameLog(error)) {
            Q_EMIT failed(error);
            return;
        }
        connect(m_port, &QSerialPort::readyRead, this, [this] { readAvailable(); });
        connect(m_port, &QSerialPort::errorOccurred, this,
            [this](QSerialPort::SerialPortError e) { onError(e); });
        // Close first in case the adapter was left open, then set the bitrate and open.
        const QByteArray init = QByteArrayLiteral("C\r") + 'S' + QByteArray::number(code) + '\r'
            + (m_options.listenOnly ? QByteArrayLiteral("L\r") : QByteArrayLiteral("O\r"));
        if (m_port->write(init) != init.size()) {
            Q_EMIT failed(QStringLiteral("%1: cannot write to the adapter: %2").arg(m_device, m_port->errorString()));
            return;
        }
        m_port->flush();
        emitEvent(BusEvent::Kind::Connected,
            QStringLiteral("opened at %1 bit/s%2").arg(m_options.bitrate).arg(m_options.listenOnly ? ", listen-only" : ""));
        m_open = true;
        Q_EMIT opened();
    }

    void stop() override
    {
        if (m_port && m_port->isOpen()) {
            m_port->write("C\r");
            m_port->flush();
            m_port->close();
        }
        if (m_log)
            m_log->flush();
        m_open = false;
        Q_EMIT closed();
    }

    void flushTx() override
    {
        char buf[160];
        for (const CanFrame& f : takeTx()) {
            const std::size_t n = slcan::encodeFrame(f, buf);
            if (!m_port || m_port->write(buf, static_cast<qint64>(n)) != static_cast<qint64>(n)) {
                emitEvent(BusEvent::Kind::DeviceError, QStringLiteral("cannot send 0x%1").arg(f.id, 0, 16));
                continue;
            }
            CanFrame sent = f;
            sent.timeUs = nowUs();
            sent.set(CanFrame::Transmitted);
            recordSent(sent);
        }
    }

private:
    void readAvailable()
    {
        m_buffer += m_port->readAll();
        m_batch.clear();
        qsizetype start = 0;
        for (qsizetype i = 0; i < m_buffer.size(); ++i) {
            const char c = m_buffer[i];
            if (c != '\r' && c != '\n' && c != '\a')
                continue;
            if (c == '\a') {
                ++m_refusals;
                emitEvent(BusEvent::Kind::DeviceError, QStringLiteral("%1: the adapter refused a command (BEL)").arg(m_device));
                start = i + 1;
                continue;
            }
            handleLine(std::string_view(m_buffer.constData() + start, static_cast<std::size_t>(i - start)));
            start = i + 1;
        }
        m_buffer.remove(0, start);
        if (m_buffer.size() > kMaxLine) {
            emitEvent(BusEvent::Kind::Malformed,
                QStringLiteral("%1: %2 bytes without a line end; discarded").arg(m_device).arg(m_buffer.size()));
            m_buffer.clear();
        }
        deliver(m_batch.data(), m_batch.size());
    }

    void handleLine(std::string_view text)
    {
        CanFrame frame;
        const slcan::Line line = slcan::parseLine(text, frame);
        if (line.type == slcan::LineType::Frame) {
            frame.timeUs = nowUs();
            m_batch.push_back(frame);
        } else if (line.type == slcan::LineType::Status && line.statusFlags > 0) {
            const int f = line.statusFlags;
            if (f & 0x20)
                emitEvent(BusEvent::Kind::ErrorPassive, QStringLiteral("%1: error passive").arg(m_device));
            else if (f & 0x04)
                emitEvent(BusEvent::Kind::ErrorWarning, QStringLiteral("%1: error warning").arg(m_device));
            if (f & 0x80)
                emitEvent(BusEvent::Kind::ProtocolError, QStringLiteral("%1: bus error").arg(m_device));
            if (f & 0x0B)
                emitEvent(BusEvent::Kind::ControllerOverflow, QStringLiteral("%1: adapter FIFO overflow").arg(m_device));
        } else if (line.type == slcan::LineType::Malformed) {
            emitEvent(BusEvent::Kind::Malformed,
                QStringLiteral("%1: cannot read \"%2\": expected %3")
                    .arg(m_device, QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())),
                        QLatin1String(line.expected)));
        }
    }

    void onError(QSerialPort::SerialPortError e)
    {
        if (e == QSerialPort::NoError)
            return;
        // A USB adapter pulled out shows as ResourceError; a pseudo-terminal whose other end
        // closed shows as a read failure (EIO, reported by Qt as ReadError or UnknownError).
        // Either way the port is dead: close it once instead of reporting the same error forever.
        const bool gone = e == QSerialPort::ResourceError || e == QSerialPort::PermissionError
            || e == QSerialPort::DeviceNotFoundError || e == QSerialPort::ReadError
            || e == QSerialPort::UnknownError;
        if (!m_open)
            return;
        const QString text = QStringLiteral("%1: %2").arg(m_device, m_port->errorString());
        if (gone) {
            if (m_log)
                m_log->flush();
            if (m_port->isOpen())
                m_port->close();
            if (m_open)
                emitEvent(BusEvent::Kind::Disconnected, text + QStringLiteral(" (adapter unplugged?)"));
            m_open = false;
            return;
        }
        emitEvent(BusEvent::Kind::DeviceError, text);
    }

    QString m_portName;
    int m_baud;
    QSerialPort* m_port = nullptr;
    QByteArray m_buffer;
    std::vector<CanFrame> m_batch;
    int m_refusals = 0;
    bool m_open = false;
};

} // namespace

SlcanTransport::SlcanTransport(QString portName, TransportOptions options, int serialBaud, QObject* parent)
    : Transport(std::move(options), parent)
    , m_port(std::move(portName))
    , m_serialBaud(serialBaud)
{
}

TransportWorker* SlcanTransport::createWorker(std::shared_ptr<TransportShared> shared)
{
    return new SlcanWorker(std::move(shared), options(), m_port, m_serialBaud);
}

} // namespace pg::can
