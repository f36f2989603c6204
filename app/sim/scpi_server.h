#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <deque>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace pg::sim {

// The programmable DC electronic load and power supply of the bench, spoken to over SCPI on TCP
// as lab instruments are (port 5025 by default). It drives current out of the pack (INPut, load)
// or into it (OUTPut, supply with a VOLTage limit). Measurements use PackGrade's sign: current
// positive = out of the pack. SIMulation:TIME? (the simulated clock, s) is an extension; SCPI's own SYSTem:TIME? is the time of day.
class ScpiServer : public QObject {
    Q_OBJECT
public:
    struct Measurement {
        double voltageV = 0;
        double currentA = 0;
    };
    // The bench asks the pack for its terminal voltage and current through this.
    using Probe = std::function<Measurement()>;
    using Clock = std::function<double()>;

    ScpiServer(Probe probe, Clock clock, QObject* parent = nullptr);
    ~ScpiServer() override;

    bool listen(quint16 port, QString* error = nullptr); // 0 picks a free port
    quint16 port() const;
    // Simulates a lost instrument: drops every connection and refuses new ones.
    void cutConnection();

    // Setpoint the pack should see now: + discharge (load on), - charge (supply on), 0 off.
    double demandedCurrentA() const;
    double voltageLimitV() const { return m_voltageSetV; }
    bool loadOn() const { return m_inputOn; }
    bool supplyOn() const { return m_outputOn; }
    // The communication watchdog of lab supplies (Keysight N6700: OUTPut:PROTection:WDOG and
    // :WDOG:DELay): with it on, both outputs switch off when no SCPI line has arrived for the
    // delay (wall-clock seconds), so a lost controller cannot leave the load running.
    void checkWatchdog();
    bool watchdogTripped() const { return m_watchdogTripped; }
    // The simulated time of the client's last measurement or output switch-on, and the wall
    // time since: the bench simulator lets the pack run only so far ahead of what the client has
    // seen while current flows (BenchSimulator::tick).
    double lastObservedS() const { return m_lastObservedS; }
    qint64 wallSinceObservedMs() const
    {
        return m_lastObservedWall.isValid() ? m_lastObservedWall.elapsed() : -1;
    }
    bool hasClient() const { return !m_clients.isEmpty(); }
    // The load or the supply switched on or off and the client has not measured since: its next
    // measurement sees the step, not the step plus a stretch of relaxation (BenchSimulator keeps
    // that measurement within the load's settling time of the switch).
    bool settlePending() const { return m_settlePending; }
    // Called on the server's thread before a line with a measurement (MEAS:VOLT?) is executed:
    // true lets it go now; false holds the line (and the client's later lines) back until
    // resumeHeld(). The bench simulator advances the pack here and holds while a reader of its
    // BMS is behind (BenchSimulator::prepareMeasurement).
    using MeasurementGate = std::function<bool()>;
    void setMeasurementGate(MeasurementGate gate) { m_gate = std::move(gate); }
    // Goes on with lines held back by the gate (each asks the gate again).
    void resumeHeld();
    static constexpr double kMaxCurrentA = 600.0;
    static constexpr double kMaxVoltageV = 1000.0;

    // Handles one line of commands (';'-separated) and returns the replies, '\n'-terminated.
    QByteArray handleLine(const QByteArray& line);

Q_SIGNALS:
    void commandReceived(const QString& command); // for the session's SCPI log
    // The current the load/supply imposes, or the supply's voltage limit, changed with a line:
    // the pack sees the new current from this instant (a load switches in microseconds).
    void setpointChanged();

private:
    QString execute(const QString& command, bool& isQuery);
    bool setState(const QString& arg, bool& state);
    bool executeWatchdog(const QString& h, const QString& arg, bool isQuery, QString& reply);
    void pushError(int code, const char* text);
    void onConnection();
    void serve(QTcpSocket* socket);

    Probe m_probe;
    Clock m_clock;
    QTcpServer* m_server;
    QList<QTcpSocket*> m_clients;
    bool m_cut = false;
    bool m_inputOn = false;
    bool m_outputOn = false;
    double m_currentSetA = 0;
    double m_voltageSetV = 0;
    std::deque<QString> m_errors;
    bool m_watchdogOn = false;
    bool m_watchdogTripped = false;
    double m_watchdogDelayS = 60.0;
    QElapsedTimer m_lastIo;
    double m_lastObservedS = 0;
    QElapsedTimer m_lastObservedWall;
    bool m_settlePending = false;
    MeasurementGate m_gate;
    QList<QTcpSocket*> m_held;
    void observed();
};

} // namespace pg::sim
