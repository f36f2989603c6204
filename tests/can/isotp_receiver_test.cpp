// The ISO-TP receiver and a full-duplex channel against hand-computed frames (ISO 15765-2):
// reassembly, the flow control it sends, SN checks, N_Cr, unexpected frames. Injected time only.
#include "can/isotp_channel.h"

#include <gtest/gtest.h>
#include <numeric>
#include <vector>

using namespace pg::can;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytesOf(const CanFrame& f)
{
    return { f.data.begin(), f.data.begin() + f.len };
}

CanFrame frameOf(std::uint32_t id, Bytes bytes)
{
    CanFrame f;
    f.id = id;
    f.len = static_cast<std::uint8_t>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), f.data.begin());
    return f;
}

IsoTpConfig config()
{
    IsoTpConfig c;
    c.address = { 0x7E0, 0x7E8, false };
    return c;
}

// A channel fed raw frames from the ECU id 0x7E8.
struct Rx {
    explicit Rx(IsoTpConfig c = config())
        : channel(c)
    {
    }
    void feed(Bytes b, std::int64_t t) { channel.onFrame(frameOf(0x7E8, std::move(b)), t); }
    std::vector<IsoTpEvent> events()
    {
        std::vector<IsoTpEvent> e;
        channel.takeEvents(e);
        return e;
    }
    std::vector<CanFrame> frames()
    {
        std::vector<CanFrame> f;
        channel.takeFrames(f);
        return f;
    }
    IsoTpChannel channel;
};

} // namespace

TEST(IsoTpReceiver, SingleFrameIgnoresPaddingAndOtherIds)
{
    Rx rx;
    rx.channel.onFrame(frameOf(0x7E9, { 0x02, 0x50, 0x01 }), 0); // another ECU
    rx.feed({ 0x03, 0x7F, 0x22, 0x31, 0xAA, 0xAA, 0xAA, 0xAA }, 0);
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].kind, IsoTpEvent::Kind::Received);
    EXPECT_EQ(ev[0].payload, (Bytes { 0x7F, 0x22, 0x31 }));
    EXPECT_TRUE(rx.frames().empty());
}

TEST(IsoTpReceiver, FirstFrameIsAnsweredWithConfiguredFlowControl)
{
    IsoTpConfig c = config();
    c.blockSize = 4;
    c.stMin = 0xF5;
    Rx rx(c);
    rx.feed({ 0x10, 0x14, 0, 1, 2, 3, 4, 5 }, 0);
    const auto fc = rx.frames();
    ASSERT_EQ(fc.size(), 1U);
    EXPECT_EQ(fc[0].id, 0x7E0U); // FC goes out on the tester's tx id
    EXPECT_EQ(bytesOf(fc[0]), (Bytes { 0x30, 0x04, 0xF5, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    rx.feed({ 0x21, 6, 7, 8, 9, 10, 11, 12 }, 10);
    rx.feed({ 0x22, 13, 14, 15, 16, 17, 18, 19 }, 20);
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    Bytes want(20);
    std::iota(want.begin(), want.end(), std::uint8_t { 0 });
    EXPECT_EQ(ev[0].payload, want);
}

TEST(IsoTpReceiver, BlockSizeTwoSendsFlowControlEveryTwoFrames)
{
    IsoTpConfig c = config();
    c.blockSize = 2;
    Rx rx(c);
    // 40 bytes: FF 6 + 5 CFs (7,7,7,7,6). FCs: after FF, after SN 2, after SN 4 -> 3.
    rx.feed({ 0x10, 40, 0, 0, 0, 0, 0, 0 }, 0);
    for (std::uint8_t sn = 1; sn <= 5; ++sn)
        rx.feed({ static_cast<std::uint8_t>(0x20 | sn), sn, sn, sn, sn, sn, sn, sn }, sn);
    EXPECT_EQ(rx.frames().size(), 3U);
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    ASSERT_EQ(ev[0].payload.size(), 40U);
    EXPECT_EQ(ev[0].payload[39], 5); // the last CF's padding byte is not taken
}

TEST(IsoTpReceiver, WrongSequenceNumberDropsTheMessage)
{
    Rx rx;
    rx.feed({ 0x10, 0x14, 0, 1, 2, 3, 4, 5 }, 0);
    rx.feed({ 0x22, 13, 14, 15, 16, 17, 18, 19 }, 10); // SN 2 where 1 is due
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].kind, IsoTpEvent::Kind::Error);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::WrongSequence);
    EXPECT_EQ(ev[0].error.message,
        "consecutive frame with SN 2 where 1 was expected, after 6 of 20 bytes; the message is "
        "dropped");
    EXPECT_FALSE(rx.channel.receiving());
}

TEST(IsoTpReceiver, SequenceWrapsFromFifteenToZero)
{
    Rx rx;
    // 125 bytes: FF 6 + 17 CFs with SN 1..15, 0, 1.
    rx.feed({ 0x10, 125, 0, 0, 0, 0, 0, 0 }, 0);
    for (int i = 1; i <= 17; ++i)
        rx.feed({ static_cast<std::uint8_t>(0x20 | (i & 0x0F)), 1, 1, 1, 1, 1, 1, 1 }, i);
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].kind, IsoTpEvent::Kind::Received);
    EXPECT_EQ(ev[0].payload.size(), 125U);
}

TEST(IsoTpReceiver, NoConsecutiveFrameWithinNcrTimesOut)
{
    Rx rx; // N_Cr 1000 ms
    rx.feed({ 0x10, 0x14, 0, 1, 2, 3, 4, 5 }, 100);
    rx.feed({ 0x21, 6, 7, 8, 9, 10, 11, 12 }, 200'000);
    EXPECT_EQ(rx.channel.nextDeadlineUs(), 1'200'000);
    rx.channel.poll(1'199'999);
    EXPECT_TRUE(rx.events().empty());
    rx.channel.poll(1'200'000);
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::TimeoutCr);
    EXPECT_EQ(
        ev[0].error.message, "no consecutive frame within 1000 ms (N_Cr) after 13 of 20 bytes");
}

TEST(IsoTpReceiver, UnexpectedFrames)
{
    Rx rx;
    rx.feed({ 0x21, 1, 2, 3, 4, 5, 6, 7 }, 0); // CF with no reception going on
    auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::UnexpectedFrame);
    // A SF in the middle of a reception aborts it and is delivered itself (ISO 15765-2
    // N_UNEXP_PDU).
    rx.feed({ 0x10, 0x14, 0, 1, 2, 3, 4, 5 }, 0);
    rx.feed({ 0x02, 0x50, 0x03 }, 1);
    ev = rx.events();
    ASSERT_EQ(ev.size(), 2U);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::UnexpectedFrame);
    EXPECT_EQ(ev[1].payload, (Bytes { 0x50, 0x03 }));
    // A short CF before the end is malformed.
    rx.feed({ 0x10, 0x14, 0, 1, 2, 3, 4, 5 }, 2);
    rx.feed({ 0x21, 6, 7 }, 3);
    ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::InvalidFrame);
}

TEST(IsoTpReceiver, TooLongFirstFrameGetsOverflowFlowControl)
{
    IsoTpConfig c = config();
    c.maxReceiveLength = 100;
    Rx rx(c);
    rx.feed({ 0x10, 0xC8, 0, 1, 2, 3, 4, 5 }, 0); // 200 bytes announced
    const auto fc = rx.frames();
    ASSERT_EQ(fc.size(), 1U);
    EXPECT_EQ(fc[0].data[0], 0x32); // FC overflow
    const auto ev = rx.events();
    ASSERT_EQ(ev.size(), 1U);
    EXPECT_EQ(ev[0].error.kind, IsoTpError::Kind::Overflow);
}

TEST(IsoTpChannel, TwoEndsExchangeAThousandBytesWithBlocksAndStMin)
{
    IsoTpConfig a = config();
    IsoTpConfig b = config();
    b.address = { 0x7E8, 0x7E0, false };
    b.blockSize = 3;
    b.stMin = 0xF2; // 200 us
    IsoTpChannel tester(a);
    IsoTpChannel ecu(b);
    Bytes payload(1000);
    for (std::size_t i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<std::uint8_t>(i * 7);
    ASSERT_TRUE(tester.send(payload, 0).has_value());
    int testerFrames = 0;
    int ecuFrames = 0;
    std::vector<IsoTpEvent> got;
    for (std::int64_t t = 0; t < 200'000 && got.empty(); t += 100) {
        tester.poll(t);
        std::vector<CanFrame> wire;
        testerFrames += static_cast<int>(tester.takeFrames(wire));
        for (const CanFrame& f : wire)
            ecu.onFrame(f, t);
        wire.clear();
        ecuFrames += static_cast<int>(ecu.takeFrames(wire));
        for (const CanFrame& f : wire)
            tester.onFrame(f, t);
        ecu.takeEvents(got);
    }
    ASSERT_EQ(got.size(), 1U);
    EXPECT_EQ(got[0].payload, payload);
    // 1000 = 6 + 142 * 7: 1 FF + 142 CFs; FCs after the FF and after each of the 47 full blocks.
    EXPECT_EQ(testerFrames, 143);
    EXPECT_EQ(ecuFrames, 48);
    // STmin holds inside a block: 48 blocks (47 of 3, one of 1) have 142 - 48 = 94 spaced gaps.
    EXPECT_GE(got[0].timeUs, 94 * 200);
}

TEST(IsoTpChannel, CanFdLinkCarriesLongFramesBothWays)
{
    IsoTpConfig a = config();
    a.frameDataLength = 64;
    IsoTpConfig b = a;
    b.address = { 0x7E8, 0x7E0, false };
    IsoTpChannel tester(a);
    IsoTpChannel ecu(b);
    Bytes payload(300);
    std::iota(payload.begin(), payload.end(), std::uint8_t { 1 });
    ASSERT_TRUE(ecu.send(payload, 0).has_value());
    std::vector<CanFrame> wire;
    std::vector<CanFrame> all;
    std::vector<IsoTpEvent> got;
    for (int round = 0; round < 10 && got.empty(); ++round) {
        ecu.poll(round);
        wire.clear();
        ecu.takeFrames(wire);
        for (const CanFrame& f : wire) {
            all.push_back(f);
            tester.onFrame(f, round);
        }
        wire.clear();
        tester.takeFrames(wire);
        for (const CanFrame& f : wire)
            ecu.onFrame(f, round);
        tester.takeEvents(got);
    }
    ASSERT_EQ(got.size(), 1U);
    EXPECT_EQ(got[0].payload, payload);
    // 300 = 62 in the FF (10 01 2C + 62 bytes) + 63 + 63 + 63 + 49: the last CF has 50 bytes,
    // rounded up to the FD length 64 with padding.
    ASSERT_EQ(all.size(), 5U);
    EXPECT_TRUE(all[0].is(CanFrame::Fd));
    EXPECT_EQ(all[0].len, 64);
    EXPECT_EQ(all[0].data[0], 0x11);
    EXPECT_EQ(all[0].data[1], 0x2C);
    EXPECT_EQ(all[4].data[0], 0x24);
    EXPECT_EQ(all[4].len, 64);
    EXPECT_EQ(all[4].data[50], 0xCC);
}
