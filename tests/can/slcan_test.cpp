// SLCAN: the codec against the Lawicel command set, and the transport over a real
// pseudo-terminal pair with a scripted adapter on the other end (no USB adapter here), plus
// python-can's own SLCAN driver as an independent sender where it is installed.
#include "can/slcan_codec.h"
#include "can/slcan_transport.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cerrno>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

using namespace pg::can;

TEST(SlcanCodec, EncodesAsTheLawicelManualShows)
{
    char buf[160];
    CanFrame f;
    f.id = 0x123;
    f.len = 2;
    f.data[0] = 0x11;
    f.data[1] = 0x22;
    EXPECT_EQ(std::string(buf, slcan::encodeFrame(f, buf)), "t12321122\r");
    f.set(CanFrame::Extended);
    f.id = 0x1ABCDEF0;
    EXPECT_EQ(std::string(buf, slcan::encodeFrame(f, buf)), "T1ABCDEF021122\r");
    CanFrame r;
    r.id = 0x7FF;
    r.len = 8;
    r.set(CanFrame::Remote);
    EXPECT_EQ(std::string(buf, slcan::encodeFrame(r, buf)), "r7FF8\r");
    CanFrame fd;
    fd.id = 0x10;
    fd.len = 12;
    fd.set(CanFrame::Fd);
    fd.set(CanFrame::BitRateSwitch);
    EXPECT_EQ(std::string(buf, slcan::encodeFrame(fd, buf)), "b0109000000000000000000000000\r");
    EXPECT_EQ(slcan::bitrateCode(500000), 6);
    EXPECT_EQ(slcan::bitrateCode(10000), 0);
    EXPECT_EQ(slcan::bitrateCode(1000000), 8);
    EXPECT_EQ(slcan::bitrateCode(83333), -1);
}

TEST(SlcanCodec, ParsesFramesTimestampsAndRejectsGarbage)
{
    CanFrame f;
    auto l = slcan::parseLine("t1238112233445566778804D2", f);
    ASSERT_EQ(l.type, slcan::LineType::Frame);
    EXPECT_EQ(f.id, 0x123U);
    EXPECT_EQ(f.len, 8);
    EXPECT_EQ(f.data[7], 0x88);
    EXPECT_EQ(l.timestampMs, 1234);
    EXPECT_EQ(slcan::parseLine("R1ABCDEF03", f).type, slcan::LineType::Frame);
    EXPECT_TRUE(f.is(CanFrame::Remote));
    EXPECT_EQ(f.len, 3);
    EXPECT_EQ(slcan::parseLine("F24", f).statusFlags, 0x24);
    EXPECT_EQ(slcan::parseLine("", f).type, slcan::LineType::Ok);
    EXPECT_EQ(slcan::parseLine("t12381122", f).type, slcan::LineType::Malformed); // cut short
    EXPECT_EQ(slcan::parseLine("t8001", f).type, slcan::LineType::Malformed); // id > 7FF... then 1 byte missing
    EXPECT_EQ(slcan::parseLine("t1239", f).type, slcan::LineType::Malformed); // DLC 9 on classic
}

namespace {

// The adapter end of a pseudo-terminal pair.
class FakeAdapter {
public:
    bool open()
    {
        char name[128];
        if (::openpty(&m_master, &m_slave, name, nullptr, nullptr) != 0)
            return false;
        termios tio {};
        ::tcgetattr(m_slave, &tio);
        ::cfmakeraw(&tio);
        ::tcsetattr(m_slave, TCSANOW, &tio);
        m_name = QString::fromLocal8Bit(name);
        return true;
    }
    ~FakeAdapter() { unplug(); }
    void unplug()
    {
        if (m_master >= 0)
            ::close(m_master);
        if (m_slave >= 0)
            ::close(m_slave);
        m_master = m_slave = -1;
    }
    void write(const std::string& s) { ASSERT_EQ(::write(m_master, s.data(), s.size()), static_cast<ssize_t>(s.size())); }
    // Reads what the host sent until `until` appears or the timeout, while Qt runs.
    std::string readUntil(const std::string& until, int timeoutMs)
    {
        std::string got;
        for (int waited = 0; waited < timeoutMs && got.find(until) == std::string::npos; waited += 10) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            pollfd p { m_master, POLLIN, 0 };
            if (::poll(&p, 1, 10) > 0 && (p.revents & POLLIN)) {
                char buf[256];
                const ssize_t n = ::read(m_master, buf, sizeof buf);
                if (n > 0)
                    got.append(buf, static_cast<std::size_t>(n));
            }
        }
        return got;
    }
    const QString& name() const { return m_name; }

private:
    int m_master = -1;
    int m_slave = -1;
    QString m_name;
};

} // namespace

TEST(SlcanTransport, OpensListenOnlyReceivesAndReportsUnplug)
{
    FakeAdapter adapter;
    ASSERT_TRUE(adapter.open());
    TransportOptions options;
    options.bitrate = 250000;
    SlcanTransport bus(adapter.name(), options);
    QSignalSpy events(&bus, &Transport::busEvent);
    bus.open();
    ASSERT_TRUE(bus.waitOpened(5000)) << bus.lastError().toStdString();
    // Close, 250 kbit/s (S5), open listen-only (L): never O on an unknown bus.
    EXPECT_EQ(adapter.readUntil("L\r", 3000), "C\rS5\rL\r");

    adapter.write("\rt10020102\rT1ABCDEF01FF\rxyz\rt7FF0\r");
    ASSERT_TRUE(bus.waitForFrames(3, 5000));
    std::vector<CanFrame> got;
    bus.takeFrames(got);
    ASSERT_EQ(got.size(), 3U);
    EXPECT_EQ(got[0].id, 0x100U);
    EXPECT_EQ(got[0].data[1], 0x02);
    EXPECT_TRUE(got[1].is(CanFrame::Extended));
    EXPECT_EQ(got[2].len, 0);
    EXPECT_FALSE(bus.send(got[0]).has_value()); // listen-only

    adapter.unplug();
    bool disconnected = false;
    std::string seen;
    for (int i = 0; i < 50 && !disconnected; ++i) {
        events.wait(100);
        seen.clear();
        for (const auto& a : events) {
            const auto e = a.at(0).value<BusEvent>();
            disconnected = disconnected || e.kind == BusEvent::Kind::Disconnected;
            seen += std::string(busEventKindName(e.kind)) + ": " + e.message.toStdString() + "\n";
        }
    }
    EXPECT_TRUE(disconnected) << "unplugging the adapter must surface as a Disconnected event; saw\n" << seen;
}

TEST(SlcanTransport, ActiveModeTransmitsLawicelCommands)
{
    FakeAdapter adapter;
    ASSERT_TRUE(adapter.open());
    TransportOptions options;
    options.listenOnly = false;
    SlcanTransport bus(adapter.name(), options);
    bus.open();
    ASSERT_TRUE(bus.waitOpened(5000));
    EXPECT_EQ(adapter.readUntil("O\r", 3000), "C\rS6\rO\r");
    CanFrame f;
    f.id = 0x79B;
    f.len = 8;
    f.data = { 0x02, 0x21, 0x01 };
    ASSERT_TRUE(bus.send(f).has_value());
    EXPECT_EQ(adapter.readUntil("\r", 3000), "t79B80221010000000000\r");
}

TEST(SlcanTransport, ReceivesWhatPythonCanSlcanSends)
{
    QString why;
    if (!pg::test::pythonHas(QStringLiteral("can"), &why) || !pg::test::pythonHas(QStringLiteral("serial"), &why))
        GTEST_SKIP() << why.toStdString();
    if (!pg::test::haveProgram(QStringLiteral("socat")))
        GTEST_SKIP() << "socat is not installed (Debian package socat)";
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a"));
    const QString b = dir.filePath(QStringLiteral("b"));
    QProcess socat;
    socat.start(QStringLiteral("socat"), { QStringLiteral("pty,raw,echo=0,link=") + a, QStringLiteral("pty,raw,echo=0,link=") + b });
    ASSERT_TRUE(socat.waitForStarted());
    for (int i = 0; i < 50 && !(QFile::exists(a) && QFile::exists(b)); ++i)
        QThread::msleep(20);
    SlcanTransport bus(a, {});
    bus.open();
    ASSERT_TRUE(bus.waitOpened(5000));
    const QString script = QStringLiteral(
        "import can,sys\n"
        "bus=can.interface.Bus(interface='slcan',channel=sys.argv[1],bitrate=500000,sleep_after_open=0)\n"
        "for i in range(100):\n"
        "    bus.send(can.Message(arbitration_id=0x200+i,is_extended_id=i%3==0,data=bytes([i,255-i])))\n"
        "bus.shutdown()\n");
    const auto r = pg::test::runTool(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, b });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    ASSERT_TRUE(bus.waitForFrames(100, 5000)) << bus.framesReceived();
    std::vector<CanFrame> got;
    bus.takeFrames(got);
    ASSERT_EQ(got.size(), 100U);
    for (int i = 0; i < 100; ++i) {
        const CanFrame& f = got[static_cast<std::size_t>(i)];
        EXPECT_EQ(f.id, 0x200U + static_cast<std::uint32_t>(i));
        EXPECT_EQ(f.is(CanFrame::Extended), i % 3 == 0);
        EXPECT_EQ(f.len, 2);
        EXPECT_EQ(f.data[1], 255 - i);
    }
    bus.close();
    socat.kill();
    socat.waitForFinished();
}
