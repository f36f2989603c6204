// Faults of the simulated BMS as the bench sees them through the real bus and profile, the
// second transport (SLCAN over a pseudo-terminal pair), and an independent decode of the frame
// log the reader wrote (python-can reading the candump file, layout from PROTOCOLS.md 3).
#include "core/safety.h"
#include "sim_bus_fixture.h"
#include "test_paths.h"
#include "tool_runner.h"
#include "virtual_bus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <atomic>
#include <cmath>
#include <poll.h>
#include <pty.h>
#include <thread>
#include <unistd.h>

using namespace pg;
using can::SnapshotField;

namespace {

QByteArray spec16(const char* profile, const char* faults = "[]")
{
    return QStringLiteral(
        R"({"profile": "%1", "series": 16, "nominal_capacity_ah": 100, "chemistry": "lfp",
        "soc": 0.6, "seed": 5, "faults": %2})")
        .arg(QLatin1String(profile), QLatin1String(faults))
        .toUtf8();
}

using Rig = test::SimRig;
using test::startRig;

// Advances simulated time in 0.1 s steps (the BMS sends what is due after each; the bus server on
// this thread relays it meanwhile).
void advance(Rig& r, double seconds)
{
    for (double t = 0; t < seconds - 1e-9; t += 0.1) {
        r.bench->advance(0.1);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
}

// The same, then waits until the reader has heard the BMS at the new time.
bool advanceAndHear(Rig& r, double seconds)
{
    advance(r, seconds);
    const double now = r.bench->simTimeS();
    int rounds = 0;
    return test::runUntil([&] {
        if (rounds++ % 20 == 0)
            r.bms->sendAll();
        const auto reading = r.reader->latest();
        return reading && reading->timeS >= now - 1e-6;
    });
}

// Two pseudo-terminals joined back to back, as `socat pty pty` does: what one side's SLCAN
// adapter end writes, the other reads.
class PtyPair {
public:
    bool open()
    {
        for (int i = 0; i < 2; ++i) {
            char name[128];
            if (::openpty(&m_master[i], &m_slave[i], name, nullptr, nullptr) != 0)
                return false;
            termios tio {};
            ::tcgetattr(m_slave[i], &tio);
            ::cfmakeraw(&tio);
            ::tcsetattr(m_slave[i], TCSANOW, &tio);
            m_names[i] = QString::fromLocal8Bit(name);
        }
        m_relay = std::thread([this] { relay(); });
        return true;
    }
    ~PtyPair()
    {
        m_stop = true;
        if (m_relay.joinable())
            m_relay.join();
        for (int fd : { m_master[0], m_master[1], m_slave[0], m_slave[1] })
            if (fd >= 0)
                ::close(fd);
    }
    QString name(int i) const { return m_names[i]; }

private:
    void relay()
    {
        pollfd fds[2] = { { m_master[0], POLLIN, 0 }, { m_master[1], POLLIN, 0 } };
        char buf[4096];
        while (!m_stop) {
            if (::poll(fds, 2, 20) <= 0)
                continue;
            for (int i = 0; i < 2; ++i) {
                if (!(fds[i].revents & POLLIN))
                    continue;
                const ssize_t n = ::read(m_master[i], buf, sizeof buf);
                if (n > 0 && ::write(m_master[1 - i], buf, static_cast<std::size_t>(n)) != n)
                    return;
            }
        }
    }
    int m_master[2] = { -1, -1 };
    int m_slave[2] = { -1, -1 };
    QString m_names[2];
    std::thread m_relay;
    std::atomic<bool> m_stop { false };
};

} // namespace

TEST(ProfileBmsFaults, SilentBmsMakesTheReadingStaleAndTripsTheSafetyCheck)
{
    Rig r = startRig(spec16("inverter-can", R"([{"kind": "bms_silent", "at_s": 20}])"),
        test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(advanceAndHear(r, 19.5));
    EXPECT_FALSE(r.reader->snapshot().get(SnapshotField::PackVoltage).stale);
    // Frames are stamped with the bench clock on arrival: let those sent before the silence
    // arrive before the clock jumps 30 s (under a full ctest -j2 one arrived after the jump, was
    // stamped 50 s and read as the BMS talking after it went silent).
    test::runUntil([] { return false; }, 300);
    advance(r, 30.5); // to 50 s: silent from 20 s
    r.bms->sendAll();
    test::runUntil([] { return false; }, 300); // what would arrive, arrives
    const core::BmsReading reading = *r.reader->latest();
    // Frames are stamped with the bench clock on arrival: allow the relay's lag in simulated time.
    EXPECT_LE(reading.timeS, 25.0) << "the reader heard the BMS after it went silent"; // silent from 20 s
    const core::PackSnapshot s = r.reader->snapshot();
    // 0x356 and 0x355 are 1 s messages (DBC default): stale after 10 s (PROTOCOLS.md 9.6).
    EXPECT_TRUE(s.get(SnapshotField::PackVoltage).stale);
    EXPECT_TRUE(s.get(SnapshotField::Soc).stale);
    EXPECT_FALSE(s.packVoltageV().has_value());
    const core::SafetyLimits limits
        = core::SafetyLimits::forChemistry(QStringLiteral("lfp"), 16, 100);
    const auto breach = core::checkSafety(limits,
        { r.bench->simTimeS(), r.bench->pack().voltageV(), 0 }, reading, r.bench->simTimeS());
    ASSERT_TRUE(breach.has_value());
    EXPECT_TRUE(breach->contains(QStringLiteral("BMS silent"))) << breach->toStdString();
}

TEST(ProfileBmsFaults, GarbageFramesAreCountedNotDecoded)
{
    Rig r = startRig(spec16("orion-bms2", R"([{"kind": "garbage_frames", "at_s": 0}])"),
        test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(
        advanceAndHear(r, 5)); // the reader is on the bus now (the server adds clients late)
    test::runUntil([] { return false; }, 200);
    const std::uint64_t sentBefore = r.bms->garbageSent();
    const std::uint64_t seenBefore = r.reader->stats().unknownFrames;
    ASSERT_TRUE(advanceAndHear(r, 10));
    const std::uint64_t sent = r.bms->garbageSent() - sentBefore;
    const bool all
        = test::runUntil([&] { return r.reader->stats().unknownFrames - seenBefore >= sent; });
    EXPECT_TRUE(all) << r.reader->stats().unknownFrames - seenBefore << " of " << sent
                     << " garbage frames seen";
    EXPECT_EQ(r.reader->stats().unknownFrames - seenBefore, sent);
    EXPECT_GT(sent, 10U);
    EXPECT_EQ(r.reader->stats().checkFailures, 0U);
    const core::PackSnapshot s = r.reader->snapshot();
    EXPECT_EQ(s.cellCount(), 16); // no garbage cell ids
    EXPECT_NEAR(*s.packVoltageV(), r.bench->pack().voltageV(), 0.05 + 1e-9); // Orion 0.1 V steps
}

TEST(ProfileBmsFaults, OpenSensorAndIsolationFaultReachTheProcedures)
{
    Rig r
        = startRig(spec16("nissan-leaf-lbc", R"([{"kind": "open_temp_sensor", "cell": 0, "at_s": 0},
        {"kind": "isolation_fault", "at_s": 1}])"),
            test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(advanceAndHear(r, 3));
    ASSERT_TRUE(test::runUntil([&] { return r.reader->snapshot().temperaturesC.size() == 4; }));
    const core::PackSnapshot s = r.reader->snapshot();
    EXPECT_FALSE(s.temperaturesC[0].valid); // the Leaf's 0xFF "not available", not a number
    EXPECT_TRUE(s.temperaturesC[1].valid);
    // Frames sent before the fault may still be arriving (stamped on arrival): the flag must
    // come with the frames sent after it.
    int rounds = 0;
    EXPECT_TRUE(test::runUntil([&] {
        if (rounds++ % 20 == 0)
            r.bms->sendAll();
        return r.reader->latest()->isolationFault;
    }));
    const core::BmsReading reading = *r.reader->latest();
    const auto breach
        = core::checkSafety(core::SafetyLimits::forChemistry(QStringLiteral("lfp"), 16, 100),
            { r.bench->simTimeS(), r.bench->pack().voltageV(), 0 }, reading, r.bench->simTimeS());
    ASSERT_TRUE(breach.has_value());
}

TEST(ProfileBmsSlcan, PackReadBackOverSlcanOnAPtyPair)
{
    PtyPair pty;
    ASSERT_TRUE(pty.open());
    Rig r = startRig(spec16("inverter-can"), QStringLiteral("slcan:") + pty.name(0),
        QStringLiteral("slcan:") + pty.name(1));
    ASSERT_TRUE(r.ok());
    test::scpi(r.bench->scpiPort(), "CURR 30;INP ON");
    advance(r, 60);
    // The serial line drains what was queued while the simulator ran ahead; then the newest
    // frames carry the truth of the (now frozen) pack.
    const double v = r.bench->pack().voltageV(), i = r.bench->pack().currentA();
    int rounds = 0;
    core::PackSnapshot s;
    const bool settled = test::runUntil([&] {
        if (rounds++ % 50 == 0)
            r.bms->sendAll();
        s = r.reader->snapshot();
        return s.packVoltageV() && std::abs(*s.packVoltageV() - v) <= 0.005 + 1e-9
            && s.get(SnapshotField::Name).text == QStringLiteral("PGSIM");
    });
    EXPECT_TRUE(settled) << "frames read over SLCAN: " << r.reader->stats().frames;
    ASSERT_TRUE(s.packVoltageV().has_value());
    EXPECT_NEAR(*s.packVoltageV(), v, 0.005 + 1e-9); // 0x356: 0.01 V steps
    EXPECT_NEAR(*s.packCurrentA(), i, 0.05 + 1e-9); // 0.1 A steps
    EXPECT_EQ(s.get(SnapshotField::Name).text, QStringLiteral("PGSIM"));
}

TEST(ProfileBmsLog, PythonCanDecodesTheSessionLogToTheSimulatorTruth)
{
    QString why;
    if (!test::pythonHas(QStringLiteral("can"), &why))
        GTEST_SKIP() << why.toStdString();
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("can.log"));
    {
        Rig r = startRig(
            spec16("inverter-can"), test::sharedVirtualBus(), test::sharedVirtualBus(), log);
        ASSERT_TRUE(r.ok());
        test::scpi(r.bench->scpiPort(), "CURR 40;INP ON");
        ASSERT_TRUE(advanceAndHear(r, 30));
        const double v = r.bench->pack().voltageV(), i = r.bench->pack().currentA();
        const double t = r.bench->pack().sensorTempC(0);
        // Frames of the last steps may still be on their way: the log is complete once the
        // reader shows the newest values (the pack is frozen now, repeats carry the same ones).
        int rounds = 0;
        EXPECT_TRUE(test::runUntil([&] {
            if (rounds++ % 20 == 0)
                r.bms->sendAll();
            const auto pv = r.reader->snapshot().packVoltageV();
            return pv && std::abs(*pv - v) <= 0.005 + 1e-9;
        }));
        test::runUntil([] { return false; }, 100);
        r.reader.reset(); // closes and flushes the log
        const auto out = test::runTool(QStringLiteral("/usr/bin/python3"),
            { test::toolPath(QStringLiteral("inverter_can_decode.py")), log });
        ASSERT_EQ(out.exitCode, 0) << out.err.toStdString();
        const QJsonObject o = QJsonDocument::fromJson(out.out).object();
        EXPECT_GT(o.value(QStringLiteral("frames")).toInt(), 10);
        EXPECT_NEAR(o.value(QStringLiteral("voltage_v")).toDouble(), v, 0.005 + 1e-9);
        // The profile reads 0x356 current as charge-positive (PROTOCOLS.md 3: sign GAP): the pack
        // sends minus the discharge current.
        EXPECT_NEAR(o.value(QStringLiteral("current_raw_a")).toDouble(), -i, 0.05 + 1e-9);
        EXPECT_GE(o.value(QStringLiteral("temperature_c")).toDouble(),
            t - 0.05 - 1e-9); // the hottest sensor
        EXPECT_EQ(o.value(QStringLiteral("name")).toString(), QStringLiteral("PGSIM"));
    }
}
