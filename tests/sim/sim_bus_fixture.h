#pragma once
// A simulated pack whose BMS speaks a profile on a real bus, and the product's reader on the same
// bus: the pieces the simulator-over-CAN tests share.
#include "app/sim/bench_simulator.h"
#include "app/sim/profile_bms.h"
#include "core/can_bms_source.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <functional>
#include <gtest/gtest.h>

namespace pg::test {

inline std::unique_ptr<sim::BenchSimulator> startBench(const QByteArray& specJson)
{
    auto spec = sim::parsePackSpec(specJson, QStringLiteral("test spec"));
    EXPECT_TRUE(spec.has_value()) << (spec ? "" : spec.error().toStdString());
    if (!spec)
        return nullptr;
    auto b = sim::BenchSimulator::create(*spec, 1.0);
    EXPECT_TRUE(b.has_value());
    QString error;
    EXPECT_TRUE((*b)->start(0, &error)) << error.toStdString();
    (*b)->stop(); // the tests advance simulated time by hand
    return std::move(*b);
}

// Sends SCPI commands to the simulator's load as the bench would, over TCP (the server runs on
// this thread, so the event loop runs while waiting).
inline void scpi(quint16 port, const QByteArray& commands)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    ASSERT_TRUE(s.waitForConnected(3000));
    s.write(commands + "\n*IDN?\n"); // the answer says the commands before it were taken
    for (int i = 0; i < 400 && !s.canReadLine(); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        s.waitForReadyRead(5);
    }
    ASSERT_TRUE(s.canReadLine()) << "the simulated load did not answer " << commands.toStdString();
}

// Runs this thread's events (the BMS and the bus server live here) until `done` or the timeout.
inline bool runUntil(const std::function<bool()>& done, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1); // processEvents returns at once when idle: do not spin
    }
    return true;
}

// A simulated pack, its BMS on `bmsDevice`, and the product's reader on `readerDevice` (the same
// bus, or the other end of a link), stamping frames with the simulator's clock.
struct SimRig {
    std::unique_ptr<sim::BenchSimulator> bench;
    std::unique_ptr<sim::ProfileBms> bms;
    std::unique_ptr<core::CanBmsSource> reader;
    bool ok() const { return bench && bms && reader; }
};

inline SimRig startRig(const QByteArray& spec, const QString& bmsDevice,
    const QString& readerDevice, const QString& logPath = {})
{
    SimRig r;
    r.bench = startBench(spec);
    if (!r.bench)
        return r;
    const QString profile = r.bench->pack().spec().profile;
    auto bms = sim::ProfileBms::open(*r.bench, profile, bmsDevice);
    EXPECT_TRUE(bms.has_value()) << (bms ? "" : bms.error().toStdString());
    if (bms)
        r.bms = std::move(*bms);
    core::CanBmsOptions o { readerDevice, profile, logPath,
        [b = r.bench.get()] { return b->simTimeS(); }, 0 };
    auto reader = core::CanBmsSource::open(o);
    EXPECT_TRUE(reader.has_value()) << (reader ? "" : reader.error().toStdString());
    if (reader)
        r.reader = std::move(*reader);
    return r;
}

} // namespace pg::test
