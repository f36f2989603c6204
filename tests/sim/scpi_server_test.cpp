// The simulated load/PSU spoken to over a real TCP socket, as the bench speaks to lab equipment.
#include "app/sim/bench_simulator.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpSocket>
#include <gtest/gtest.h>

using namespace pg::sim;

namespace {

class ScpiClient {
public:
    explicit ScpiClient(quint16 port) { m_socket.connectToHost(QStringLiteral("127.0.0.1"), port); }
    bool connected() { return m_socket.waitForConnected(3000); }
    void send(const char* command)
    {
        m_socket.write(QByteArray(command) + '\n');
        m_socket.waitForBytesWritten(1000);
        // Let the server (same thread) take the command.
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QString query(const char* command)
    {
        m_socket.write(QByteArray(command) + '\n');
        for (int i = 0; i < 400 && !m_socket.canReadLine(); ++i) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            m_socket.waitForReadyRead(5);
        }
        return QString::fromLatin1(m_socket.readLine()).trimmed();
    }
    QTcpSocket& socket() { return m_socket; }

private:
    QTcpSocket m_socket;
};

std::unique_ptr<BenchSimulator> bench(PackSpec spec = {})
{
    spec.cellSpread = 0;
    auto b = BenchSimulator::create(spec, 1.0);
    EXPECT_TRUE(b.has_value());
    QString error;
    EXPECT_TRUE((*b)->start(0, &error)) << error.toStdString();
    (*b)->stop(); // tests advance the clock by hand
    return std::move(*b);
}

} // namespace

TEST(SimScpi, LoadDischargesThePackByItsSetpoint)
{
    auto b = bench();
    ScpiClient c(b->scpiPort());
    ASSERT_TRUE(c.connected());
    EXPECT_TRUE(c.query("*IDN?").startsWith(QStringLiteral("PackGrade,packgrade-sim")));
    const double socBefore = b->pack().cell(0).state().soc;
    c.send("CURR 2.5;INP ON");
    b->advance(360.0);
    EXPECT_NEAR(c.query("MEAS:CURR?").toDouble(), 2.5, 1e-9);
    EXPECT_NEAR(c.query("meas:volt?").toDouble(), b->pack().voltageV(), 1e-5);
    EXPECT_NEAR(c.query("MEASure:POWer?").toDouble(), 2.5 * b->pack().voltageV(), 1e-3);
    EXPECT_NEAR(c.query("SIM:TIME?").toDouble(), 360.0, 1e-6);
    // 2.5 A for 360 s out of 5 Ah is 5 % of SoC (less self-discharge, 2e-5 over 6 min).
    EXPECT_NEAR(socBefore - b->pack().cell(0).state().soc, 0.05, 1e-4);
    c.send("INPut OFF");
    b->advance(1.0);
    EXPECT_EQ(c.query("MEAS:CURR?").toDouble(), 0.0);
}

TEST(SimScpi, SupplyChargesAndHoldsItsVoltageLimit)
{
    PackSpec spec;
    spec.series = 4;
    spec.soc = 0.9;
    auto b = bench(spec);
    ScpiClient c(b->scpiPort());
    ASSERT_TRUE(c.connected());
    const double limit = b->pack().voltageV() + 0.2;
    c.send(QStringLiteral("VOLT %1;CURR 5;OUTP ON").arg(limit).toLatin1().constData());
    b->advance(600);
    const double current = c.query("MEAS:CURR?").toDouble();
    EXPECT_LT(current, 0.0); // into the pack
    EXPECT_GT(current, -5.0); // tapered by the voltage limit
    EXPECT_NEAR(c.query("MEAS:VOLT?").toDouble(), limit, 0.01);
}

TEST(SimScpi, ErrorsQueueWithScpiCodes)
{
    auto b = bench();
    ScpiClient c(b->scpiPort());
    ASSERT_TRUE(c.connected());
    c.send("CURR 5;INP ON;OUTP ON"); // load and supply never both on
    c.send("CURR 9999");
    c.send("FETCH:NOTHING");
    c.send("INP MAYBE");
    EXPECT_EQ(c.query("SYST:ERR?"), QStringLiteral("-221,\"Settings conflict\""));
    EXPECT_EQ(c.query("SYST:ERR?"), QStringLiteral("-222,\"Data out of range\""));
    EXPECT_EQ(c.query("SYST:ERR?"), QStringLiteral("-113,\"Undefined header\""));
    EXPECT_EQ(c.query("SYST:ERR?"), QStringLiteral("-224,\"Illegal parameter value\""));
    EXPECT_EQ(c.query("SYST:ERR?"), QStringLiteral("0,\"No error\""));
    EXPECT_EQ(c.query("INP?"), QStringLiteral("1"));
    EXPECT_EQ(c.query("OUTP?"), QStringLiteral("0"));
    c.send("*RST");
    EXPECT_EQ(c.query("INP?"), QStringLiteral("0"));
}

TEST(SimScpi, LostConnectionFaultDropsAndRefuses)
{
    PackSpec spec;
    spec.series = 2;
    spec.faults.push_back({ FaultSpec::Kind::ScpiLost, 0, 30 });
    auto b = bench(spec);
    ScpiClient c(b->scpiPort());
    ASSERT_TRUE(c.connected());
    EXPECT_FALSE(c.query("*IDN?").isEmpty());
    b->advance(31);
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (c.socket().state() != QAbstractSocket::UnconnectedState)
        c.socket().waitForDisconnected(1000);
    EXPECT_EQ(c.socket().state(), QAbstractSocket::UnconnectedState);
    ScpiClient again(b->scpiPort());
    EXPECT_FALSE(again.connected() && !again.query("*IDN?").isEmpty());
}
