#pragma once

#include "bench_io.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>

namespace pg::core {

// A programmable DC load / PSU over SCPI on TCP (port 5025, as lab instruments do), used from
// the procedure's thread with blocking calls and a timeout. Every command and reply is written
// to the SCPI log of the session. Discharge uses INPut (load), charge OUTPut (supply).
class ScpiLoad : public BenchLoad {
public:
    ScpiLoad(QString host, quint16 port, int timeoutMs = 2000);
    ~ScpiLoad() override;

    tl::expected<QString, QString> connectAndIdentify();
    void setLog(const QString& path);
    // Arms the instrument's communication watchdog (OUTPut:PROTection:WDOG, as on Keysight N6700
    // supplies): outputs off after `delayS` without a command. An error when the instrument has none.
    tl::expected<void, QString> armWatchdog(double delayS);

    QString deviceName() const override { return QStringLiteral("scpi:%1:%2").arg(m_host).arg(m_port); }
    tl::expected<void, QString> off() override;
    tl::expected<void, QString> discharge(double currentA) override;
    tl::expected<void, QString> charge(double currentA, double voltageLimitV) override;
    tl::expected<LoadMeasurement, QString> measure() override;

    tl::expected<void, QString> command(const QString& text);
    tl::expected<QString, QString> query(const QString& text);

private:
    tl::expected<void, QString> checkErrors();
    void log(const char* direction, const QString& text);

    QString m_host;
    quint16 m_port;
    int m_timeoutMs;
    QTcpSocket m_socket;
    QFile m_log;
    QElapsedTimer m_clock;
    bool m_simClock = false; // the instrument answers SIMulation:TIME? (packgrade-sim)
};

} // namespace pg::core
