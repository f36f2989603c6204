// The UDS client over ISO-TP against hand-written ECU replies (ISO 14229-1 layouts, PROTOCOLS.md
// §7): positive responses, NRCs, responsePending and P2/P2*, timeouts naming request and ECU,
// DTC decoding, a 29-bit normal-fixed exchange. Injected time; no test sleeps.
#include "can/uds_client.h"

#include <gtest/gtest.h>

using namespace pg::can;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes bytesOf(const CanFrame& f)
{
    return { f.data.begin(), f.data.begin() + f.len };
}

CanFrame frameOf(std::uint32_t id, Bytes bytes, bool extended = false)
{
    CanFrame f;
    f.id = id;
    f.set(CanFrame::Extended, extended);
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

struct Tester {
    UdsClient client { config() };
    std::vector<CanFrame> sent()
    {
        std::vector<CanFrame> f;
        client.takeFrames(f);
        return f;
    }
    void reply(Bytes b, std::int64_t t) { client.onFrame(frameOf(0x7E8, std::move(b)), t); }
};

} // namespace

TEST(UdsCodec, RequestsAndNames)
{
    EXPECT_EQ(uds::readDataByIdentifierRequest(0xF190), (Bytes { 0x22, 0xF1, 0x90 }));
    EXPECT_EQ(uds::sessionControlRequest(0x03), (Bytes { 0x10, 0x03 }));
    EXPECT_EQ(uds::testerPresentRequest(true), (Bytes { 0x3E, 0x80 }));
    EXPECT_EQ(uds::readDtcByStatusMaskRequest(0xFF), (Bytes { 0x19, 0x02, 0xFF }));
    EXPECT_EQ(uds::nrcName(0x31), "requestOutOfRange");
    EXPECT_EQ(uds::nrcName(0x7F), "serviceNotSupportedInActiveSession");
    EXPECT_EQ(uds::nrcName(0x99), "unknown NRC");
    EXPECT_EQ(uds::serviceName(0x19), "ReadDTCInformation");
    EXPECT_EQ(uds::serviceName(0x85), "service 0x85");
}

TEST(UdsCodec, SessionTimingFromTheExampleReply)
{
    // 50 03 00 32 01 F4: extended session, P2 = 0x0032 = 50 ms, P2* = 0x01F4 * 10 ms = 5 s.
    const auto t = uds::decodeSessionControl(Bytes { 0x50, 0x03, 0x00, 0x32, 0x01, 0xF4 });
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->session, 3);
    EXPECT_EQ(t->p2Ms, 50);
    EXPECT_EQ(t->p2StarMs, 5000);
}

TEST(UdsCodec, DtcsByStatusMaskAndTheirText)
{
    // 59 02 avail, then DTC 0A 9B 17 status 09 and DTC C1 23 45 status 2F.
    const Bytes r { 0x59, 0x02, 0xFF, 0x0A, 0x9B, 0x17, 0x09, 0xC1, 0x23, 0x45, 0x2F };
    const auto rep = uds::decodeDtcByStatusMask(r);
    ASSERT_TRUE(rep.has_value());
    EXPECT_EQ(rep->availabilityMask, 0xFF);
    ASSERT_EQ(rep->dtcs.size(), 2U);
    EXPECT_EQ(rep->dtcs[0].code, 0x0A9B17U);
    EXPECT_TRUE(rep->dtcs[0].testFailed()); // status bit 0
    EXPECT_TRUE(rep->dtcs[0].confirmed()); // bit 3
    EXPECT_FALSE(rep->dtcs[0].pending()); // bit 2
    EXPECT_TRUE(rep->dtcs[1].pending());
    EXPECT_FALSE(rep->dtcs[1].warningIndicator()); // bit 7
    // ISO 15031-6: top two bits 00 = P, 11 = U; next two bits the first digit.
    EXPECT_EQ(uds::dtcText(0x0A9B17), "P0A9B-17");
    EXPECT_EQ(uds::dtcText(0xC12345), "U0123-45");
    EXPECT_EQ(uds::dtcText(0x5ABCDE), "C1ABC-DE");
    const auto cut = uds::decodeDtcByStatusMask(Bytes { 0x59, 0x02, 0xFF, 0x0A, 0x9B });
    ASSERT_FALSE(cut.has_value());
    EXPECT_EQ(cut.error(),
        "truncated DTC record: 2 bytes after the availability mask, not a multiple of 4");
}

TEST(UdsClient, ReadDataByIdentifierSingleFrame)
{
    Tester t;
    ASSERT_TRUE(t.client.request(uds::readDataByIdentifierRequest(0xF190), 0).has_value());
    const auto out = t.sent();
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].id, 0x7E0U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x03, 0x22, 0xF1, 0x90, 0xCC, 0xCC, 0xCC, 0xCC }));
    t.reply({ 0x07, 0x62, 0xF1, 0x90, 0x41, 0x42, 0x43, 0x44 }, 20'000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(r->has_value()) << r->error().message;
    EXPECT_EQ(**r, (Bytes { 0x62, 0xF1, 0x90, 0x41, 0x42, 0x43, 0x44 }));
    EXPECT_EQ(*uds::decodeReadDataByIdentifier(**r, 0xF190), (Bytes { 0x41, 0x42, 0x43, 0x44 }));
    EXPECT_FALSE(t.client.busy());
}

TEST(UdsClient, NegativeResponseNamesNrcRequestAndEcu)
{
    Tester t;
    t.client.request(uds::readDataByIdentifierRequest(0xF190), 0);
    t.reply({ 0x03, 0x7F, 0x22, 0x31 }, 10'000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().kind, UdsError::Kind::Negative);
    EXPECT_EQ(r->error().nrc, 0x31);
    EXPECT_EQ(r->error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 90): negative response 0x31 requestOutOfRange");
}

TEST(UdsClient, ResponsePendingSwitchesFromP2ToP2Star)
{
    Tester t; // P2 1 s, P2* 5 s
    t.client.request(uds::sessionControlRequest(0x03), 0);
    t.reply({ 0x03, 0x7F, 0x10, 0x78 }, 500'000);
    t.client.poll(1'500'000); // past P2, inside P2*
    EXPECT_FALSE(t.client.takeResult().has_value());
    EXPECT_EQ(t.client.nextDeadlineUs(), 5'500'000);
    t.reply({ 0x03, 0x7F, 0x10, 0x78 }, 5'000'000); // pending may repeat: P2* starts again
    t.client.poll(9'000'000);
    EXPECT_FALSE(t.client.takeResult().has_value());
    t.reply({ 0x06, 0x50, 0x03, 0x00, 0x32, 0x01, 0xF4 }, 9'500'000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && r->has_value());
    EXPECT_EQ(t.client.pendingReplies(), 2);
    EXPECT_EQ(uds::decodeSessionControl(**r)->p2Ms, 50);
}

TEST(UdsClient, TimeoutsNameTheRequestAndEcu)
{
    Tester t;
    t.client.request(uds::readDataByIdentifierRequest(0xF190), 0);
    t.client.poll(999'999);
    EXPECT_FALSE(t.client.takeResult().has_value());
    t.client.poll(1'000'000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().kind, UdsError::Kind::Timeout);
    EXPECT_EQ(r->error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 90): no response within 1000 ms");

    t.client.request(uds::readDtcByStatusMaskRequest(0x08), 2'000'000);
    t.reply({ 0x03, 0x7F, 0x19, 0x78 }, 2'100'000);
    t.client.poll(7'100'000);
    r = t.client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().message,
        "ECU 0x7E0, ReadDTCInformation (19 02 08): no response within 5000 ms "
        "after responsePending (0x78, 1 times)");
}

TEST(UdsClient, MultiFrameDtcReportWithFlowControl)
{
    Tester t;
    t.client.request(uds::readDtcByStatusMaskRequest(0xFF), 0);
    t.sent();
    // 11-byte response: FF 10 0B + 6 bytes, CF 21 + 5 bytes.
    t.reply({ 0x10, 0x0B, 0x59, 0x02, 0xFF, 0x0A, 0x9B, 0x17 }, 10'000);
    const auto fc = t.sent();
    ASSERT_EQ(fc.size(), 1U);
    EXPECT_EQ(bytesOf(fc[0]), (Bytes { 0x30, 0x00, 0x00, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    t.client.poll(1'005'000); // P2 has passed, but the response is already arriving
    EXPECT_FALSE(t.client.takeResult().has_value());
    t.reply({ 0x21, 0x09, 0xC1, 0x23, 0x45, 0x2F, 0xCC, 0xCC }, 1'006'000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && r->has_value());
    const auto rep = uds::decodeDtcByStatusMask(**r);
    ASSERT_TRUE(rep.has_value());
    EXPECT_EQ(rep->dtcs.size(), 2U);
}

TEST(UdsClient, BrokenMultiFrameResponseIsATransportError)
{
    Tester t;
    t.client.request(uds::readDataByIdentifierRequest(0xF190), 0);
    t.reply({ 0x10, 0x14, 0x62, 0xF1, 0x90, 1, 2, 3 }, 1000);
    t.reply({ 0x23, 4, 5, 6, 7, 8, 9, 10 }, 2000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().kind, UdsError::Kind::Transport);
    EXPECT_EQ(r->error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 90): ISO-TP consecutive frame "
        "with SN 3 where 1 was expected, after 6 of 20 bytes; the message is dropped");
}

TEST(UdsClient, WrongDidEchoAndSuppressedTesterPresent)
{
    Tester t;
    t.client.request(uds::readDataByIdentifierRequest(0xF190), 0);
    t.reply({ 0x05, 0x62, 0xF1, 0x91, 0x01, 0x02 }, 1000);
    auto r = t.client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().kind, UdsError::Kind::Malformed);
    // 3E 80: suppressPosRspMsgIndicationBit, the request is done once sent.
    ASSERT_TRUE(t.client.request(uds::testerPresentRequest(true), 2000).has_value());
    EXPECT_EQ(bytesOf(t.sent()[0]), (Bytes { 0x02, 0x3E, 0x80, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    r = t.client.takeResult();
    ASSERT_TRUE(r && r->has_value());
    EXPECT_TRUE((*r)->empty());
    EXPECT_FALSE(t.client.busy());
}

TEST(UdsClient, NormalFixed29BitAddressing)
{
    IsoTpConfig c;
    c.address = IsoTpAddress::normalFixed(0xDB, 0xF1); // Renault Zoe gen 2 style ids (PROTOCOLS §8)
    UdsClient client(c);
    client.request(uds::readDataByIdentifierRequest(0x9003), 0);
    std::vector<CanFrame> out;
    client.takeFrames(out);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].id, 0x18DADBF1U);
    EXPECT_TRUE(out[0].is(CanFrame::Extended));
    client.onFrame(
        frameOf(0x18DAF1DB, { 0x05, 0x62, 0x90, 0x03, 0x25, 0x1C }, false), 10); // 11-bit: not ours
    EXPECT_FALSE(client.takeResult().has_value());
    client.onFrame(frameOf(0x18DAF1DB, { 0x05, 0x62, 0x90, 0x03, 0x25, 0x1C }, true), 20);
    auto r = client.takeResult();
    ASSERT_TRUE(r && r->has_value());
    EXPECT_EQ(*uds::decodeReadDataByIdentifier(**r, 0x9003), (Bytes { 0x25, 0x1C }));
}

TEST(UdsClient, LeafStyleGroupQueryWithFlowControlAfterEveryFrame)
{
    // Nissan Leaf LBC (PROTOCOLS.md §8): 02 21 02 on 0x79B, reply 61 02 + 96 cells x u16 on 0x7BB,
    // and the tester sends FC 30 01 00 (block size 1) after every frame.
    IsoTpConfig c;
    c.address = { 0x79B, 0x7BB, false };
    c.blockSize = 1;
    UdsClient client(c);
    ASSERT_TRUE(client.request({ 0x21, 0x02 }, 0).has_value());
    std::vector<CanFrame> out;
    client.takeFrames(out);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x02, 0x21, 0x02, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
    // 2 + 192 = 194 = 0x0C2 bytes: FF carries 61 02 and cell 0-1 (3.900 V = 0x0F3C, 3.901 V);
    // the other 188 bytes need 27 CFs (26 x 7 + 6).
    Bytes response { 0x61, 0x02 };
    for (int cell = 0; cell < 96; ++cell) {
        const int mv = 3900 + cell;
        response.push_back(static_cast<std::uint8_t>(mv >> 8));
        response.push_back(static_cast<std::uint8_t>(mv & 0xFF));
    }
    client.onFrame(frameOf(0x7BB, { 0x10, 0xC2, 0x61, 0x02, 0x0F, 0x3C, 0x0F, 0x3D }), 1000);
    int flowControls = 0;
    std::size_t offset = 6;
    for (int sn = 1; offset < response.size(); ++sn) {
        out.clear();
        client.takeFrames(out);
        ASSERT_EQ(out.size(), 1U) << "no FC before CF " << sn;
        EXPECT_EQ(bytesOf(out[0]), (Bytes { 0x30, 0x01, 0x00, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));
        ++flowControls;
        Bytes cf { static_cast<std::uint8_t>(0x20 | (sn & 0x0F)) };
        for (int k = 0; k < 7; ++k)
            cf.push_back(offset < response.size() ? response[offset++] : 0xFF);
        client.onFrame(frameOf(0x7BB, cf), 1000 + sn);
    }
    EXPECT_EQ(flowControls, 27); // after the FF and after each CF but the last
    auto r = client.takeResult();
    ASSERT_TRUE(r && r->has_value()) << (r && !r->has_value() ? r->error().message : "");
    EXPECT_EQ(**r, response);
    // A reply for another group is not this request's answer.
    client.request({ 0x21, 0x04 }, 10'000);
    client.onFrame(frameOf(0x7BB, { 0x03, 0x61, 0x01, 0x00 }), 10'100);
    r = client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().kind, UdsError::Kind::Malformed);
}

TEST(UdsClient, AdoptsTheEcusSessionTimingWhenAsked)
{
    UdsTiming timing;
    timing.p2Us = 100'000;
    timing.p2StarUs = 1'000'000;
    timing.serverTimingMarginUs = 50'000;
    UdsClient client(config(), timing);
    client.request(uds::sessionControlRequest(0x03), 0);
    // 50 03 00 96 02 58: P2 = 0x96 = 150 ms, P2* = 0x258 * 10 ms = 6 s.
    client.onFrame(frameOf(0x7E8, { 0x06, 0x50, 0x03, 0x00, 0x96, 0x02, 0x58 }), 10'000);
    ASSERT_TRUE(client.takeResult().has_value());
    EXPECT_EQ(client.timing().p2Us, 200'000); // 150 ms + 50 ms margin
    EXPECT_EQ(client.timing().p2StarUs, 6'050'000);
    // The next request waits that long before giving up.
    client.request(uds::readDataByIdentifierRequest(0xF190), 20'000);
    client.poll(219'999);
    EXPECT_FALSE(client.takeResult().has_value());
    client.poll(220'000);
    auto r = client.takeResult();
    ASSERT_TRUE(r && !r->has_value());
    EXPECT_EQ(r->error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 90): no response within 200 ms");
}
