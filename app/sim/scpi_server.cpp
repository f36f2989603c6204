#include "scpi_server.h"

#include "packgrade_version.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <algorithm>

namespace pg::sim {

namespace {

constexpr std::size_t kMaxErrors = 20; // SCPI-99: the queue holds at least two; overflow is -350

// SCPI mnemonics match in their short form (the upper-case letters) or their long form.
bool matches(const QString& word, const char* mnemonic)
{
    const QString longForm = QString::fromLatin1(mnemonic).toUpper();
    QString shortForm;
    for (const char* c = mnemonic; *c; ++c) {
        if (*c >= 'A' && *c <= 'Z')
            shortForm += QLatin1Char(*c);
    }
    const QString w = word.toUpper();
    return w == longForm || w == shortForm;
}

// Matches a header such as "MEAS:VOLT:DC?" against "MEASure:VOLTage[:DC]": optional parts in [].
bool matchesHeader(const QString& header, const char* pattern)
{
    QStringList words = header.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QStringList parts = QString::fromLatin1(pattern).split(QLatin1Char(':'));
    int w = 0;
    for (QString part : parts) {
        const bool optional = part.startsWith(QLatin1Char('[')) || part.endsWith(QLatin1Char(']'));
        part.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        if (w < words.size() && matches(words[w], part.toLatin1().constData()))
            ++w;
        else if (!optional)
            return false;
    }
    return w == words.size();
}

QString number(double v) { return QString::number(v, 'f', 6); }

} // namespace

ScpiServer::ScpiServer(Probe probe, Clock clock, QObject* parent)
    : QObject(parent)
    , m_probe(std::move(probe))
    , m_clock(std::move(clock))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ScpiServer::onConnection);
}

ScpiServer::~ScpiServer() = default;

bool ScpiServer::listen(quint16 port, QString* error)
{
    if (m_server->listen(QHostAddress::LocalHost, port))
        return true;
    if (error)
        *error = QStringLiteral("scpi:127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
    return false;
}

quint16 ScpiServer::port() const { return m_server->serverPort(); }

void ScpiServer::cutConnection()
{
    m_cut = true;
    m_server->close();
    for (QTcpSocket* s : std::as_const(m_clients))
        s->abort();
    // A real load whose controller is unreachable keeps its last state: that is the hazard the
    // bench must handle by its own interlocks.
}

double ScpiServer::demandedCurrentA() const
{
    if (m_inputOn)
        return m_currentSetA;
    if (m_outputOn)
        return -m_currentSetA;
    return 0.0;
}

void ScpiServer::onConnection()
{
    while (QTcpSocket* s = m_server->nextPendingConnection()) {
        if (m_cut) {
            s->abort();
            s->deleteLater();
            continue;
        }
        s->setSocketOption(QAbstractSocket::LowDelayOption, 1); // answers go out at once
        m_clients.append(s);
        connect(s, &QTcpSocket::readyRead, this, [this, s] {
            if (!m_held.contains(s))
                serve(s);
        });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            m_clients.removeAll(s);
            m_held.removeAll(s);
            s->deleteLater();
        });
    }
}

namespace {
    // A line that reads the pack: the bench simulator brings the pack up to date first.
    bool measures(const QByteArray& line)
    {
        const QByteArray upper = line.toUpper();
        return upper.contains("MEAS") && upper.contains(":VOLT");
    }
} // namespace

void ScpiServer::serve(QTcpSocket* s)
{
    while (s->canReadLine()) {
        if (m_gate) {
            char buffer[256];
            const qint64 n = s->peek(buffer, sizeof buffer);
            const QByteArray peeked = QByteArray::fromRawData(buffer, static_cast<qsizetype>(std::max<qint64>(n, 0)));
            if (measures(peeked.left(peeked.indexOf('\n')))
                && !m_gate()) {
                if (!m_held.contains(s))
                    m_held.append(s);
                return; // the line stays in the socket's buffer until resumeHeld()
            }
            if (s->state() != QAbstractSocket::ConnectedState)
                return; // the pack's step cut the connection (an scpi_lost fault)
        }
        m_held.removeAll(s);
        const QByteArray reply = handleLine(s->readLine());
        if (!reply.isEmpty())
            s->write(reply);
    }
}

void ScpiServer::resumeHeld()
{
    const QList<QTcpSocket*> held = m_held;
    for (QTcpSocket* s : held)
        serve(s);
}

QByteArray ScpiServer::handleLine(const QByteArray& line)
{
    QByteArray out;
    m_lastIo.start();
    const bool inputWasOn = m_inputOn;
    const bool outputWasOn = m_outputOn;
    const double demandedWas = demandedCurrentA();
    const double limitWas = m_voltageSetV;
    for (const QString& raw : QString::fromLatin1(line).trimmed().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString command = raw.trimmed();
        Q_EMIT commandReceived(command);
        bool isQuery = false;
        const QString reply = execute(command, isQuery);
        if (isQuery)
            out += reply.toLatin1() + '\n';
    }
    // A step: the load or the supply switched (a bench adjusting CURR or VOLT of a running
    // output, as a CC-CV charge does every sample, is no step).
    if (m_inputOn != inputWasOn || m_outputOn != outputWasOn)
        m_settlePending = true;
    if (demandedCurrentA() != demandedWas || m_voltageSetV != limitWas)
        Q_EMIT setpointChanged();
    return out;
}

bool ScpiServer::executeWatchdog(const QString& h, const QString& arg, bool isQuery, QString& reply)
{
    if (matchesHeader(h, "OUTPut:PROTection:WDOG:DELay")) {
        if (isQuery) {
            reply = number(m_watchdogDelayS);
            return true;
        }
        bool ok = false;
        const double v = arg.toDouble(&ok);
        if (!ok || v < 1 || v > 3600)
            pushError(-222, "Data out of range");
        else
            m_watchdogDelayS = v;
        return true;
    }
    if (!matchesHeader(h, "OUTPut:PROTection:WDOG[:STATe]"))
        return false;
    if (isQuery)
        reply = m_watchdogOn ? QStringLiteral("1") : QStringLiteral("0");
    else
        setState(arg, m_watchdogOn);
    return true;
}

void ScpiServer::observed()
{
    m_lastObservedS = m_clock();
    m_lastObservedWall.start();
    m_settlePending = false;
}

void ScpiServer::checkWatchdog()
{
    if (!m_watchdogOn || !(m_inputOn || m_outputOn) || !m_lastIo.isValid()
        || m_lastIo.elapsed() < static_cast<qint64>(m_watchdogDelayS * 1000.0))
        return;
    m_inputOn = m_outputOn = false;
    m_watchdogTripped = true;
}

void ScpiServer::pushError(int code, const char* text)
{
    if (m_errors.size() >= kMaxErrors) {
        m_errors.back() = QStringLiteral("-350,\"Queue overflow\"");
        return;
    }
    m_errors.push_back(QStringLiteral("%1,\"%2\"").arg(code).arg(QLatin1String(text)));
}

bool ScpiServer::setState(const QString& arg, bool& state)
{
    const QString a = arg.toUpper();
    if (a == QLatin1String("ON") || a == QLatin1String("1"))
        state = true;
    else if (a == QLatin1String("OFF") || a == QLatin1String("0"))
        state = false;
    else {
        pushError(-224, "Illegal parameter value");
        return false;
    }
    return true;
}

QString ScpiServer::execute(const QString& command, bool& isQuery)
{
    const qsizetype space = command.indexOf(QRegularExpression(QStringLiteral("\\s")));
    const QString header = (space < 0 ? command : command.left(space)).trimmed();
    const QString arg = space < 0 ? QString() : command.mid(space + 1).trimmed();
    isQuery = header.endsWith(QLatin1Char('?'));
    const QString h = isQuery ? header.chopped(1) : header;
    const Measurement m = m_probe();
    if (QString reply; executeWatchdog(h, arg, isQuery, reply))
        return reply;
    if (isQuery) {
        if (h.compare(QLatin1String("*IDN"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("PackGrade,packgrade-sim electronic load/PSU,SIM0001,%1").arg(QLatin1String(pg::kVersion));
        if (matchesHeader(h, "SYSTem:ERRor[:NEXT]")) {
            if (m_errors.empty())
                return QStringLiteral("0,\"No error\"");
            const QString e = m_errors.front();
            m_errors.pop_front();
            return e;
        }
        if (matchesHeader(h, "MEASure:VOLTage[:DC]")) {
            observed();
            return number(m.voltageV);
        }
        if (matchesHeader(h, "MEASure:CURRent[:DC]"))
            return number(m.currentA);
        if (matchesHeader(h, "MEASure:POWer[:DC]"))
            return number(m.voltageV * m.currentA);
        if (matchesHeader(h, "INPut[:STATe]"))
            return m_inputOn ? QStringLiteral("1") : QStringLiteral("0");
        if (matchesHeader(h, "OUTPut[:STATe]"))
            return m_outputOn ? QStringLiteral("1") : QStringLiteral("0");
        if (matchesHeader(h, "[SOURce]:CURRent[:LEVel]"))
            return number(m_currentSetA);
        if (matchesHeader(h, "[SOURce]:VOLTage[:LEVel]"))
            return number(m_voltageSetV);
        if (matchesHeader(h, "SIMulation:TIME"))
            return number(m_clock());
        pushError(-113, "Undefined header");
        return QStringLiteral("");
    }
    if (h.compare(QLatin1String("*RST"), Qt::CaseInsensitive) == 0) {
        m_inputOn = m_outputOn = false;
        m_currentSetA = m_voltageSetV = 0;
        return {};
    }
    if (h.compare(QLatin1String("*CLS"), Qt::CaseInsensitive) == 0) {
        m_errors.clear();
        return {};
    }
    if (matchesHeader(h, "INPut[:STATe]") || matchesHeader(h, "OUTPut[:STATe]")) {
        const bool input = matchesHeader(h, "INPut[:STATe]");
        bool on = false;
        if (!setState(arg, on))
            return {};
        if (on && (input ? m_outputOn : m_inputOn)) {
            pushError(-221, "Settings conflict"); // load and supply never both on
            return {};
        }
        (input ? m_inputOn : m_outputOn) = on;
        if (on)
            observed(); // the client measures next: the pulse starts from here
        return {};
    }
    if (matchesHeader(h, "[SOURce]:CURRent[:LEVel]") || matchesHeader(h, "[SOURce]:VOLTage[:LEVel]")) {
        const bool current = matchesHeader(h, "[SOURce]:CURRent[:LEVel]");
        bool ok = false;
        const double v = arg.toDouble(&ok);
        if (!ok) {
            pushError(-224, "Illegal parameter value");
            return {};
        }
        if (v < 0 || v > (current ? kMaxCurrentA : kMaxVoltageV)) {
            pushError(-222, "Data out of range");
            return {};
        }
        (current ? m_currentSetA : m_voltageSetV) = v;
        return {};
    }
    pushError(-113, "Undefined header");
    return {};
}

} // namespace pg::sim
