// ISO-TP frame layouts worked by hand from ISO 15765-2 (PCI table in ../shared/PROTOCOLS.md §7).
#include "can/isotp_codec.h"

#include <gtest/gtest.h>
#include <vector>

using namespace pg::can;

namespace {

std::vector<std::uint8_t> bytesOf(const CanFrame& f)
{
    return { f.data.begin(), f.data.begin() + f.len };
}

CanFrame frameOf(std::vector<std::uint8_t> bytes)
{
    CanFrame f;
    f.len = static_cast<std::uint8_t>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), f.data.begin());
    return f;
}

IsoTpConfig classic(std::optional<std::uint8_t> padding = 0xCC)
{
    IsoTpConfig c;
    c.address = { 0x7E0, 0x7E8, false };
    c.padding = padding;
    return c;
}

} // namespace

TEST(IsoTpCodec, SingleFramePaddedAndUnpadded)
{
    const std::vector<std::uint8_t> req { 0x22, 0xF1, 0x90 };
    // SF: PCI 0L with L = 3, then the payload; padding fills to 8 bytes.
    const CanFrame padded = isotp::encodeSingleFrame(classic(), req);
    EXPECT_EQ(padded.id, 0x7E0U);
    EXPECT_FALSE(padded.is(CanFrame::Extended));
    EXPECT_EQ(bytesOf(padded),
        (std::vector<std::uint8_t> { 0x03, 0x22, 0xF1, 0x90, 0xCC, 0xCC, 0xCC, 0xCC }));
    const CanFrame bare = isotp::encodeSingleFrame(classic(std::nullopt), req);
    EXPECT_EQ(bytesOf(bare), (std::vector<std::uint8_t> { 0x03, 0x22, 0xF1, 0x90 }));
    const CanFrame zeros = isotp::encodeSingleFrame(classic(0x00), req);
    EXPECT_EQ(bytesOf(zeros), (std::vector<std::uint8_t> { 0x03, 0x22, 0xF1, 0x90, 0, 0, 0, 0 }));
}

TEST(IsoTpCodec, FirstFrameCarriesTwelveBitLengthAndSixBytes)
{
    std::vector<std::uint8_t> payload(200);
    for (std::size_t i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<std::uint8_t>(i);
    std::size_t taken = 0;
    // 200 = 0x0C8: 1L LL = 10 C8.
    const CanFrame ff = isotp::encodeFirstFrame(classic(), payload, taken);
    EXPECT_EQ(taken, 6U);
    EXPECT_EQ(bytesOf(ff), (std::vector<std::uint8_t> { 0x10, 0xC8, 0, 1, 2, 3, 4, 5 }));
}

TEST(IsoTpCodec, ConsecutiveAndFlowControlFrames)
{
    const std::vector<std::uint8_t> tail { 0xAA, 0xBB };
    EXPECT_EQ(bytesOf(isotp::encodeConsecutiveFrame(classic(), 0x0F, tail)),
        (std::vector<std::uint8_t> { 0x2F, 0xAA, 0xBB, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    // FC: 3S BS ST; block size 8, STmin 0xF5 = 500 us.
    EXPECT_EQ(bytesOf(isotp::encodeFlowControl(
                  classic(std::nullopt), isotp::FlowStatus::ContinueToSend, 8, 0xF5)),
        (std::vector<std::uint8_t> { 0x30, 0x08, 0xF5 }));
    EXPECT_EQ(
        bytesOf(isotp::encodeFlowControl(classic(std::nullopt), isotp::FlowStatus::Overflow, 0, 0)),
        (std::vector<std::uint8_t> { 0x32, 0x00, 0x00 }));
}

TEST(IsoTpCodec, StMinMillisecondsMicrosecondsAndReserved)
{
    EXPECT_EQ(isotp::stMinToUs(0x00), 0);
    EXPECT_EQ(isotp::stMinToUs(0x0A), 10'000);
    EXPECT_EQ(isotp::stMinToUs(0x7F), 127'000);
    EXPECT_EQ(isotp::stMinToUs(0xF1), 100);
    EXPECT_EQ(isotp::stMinToUs(0xF9), 900);
    // Reserved values are taken as the longest STmin, 0x7F (ISO 15765-2 9.6.5.4).
    EXPECT_EQ(isotp::stMinToUs(0x80), 127'000);
    EXPECT_EQ(isotp::stMinToUs(0xF0), 127'000);
    EXPECT_EQ(isotp::stMinToUs(0xFA), 127'000);
}

TEST(IsoTpCodec, DecodesEachPciType)
{
    // A Pdu points into its frame: keep the frames alive.
    const CanFrame sfFrame = frameOf({ 0x05, 0x62, 0xF0, 0x0D, 0x09, 0x0B, 0x55, 0x55 });
    auto sf = isotp::decodePdu(sfFrame);
    ASSERT_TRUE(sf.has_value());
    EXPECT_EQ(sf->type, isotp::PciType::Single);
    EXPECT_EQ(std::vector<std::uint8_t>(sf->data.begin(), sf->data.end()),
        (std::vector<std::uint8_t> { 0x62, 0xF0, 0x0D, 0x09, 0x0B })); // padding not part of it
    const CanFrame ffFrame = frameOf({ 0x11, 0x23, 1, 2, 3, 4, 5, 6 });
    auto ff = isotp::decodePdu(ffFrame);
    ASSERT_TRUE(ff.has_value());
    EXPECT_EQ(ff->type, isotp::PciType::First);
    EXPECT_EQ(ff->length, 0x123U);
    EXPECT_EQ(ff->data.size(), 6U);
    // Escape for > 4095 bytes: 10 00 then a 32-bit length (0x00001000 = 4096).
    auto big = isotp::decodePdu(frameOf({ 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0xAB, 0xCD }));
    ASSERT_TRUE(big.has_value());
    EXPECT_EQ(big->length, 4096U);
    EXPECT_EQ(big->data.size(), 2U);
    auto cf = isotp::decodePdu(frameOf({ 0x2A, 1, 2 }));
    ASSERT_TRUE(cf.has_value());
    EXPECT_EQ(cf->sequence, 0x0A);
    auto fc = isotp::decodePdu(frameOf({ 0x31, 0x00, 0x00 }));
    ASSERT_TRUE(fc.has_value());
    EXPECT_EQ(fc->flowStatus, isotp::FlowStatus::Wait);
}

TEST(IsoTpCodec, RejectsMalformedFrames)
{
    const auto message = [](std::vector<std::uint8_t> b) {
        auto r = isotp::decodePdu(frameOf(std::move(b)));
        EXPECT_FALSE(r.has_value());
        return r ? std::string() : r.error().message;
    };
    EXPECT_EQ(message({}), "empty frame");
    EXPECT_EQ(
        message({ 0x00, 1, 2 }), "single frame with length 0"); // SF_DL 0 is invalid on classic CAN
    EXPECT_EQ(message({ 0x05, 1, 2 }), "single frame declares 5 bytes but carries only 2");
    EXPECT_EQ(message({ 0x10, 0x07, 1, 2, 3, 4, 5, 6 }),
        "first frame declares only 7 bytes, which fit a single frame");
    EXPECT_EQ(message({ 0x10, 0x20, 1, 2 }), "first frame shorter than 8 bytes (4)");
    EXPECT_EQ(message({ 0x33, 0, 0 }), "flow control with reserved flow status 3");
    EXPECT_EQ(message({ 0x30, 0 }), "flow control frame shorter than 3 bytes");
    EXPECT_EQ(message({ 0x40, 0, 0 }), "reserved PCI type 4");
}

TEST(IsoTpCodec, NormalFixedAddressingBuilds18DA)
{
    // 29-bit normal fixed: priority 6 (0x18 in the top byte), PF 0xDA, N_TA, N_SA. A tester 0xF1
    // talking to ECU 0xDB sends on 0x18DADBF1 and listens on 0x18DAF1DB.
    const IsoTpAddress a = IsoTpAddress::normalFixed(0xDB, 0xF1);
    EXPECT_EQ(a.txId, 0x18DADBF1U);
    EXPECT_EQ(a.rxId, 0x18DAF1DBU);
    EXPECT_TRUE(a.extended);
    IsoTpConfig c;
    c.address = a;
    const std::vector<std::uint8_t> req { 0x22, 0x90, 0x03 };
    const CanFrame f = isotp::encodeSingleFrame(c, req);
    EXPECT_TRUE(f.is(CanFrame::Extended));
    EXPECT_EQ(f.id, 0x18DADBF1U);
}

TEST(IsoTpCodec, CanFdEscapeSingleFrameAndDlcPadding)
{
    IsoTpConfig c = classic();
    c.frameDataLength = 64;
    std::vector<std::uint8_t> payload(20, 0x11);
    // FD SF with more than 7 bytes: 00 LL; 22 bytes round up to the FD length 24.
    const CanFrame sf = isotp::encodeSingleFrame(c, payload);
    EXPECT_TRUE(sf.is(CanFrame::Fd));
    EXPECT_EQ(sf.len, 24);
    EXPECT_EQ(sf.data[0], 0x00);
    EXPECT_EQ(sf.data[1], 20);
    EXPECT_EQ(sf.data[22], 0xCC);
    auto back = isotp::decodePdu(sf);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->length, 20U);
    // FD FF: 10 64 then 62 bytes of a 100-byte message.
    std::vector<std::uint8_t> longer(100, 0x22);
    std::size_t taken = 0;
    const CanFrame ff = isotp::encodeFirstFrame(c, longer, taken);
    EXPECT_EQ(ff.len, 64);
    EXPECT_EQ(taken, 62U);
    EXPECT_EQ(ff.data[1], 100);
}
