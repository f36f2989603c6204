#include "scpi_load.h"

namespace pg::core {

ScpiLoad::ScpiLoad(QString host, quint16 port, int timeoutMs)
    : m_host(std::move(host))
    , m_port(port)
    , m_timeoutMs(timeoutMs)
{
    m_clock.start();
}

ScpiLoad::~ScpiLoad() = default;

void ScpiLoad::setLog(const QString& path)
{
    m_log.setFileName(path);
    m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

void ScpiLoad::log(const char* direction, const QString& text)
{
    if (!m_log.isOpen())
        return;
    m_log.write(QStringLiteral("%1 %2 %3\n").arg(m_clock.elapsed() / 1000.0, 0, 'f', 3).arg(QLatin1String(direction), text).toUtf8());
    m_log.flush();
}

tl::expected<QString, QString> ScpiLoad::connectAndIdentify()
{
    m_socket.connectToHost(m_host, m_port);
    if (!m_socket.waitForConnected(m_timeoutMs))
        return tl::make_unexpected(deviceName() + QStringLiteral(": cannot connect: ") + m_socket.errorString());
    // A command line and the SYST:ERR? after it are two small writes: with Nagle's algorithm the
    // second waits for the instrument's delayed ACK of the first (about 40 ms on Linux).
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto idn = query(QStringLiteral("*IDN?"));
    if (!idn)
        return idn;
    m_simClock = query(QStringLiteral("SIM:TIME?")).has_value();
    query(QStringLiteral("SYST:ERR?")); // clears the -113 a real instrument gives for SIM:TIME?
    return idn;
}

tl::expected<void, QString> ScpiLoad::armWatchdog(double delayS)
{
    auto a = command(QStringLiteral("OUTP:PROT:WDOG:DEL %1;OUTP:PROT:WDOG ON").arg(delayS, 0, 'f', 1));
    if (!a)
        return a;
    if (auto e = checkErrors(); !e)
        return tl::make_unexpected(e.error() + QStringLiteral(" (no communication watchdog: a lost connection leaves the load as it was)"));
    return {};
}

tl::expected<void, QString> ScpiLoad::command(const QString& text)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return tl::make_unexpected(deviceName() + QStringLiteral(": connection lost"));
    log(">", text);
    m_socket.write(text.toLatin1() + '\n');
    if (!m_socket.waitForBytesWritten(m_timeoutMs))
        return tl::make_unexpected(deviceName() + QStringLiteral(": cannot send \"%1\": %2").arg(text, m_socket.errorString()));
    return {};
}

tl::expected<QString, QString> ScpiLoad::query(const QString& text)
{
    if (auto sent = command(text); !sent)
        return tl::make_unexpected(sent.error());
    QElapsedTimer waited;
    waited.start();
    while (!m_socket.canReadLine()) {
        const qint64 left = m_timeoutMs - waited.elapsed();
        if (left <= 0 || !m_socket.waitForReadyRead(static_cast<int>(left)))
            return tl::make_unexpected(deviceName() + QStringLiteral(": no answer to \"%1\" within %2 ms (connection %3)")
                                           .arg(text)
                                           .arg(m_timeoutMs)
                                           .arg(m_socket.state() == QAbstractSocket::ConnectedState ? "open" : "lost"));
    }
    const QString reply = QString::fromLatin1(m_socket.readLine()).trimmed();
    log("<", reply);
    return reply;
}

tl::expected<void, QString> ScpiLoad::checkErrors()
{
    auto err = query(QStringLiteral("SYST:ERR?"));
    if (!err)
        return tl::make_unexpected(err.error());
    if (!err->startsWith(QLatin1Char('0')))
        return tl::make_unexpected(deviceName() + QStringLiteral(": instrument error ") + *err);
    return {};
}

tl::expected<void, QString> ScpiLoad::off()
{
    // Both, unconditionally: which one is on may be exactly what is in doubt after a fault.
    auto a = command(QStringLiteral("INP OFF;OUTP OFF"));
    if (!a)
        return a;
    return checkErrors();
}

tl::expected<void, QString> ScpiLoad::discharge(double currentA)
{
    auto a = command(QStringLiteral("OUTP OFF;CURR %1;INP ON").arg(currentA, 0, 'f', 4));
    if (!a)
        return a;
    return checkErrors();
}

tl::expected<void, QString> ScpiLoad::charge(double currentA, double voltageLimitV)
{
    auto a = command(QStringLiteral("INP OFF;VOLT %1;CURR %2;OUTP ON").arg(voltageLimitV, 0, 'f', 4).arg(currentA, 0, 'f', 4));
    if (!a)
        return a;
    return checkErrors();
}

tl::expected<LoadMeasurement, QString> ScpiLoad::measure()
{
    LoadMeasurement m;
    auto v = query(QStringLiteral("MEAS:VOLT?"));
    if (!v)
        return tl::make_unexpected(v.error());
    auto i = query(QStringLiteral("MEAS:CURR?"));
    if (!i)
        return tl::make_unexpected(i.error());
    m.voltageV = v->toDouble();
    m.currentA = i->toDouble();
    if (m_simClock) {
        auto t = query(QStringLiteral("SIM:TIME?"));
        if (!t)
            return tl::make_unexpected(t.error());
        m.timeS = t->toDouble();
    } else {
        m.timeS = static_cast<double>(m_clock.nsecsElapsed()) * 1e-9;
    }
    return m;
}

} // namespace pg::core
