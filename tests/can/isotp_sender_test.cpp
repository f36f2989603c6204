// The ISO-TP sender against frame sequences worked by hand from ISO 15765-2 (segmentation,
// flow control, STmin, N_Bs). Time is injected: no test sleeps.
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

isotp::Pdu fc(std::uint8_t status, std::uint8_t bs, std::uint8_t st)
{
    CanFrame f;
    f.len = 3;
    f.data[0] = static_cast<std::uint8_t>(0x30 | status);
    f.data[1] = bs;
    f.data[2] = st;
    return *isotp::decodePdu(f);
}

Bytes counting(std::size_t n)
{
    Bytes b(n);
    std::iota(b.begin(), b.end(), std::uint8_t { 0 });
    return b;
}

IsoTpConfig config()
{
    IsoTpConfig c;
    c.address = { 0x7E0, 0x7E8, false };
    return c;
}

} // namespace

TEST(IsoTpSender, ShortMessageIsOneSingleFrame)
{
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    ASSERT_TRUE(s.start(Bytes { 0x3E, 0x00 }, 0, out).has_value());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x02, 0x3E, 0x00, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    EXPECT_FALSE(s.busy());
    EXPECT_TRUE(s.takeCompleted());
}

TEST(IsoTpSender, TwentyBytesAreFirstFrameAndTwoConsecutiveFrames)
{
    // 20 bytes = 6 in the FF + 7 + 7 in CFs with SN 1 and 2.
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    ASSERT_TRUE(s.start(counting(20), 0, out).has_value());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x10, 0x14, 0, 1, 2, 3, 4, 5 }));
    out.clear();
    EXPECT_FALSE(s.poll(500'000, out).has_value()); // still waiting for FC: nothing to send
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(s.onFlowControl(fc(0, 0, 0), 600'000).has_value());
    EXPECT_FALSE(s.poll(600'000, out).has_value());
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x21, 6, 7, 8, 9, 10, 11, 12 }));
    EXPECT_EQ(bytesOf(out[1]), (Bytes { 0x22, 13, 14, 15, 16, 17, 18, 19 }));
    EXPECT_TRUE(s.takeCompleted());
    EXPECT_FALSE(s.busy());
}

TEST(IsoTpSender, BlockSizeWaitsForFlowControlBetweenBlocks)
{
    // 30 bytes: FF 6, then 24 = 7 + 7 + 7 + 3 over SN 1..4. BS 2 -> FC after SN 2.
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    ASSERT_TRUE(s.start(counting(30), 0, out).has_value());
    out.clear();
    s.onFlowControl(fc(0, 2, 0), 10);
    s.poll(10, out);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[1].data[0], 0x22);
    out.clear();
    s.poll(20, out);
    EXPECT_TRUE(out.empty()) << "a block of 2 was sent; the sender must wait for the next FC";
    s.onFlowControl(fc(0, 2, 0), 30);
    s.poll(30, out);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x23, 20, 21, 22, 23, 24, 25, 26 }));
    EXPECT_EQ(bytesOf(out[1]), (Bytes { 0x24, 27, 28, 29, 0xCC, 0xCC, 0xCC, 0xCC }));
    EXPECT_FALSE(s.busy());
}

TEST(IsoTpSender, StMinMillisecondsSpaceConsecutiveFrames)
{
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    s.start(counting(30), 0, out);
    out.clear();
    s.onFlowControl(fc(0, 0, 0x0A), 1000); // STmin 10 ms
    s.poll(1000, out);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(s.nextDeadlineUs(), 11'000);
    s.poll(10'999, out);
    EXPECT_EQ(out.size(), 1U);
    s.poll(11'000, out);
    EXPECT_EQ(out.size(), 2U);
}

TEST(IsoTpSender, StMinMicrosecondsF1ToF9)
{
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    s.start(counting(30), 0, out);
    out.clear();
    s.onFlowControl(fc(0, 0, 0xF3), 0); // 300 us
    s.poll(0, out);
    s.poll(299, out);
    EXPECT_EQ(out.size(), 1U);
    s.poll(300, out);
    EXPECT_EQ(out.size(), 2U);
}

TEST(IsoTpSender, SequenceNumberWrapsFromFifteenToZero)
{
    // 6 + 17 * 7 = 125 bytes: CFs with SN 1..15, 0, 1.
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    s.start(counting(125), 0, out);
    out.clear();
    s.onFlowControl(fc(0, 0, 0), 0);
    s.poll(0, out);
    ASSERT_EQ(out.size(), 17U);
    EXPECT_EQ(out[14].data[0], 0x2F);
    EXPECT_EQ(out[15].data[0], 0x20);
    EXPECT_EQ(out[16].data[0], 0x21);
    EXPECT_EQ(out[16].data[7], 124);
}

TEST(IsoTpSender, WaitExtendsNbsAndTooManyWaitsAbort)
{
    IsoTpConfig c = config();
    c.maxWaitFrames = 2;
    IsoTpSender s(c);
    std::vector<CanFrame> out;
    s.start(counting(20), 0, out);
    EXPECT_FALSE(s.onFlowControl(fc(1, 0, 0), 900'000).has_value());
    // N_Bs restarts on WAIT: 1 s after the FC, not after the FF.
    EXPECT_FALSE(s.poll(1'500'000, out).has_value());
    EXPECT_FALSE(s.onFlowControl(fc(1, 0, 0), 1'800'000).has_value());
    const auto e = s.onFlowControl(fc(1, 0, 0), 1'900'000);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, IsoTpError::Kind::WaitLimit);
    EXPECT_FALSE(s.busy());
}

TEST(IsoTpSender, OverflowFlowControlAbortsTheMessage)
{
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    s.start(counting(300), 0, out);
    const auto e = s.onFlowControl(fc(2, 0, 0), 10);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, IsoTpError::Kind::Overflow);
    EXPECT_EQ(e->message, "receiver cannot take a message of 300 bytes");
    EXPECT_FALSE(s.busy());
}

TEST(IsoTpSender, NoFlowControlWithinNbsTimesOut)
{
    IsoTpSender s(config()); // N_Bs 1000 ms
    std::vector<CanFrame> out;
    s.start(counting(20), 5'000'000, out);
    EXPECT_FALSE(s.poll(5'999'999, out).has_value());
    const auto e = s.poll(6'000'000, out);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, IsoTpError::Kind::TimeoutBs);
    EXPECT_EQ(e->message, "no flow control within 1000 ms (N_Bs) after 6 of 20 bytes");
    EXPECT_FALSE(s.busy());
}

TEST(IsoTpSender, BusyAndUnexpectedFlowControl)
{
    IsoTpSender s(config());
    std::vector<CanFrame> out;
    const auto stray = s.onFlowControl(fc(0, 0, 0), 0);
    ASSERT_TRUE(stray.has_value());
    EXPECT_EQ(stray->kind, IsoTpError::Kind::UnexpectedFrame);
    s.start(counting(20), 0, out);
    const auto again = s.start(counting(3), 0, out);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, IsoTpError::Kind::Busy);
}

TEST(IsoTpSender, RejectsFrameLengthsCanCannotCarry)
{
    IsoTpConfig c = config();
    c.frameDataLength = 10; // not a CAN FD length
    IsoTpSender s(c);
    std::vector<CanFrame> out;
    const auto r = s.start(counting(3), 0, out);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message,
        "frame data length 10 is not 8 or a CAN FD length (12, 16, 20, 24, 32, 48, 64)");
    EXPECT_TRUE(out.empty());
}
