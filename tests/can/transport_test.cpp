// Transports for real: Qt's virtualcan across two processes, a recording replayed with timing,
// the errors a technician meets (unknown plugin, missing port), and SocketCAN where the kernel
// has it (SKIPPED with the reason where it has not).
#include "can/frame_log.h"
#include "can/log_reader.h"
#include "can/qt_bus_transport.h"
#include "can/replay_transport.h"
#include "can/socketcan_control.h"
#include "can/transport_factory.h"
#include "test_paths.h"
#include "virtual_bus.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg::can;

namespace {

int freePort() { return pg::test::virtualBusPort(); }

QString virtualBus(int port) { return pg::test::virtualBus(port); }

std::vector<CanFrame> drain(Transport& t)
{
    std::vector<CanFrame> out;
    t.takeFrames(out);
    return out;
}

} // namespace

TEST(VirtualCan, FramesCrossTwoProcessesInOrderAndAreRecorded)
{
    QTemporaryDir dir;
    const int port = freePort();
    TransportOptions options;
    options.listenOnly = false;
    options.frameLogPath = dir.filePath(QStringLiteral("session.log"));
    auto t = createTransport(virtualBus(port), options);
    ASSERT_TRUE(t.has_value()) << t.error().toStdString();
    Transport& bus = **t;
    bus.open();
    ASSERT_TRUE(bus.waitOpened(5000)) << bus.lastError().toStdString();

    constexpr int kCount = 2000;
    QProcess peer;
    peer.start(pg::test::testBinPath(QStringLiteral("can_peer")), { virtualBus(port), QString::number(kCount), QStringLiteral("8") });
    ASSERT_TRUE(peer.waitForStarted(5000));
    ASSERT_TRUE(peer.waitForReadyRead(5000)) << peer.readAllStandardError().toStdString();
    ASSERT_TRUE(bus.waitForFrames(kCount, 15000)) << "got " << bus.framesReceived();
    const std::vector<CanFrame> got = drain(bus);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i) {
        const CanFrame& f = got[static_cast<std::size_t>(i)];
        EXPECT_EQ(f.id, 0x100U + static_cast<std::uint32_t>(i % 16));
        const int seq = f.data[0] | (f.data[1] << 8) | (f.data[2] << 16);
        ASSERT_EQ(seq, i) << "frames out of order";
    }
    // Sending: the peer echoes with id + 1.
    CanFrame ping;
    ping.id = 0x7A0;
    ping.len = 3;
    ping.data = { 1, 2, 3 };
    ASSERT_TRUE(bus.send(ping).has_value());
    ASSERT_TRUE(bus.waitForFrames(1, 5000));
    const std::vector<CanFrame> echo = drain(bus);
    ASSERT_EQ(echo.size(), 1U);
    EXPECT_EQ(echo[0].id, 0x7A1U);
    EXPECT_EQ(echo[0].data[2], 3);
    bus.close();
    peer.kill();
    peer.waitForFinished();

    // The frame log holds every received and sent frame.
    auto reader = LogReader::open(options.frameLogPath.toStdString());
    ASSERT_TRUE(reader.has_value());
    int n = 0;
    CanFrame f;
    while (reader->next(f))
        ++n;
    EXPECT_EQ(n, kCount + 2);
    EXPECT_EQ(reader->issueCount(), 0);
}

TEST(VirtualCan, ListenOnlyRefusesToTransmit)
{
    TransportOptions options; // listen-only is the default for a first connection
    auto t = createTransport(virtualBus(freePort()), options);
    ASSERT_TRUE(t.has_value());
    (*t)->open();
    ASSERT_TRUE((*t)->waitOpened(5000));
    CanFrame f;
    f.id = 0x123;
    const auto sent = (*t)->send(f);
    ASSERT_FALSE(sent.has_value());
    EXPECT_TRUE(sent.error().contains(QStringLiteral("listen-only")));
    EXPECT_EQ((*t)->framesSent(), 0U);
    EXPECT_TRUE((*t)->description().contains(QStringLiteral("500 kbit/s, listen-only")));
}

TEST(TransportErrors, UnknownPluginNamesTheInstalledOnes)
{
    auto t = createTransport(QStringLiteral("nosuchcan:can0"), {});
    ASSERT_FALSE(t.has_value());
    EXPECT_TRUE(t.error().contains(QStringLiteral("unknown CAN plugin 'nosuchcan'")));
    EXPECT_TRUE(t.error().contains(QStringLiteral("virtualcan")));
    EXPECT_FALSE(createTransport(QStringLiteral("can0"), {}).has_value());
}

TEST(TransportErrors, MissingSerialPortFailsWithTheDeviceName)
{
    auto t = createTransport(QStringLiteral("slcan:/dev/ttyNOSUCHPORT"), {});
    ASSERT_TRUE(t.has_value());
    (*t)->open();
    EXPECT_FALSE((*t)->waitOpened(5000));
    EXPECT_TRUE((*t)->lastError().startsWith(QStringLiteral("slcan:/dev/ttyNOSUCHPORT: cannot open")))
        << (*t)->lastError().toStdString();
}

TEST(TransportErrors, UnsupportedSlcanBitrateIsRefused)
{
    TransportOptions options;
    options.bitrate = 333333;
    auto t = createTransport(QStringLiteral("slcan:/dev/null"), options);
    ASSERT_TRUE(t.has_value());
    (*t)->open();
    EXPECT_FALSE((*t)->waitOpened(5000));
    EXPECT_TRUE((*t)->lastError().contains(QStringLiteral("no code for 333333 bit/s")));
}

TEST(Replay, OriginalTimingAndEndOfStream)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timed.log"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("(100.000000) can0 100#01\n(100.200000) can0 101#02\nbroken line\n(100.400000) can0 102#03\n");
    }
    ReplayTransport replay(path, 1.0);
    QSignalSpy end(&replay, &Transport::endOfStream);
    QSignalSpy events(&replay, &Transport::busEvent);
    QElapsedTimer clock;
    clock.start();
    replay.open();
    ASSERT_TRUE(end.wait(5000));
    // A recording of 0.4 s played at its own pace cannot finish much sooner.
    EXPECT_GE(clock.elapsed(), 350);
    EXPECT_EQ(drain(replay).size(), 3U);
    bool sawMalformed = false;
    for (const auto& args : events) {
        const auto e = args.at(0).value<BusEvent>();
        sawMalformed = sawMalformed || (e.kind == BusEvent::Kind::Malformed && e.message.contains(QStringLiteral("timed.log:3")));
    }
    EXPECT_TRUE(sawMalformed);
}

TEST(Replay, AsFastAsPossibleNeverDrops)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.log"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 50000; ++i)
            f.write(QStringLiteral("(%1.000000) can0 %2#%3\n").arg(i).arg(i % 0x7FF, 3, 16, QLatin1Char('0')).arg(i & 0xFF, 2, 16, QLatin1Char('0')).toLatin1());
    }
    TransportOptions options;
    options.queueCapacity = 1024; // much smaller than the file
    ReplayTransport replay(path, 0, options);
    QSignalSpy end(&replay, &Transport::endOfStream);
    std::vector<CanFrame> got;
    QObject::connect(&replay, &Transport::framesAvailable, [&] { replay.takeFrames(got); });
    replay.open();
    ASSERT_TRUE(end.wait(20000));
    replay.takeFrames(got);
    ASSERT_EQ(got.size(), 50000U);
    EXPECT_EQ(replay.framesDropped(), 0U);
    for (std::size_t i = 0; i < got.size(); ++i)
        ASSERT_EQ(got[i].data[0], i & 0xFF);
}

TEST(SocketCan, ConnectsWhereTheKernelHasAfCan)
{
    QString reason;
    if (!socketcan::available(&reason))
        GTEST_SKIP() << reason.toStdString();
    if (!QtBusTransport::availablePlugins().contains(QStringLiteral("socketcan")))
        GTEST_SKIP() << "Qt's socketcan plugin is not installed";
    auto state = socketcan::linkState(QStringLiteral("vcan0"));
    if (!state)
        GTEST_SKIP() << "no vcan0 interface (create it with: ip link add vcan0 type vcan && ip link set up vcan0)";
    QtBusTransport bus(QStringLiteral("socketcan"), QStringLiteral("vcan0"), {});
    bus.open();
    EXPECT_TRUE(bus.waitOpened(5000)) << bus.lastError().toStdString();
}
