#include "can/bus_event.h"
#include "can/frame_log.h"
#include "can/frame_queue.h"
#include "can/log_reader.h"

#include <QList>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace pg::can;

TEST(FrameQueue, OverflowIsCountedNeverSilent)
{
    FrameQueue q(16);
    CanFrame f;
    for (int i = 0; i < 20; ++i) {
        f.id = static_cast<std::uint32_t>(i);
        q.push(f);
    }
    EXPECT_EQ(q.size(), 16U);
    EXPECT_EQ(q.overflowCount(), 4U);
    std::vector<CanFrame> out;
    EXPECT_EQ(q.popBatch(out, 10), 10U);
    EXPECT_EQ(out.front().id, 0U); // the oldest are kept; the newest were refused
    EXPECT_EQ(out.back().id, 9U);
}

TEST(FrameQueue, TwoThreadsKeepEveryFrameInOrder)
{
    FrameQueue q(1024);
    constexpr std::uint32_t kCount = 2000000;
    std::thread producer([&] {
        CanFrame f;
        for (std::uint32_t i = 0; i < kCount; ++i) {
            f.id = i;
            while (!q.push(f))
                std::this_thread::yield();
        }
    });
    std::vector<CanFrame> batch;
    std::uint32_t expected = 0;
    bool ordered = true;
    while (expected < kCount) {
        batch.clear();
        q.popBatch(batch, 256);
        for (const CanFrame& f : batch)
            ordered = ordered && f.id == expected++;
        if (batch.empty())
            std::this_thread::yield();
    }
    producer.join();
    EXPECT_TRUE(ordered);
    EXPECT_EQ(q.pushedCount(), kCount);
}

TEST(FrameLog, CrashLosesAtMostTheLastSecond)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("crash.log")).toStdString();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child records for 1.5 s, then dies without any cleanup, as a crash would.
        auto log = FrameLog::create(path, "can0");
        if (!log)
            ::_exit(3);
        CanFrame f;
        f.len = 1;
        for (int i = 0; i < 150; ++i) {
            f.id = static_cast<std::uint32_t>(i);
            f.timeUs = i * 10000;
            (*log)->append(f);
            (*log)->flushIfDue();
            ::usleep(10000);
        }
        ::kill(::getpid(), SIGKILL);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    auto reader = LogReader::open(path);
    ASSERT_TRUE(reader.has_value());
    int n = 0;
    CanFrame f;
    while (reader->next(f))
        ++n;
    EXPECT_EQ(reader->issueCount(), 0) << "a crash must not leave a half-written line";
    // 150 frames at 10 ms: what was written more than a second before the crash survives.
    EXPECT_GE(n, 50);
    EXPECT_LE(n, 150);
}

TEST(BusEvents, ErrorFramesBecomeTypedEvents)
{
    QList<BusEvent> events;
    CanFrame f;
    f.set(CanFrame::Error);
    f.len = 8;
    f.id = 0x40; // CAN_ERR_BUSOFF
    decodeErrorFrame(f, QStringLiteral("can0"), events);
    f.id = 0x4 | 0x200; // CAN_ERR_CRTL | CAN_ERR_CNT
    f.data[1] = 0x20; // CAN_ERR_CRTL_TX_PASSIVE
    f.data[6] = 130;
    f.data[7] = 12;
    decodeErrorFrame(f, QStringLiteral("can0"), events);
    ASSERT_EQ(events.size(), 2);
    EXPECT_EQ(events[0].kind, BusEvent::Kind::BusOff);
    EXPECT_EQ(events[1].kind, BusEvent::Kind::ErrorPassive);
    EXPECT_EQ(events[1].txErrors, 130);
    EXPECT_EQ(events[1].rxErrors, 12);
}
