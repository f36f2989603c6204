// J1939 against hand-computed frames (SAE J1939-21 ids and transport protocol, J1939-73 DM1;
// layouts in ../shared/PROTOCOLS.md §6): id split, BAM and RTS/CTS reassembly with their
// timeouts, DM1 decoding and truncated input. Injected time only.
#include "can/j1939_dm1.h"
#include "can/j1939_receiver.h"

#include <gtest/gtest.h>

using namespace pg::can;
using Bytes = std::vector<std::uint8_t>;

namespace {

CanFrame frameOf(std::uint32_t id, Bytes bytes)
{
    CanFrame f;
    f.id = id;
    f.set(CanFrame::Extended);
    f.len = static_cast<std::uint8_t>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), f.data.begin());
    return f;
}

Bytes bytesOf(const CanFrame& f)
{
    return { f.data.begin(), f.data.begin() + f.len };
}

// DM1 with three DTCs (2 + 12 = 14 bytes), worked by hand:
//   lamps: amber on (01 << 2) and MIL off, protect/red off -> 0x04; flash n/a -> 0xFF
//   SPN 100 FMI 1 OC 5:           64 00 01 05
//   SPN 0x5ABCD FMI 3 CM 1 OC 126: CD AB (5 << 5 | 3 = A3) (0x80 | 0x7E = FE)
//   SPN 523 FMI 31 OC 1:          0B 02 1F 01      (523 = 0x20B)
const Bytes kDm1 { 0x04, 0xFF, 0x64, 0x00, 0x01, 0x05, 0xCD, 0xAB, 0xA3, 0xFE, 0x0B, 0x02, 0x1F,
    0x01 };

} // namespace

TEST(J1939Id, SplitsPdu1AndPdu2)
{
    // 0x18FECA00: priority 6, PF 0xFE >= 240 so PS 0xCA is part of the PGN: DM1 from 0x00.
    auto dm1 = j1939::decodeId(0x18FECA00);
    EXPECT_EQ(dm1.priority, 6);
    EXPECT_EQ(dm1.pgn, 0xFECAU);
    EXPECT_EQ(dm1.source, 0x00);
    EXPECT_EQ(dm1.destination, 0xFF);
    EXPECT_FALSE(dm1.pdu1());
    // 0x1CEBFF00: priority 7, PF 0xEB < 240: PS 0xFF is the destination, PGN 0xEB00.
    auto dt = j1939::decodeId(0x1CEBFF00);
    EXPECT_EQ(dt.priority, 7);
    EXPECT_EQ(dt.pgn, 0xEB00U);
    EXPECT_EQ(dt.destination, 0xFF);
    // 0x18DAF1DB: PF 0xDA, to 0xF1 from 0xDB (ISO-TP normal fixed addressing rides on this).
    auto diag = j1939::decodeId(0x18DAF1DB);
    EXPECT_EQ(diag.pgn, 0xDA00U);
    EXPECT_EQ(diag.destination, 0xF1);
    EXPECT_EQ(diag.source, 0xDB);
    // 0x0CF00400 (EEC1): priority 3, PGN 61444.
    auto eec1 = j1939::decodeId(0x0CF00400);
    EXPECT_EQ(eec1.priority, 3);
    EXPECT_EQ(eec1.pgn, 61444U);
    // Data page bit 24 set: 0x19FECA00 -> PGN 0x1FECA.
    EXPECT_EQ(j1939::decodeId(0x19FECA00).pgn, 0x1FECAU);
    // Extended data page bit 25: 0x1A000000 | PF 0xF0 PS 0x01 -> PGN 0x2F001.
    EXPECT_EQ(j1939::decodeId(0x1AF00100).pgn, 0x2F001U);
}

TEST(J1939Id, EncodesBack)
{
    EXPECT_EQ(j1939::encodeId({ 7, 0xEC00, 0xF9, 0x00 }), 0x1CEC00F9U);
    EXPECT_EQ(
        j1939::encodeId({ 6, 0xFECA, 0x00, 0x33 }), 0x18FECA00U); // PDU2 ignores the destination
    for (std::uint32_t id : { 0x18FECA00U, 0x1CEBFF00U, 0x18DAF1DBU, 0x0CF00400U, 0x19FECA00U })
        EXPECT_EQ(j1939::encodeId(j1939::decodeId(id)), id);
}

TEST(J1939Dm1, DecodesLampsAndThreeDtcs)
{
    const auto dm1 = j1939::decodeDm1(kDm1);
    ASSERT_TRUE(dm1.has_value()) << dm1.error();
    EXPECT_EQ(dm1->lamps.amberWarning, j1939::LampState::On);
    EXPECT_EQ(dm1->lamps.malfunction, j1939::LampState::Off);
    EXPECT_EQ(dm1->lamps.redStop, j1939::LampState::Off);
    EXPECT_EQ(dm1->lamps.flash, 0xFF);
    ASSERT_EQ(dm1->dtcs.size(), 3U);
    EXPECT_EQ(dm1->dtcs[0].spn, 100U);
    EXPECT_EQ(dm1->dtcs[0].fmi, 1);
    EXPECT_EQ(dm1->dtcs[0].occurrenceCount, 5);
    EXPECT_FALSE(dm1->dtcs[0].conversionMethod);
    EXPECT_EQ(dm1->dtcs[1].spn, 0x5ABCDU); // needs all 19 bits
    EXPECT_EQ(dm1->dtcs[1].fmi, 3);
    EXPECT_EQ(dm1->dtcs[1].occurrenceCount, 126);
    EXPECT_TRUE(dm1->dtcs[1].conversionMethod);
    EXPECT_EQ(dm1->dtcs[2].spn, 523U);
    EXPECT_EQ(dm1->dtcs[2].fmi, 31);
}

TEST(J1939Dm1, SingleFrameNoDtcAndTruncated)
{
    // Single-frame DM1 with one DTC padded with FF, and the all-zero "no active DTC" form.
    EXPECT_EQ(
        j1939::decodeDm1(Bytes { 0x00, 0xFF, 0x64, 0x00, 0x01, 0x05, 0xFF, 0xFF })->dtcs.size(),
        1U);
    const auto none = j1939::decodeDm1(Bytes { 0x00, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF });
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->dtcs.empty());
    const auto shortOne = j1939::decodeDm1(Bytes { 0x04, 0xFF, 0x64, 0x00, 0x01 });
    ASSERT_FALSE(shortOne.has_value());
    EXPECT_EQ(shortOne.error(), "DM1 too short: 5 bytes, at least 6 (lamps and one DTC) expected");
    Bytes cut(kDm1.begin(), kDm1.end() - 1);
    const auto truncated = j1939::decodeDm1(cut);
    ASSERT_FALSE(truncated.has_value());
    EXPECT_EQ(truncated.error(), "DM1 truncated: 3 bytes after 2 DTCs, a DTC has 4");
}

TEST(J1939Receiver, BamReassemblesDm1)
{
    J1939Receiver rx;
    // TP.CM BAM from 0x00 to global: 20 size(0x000E) packets(2) FF PGN(CA FE 00).
    rx.onFrame(frameOf(0x1CECFF00, { 0x20, 0x0E, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }), 0);
    rx.onFrame(frameOf(0x1CEBFF00, { 0x01, 0x04, 0xFF, 0x64, 0x00, 0x01, 0x05, 0xCD }), 50'000);
    EXPECT_EQ(rx.activeSessions(), 1U);
    rx.onFrame(frameOf(0x1CEBFF00, { 0x02, 0xAB, 0xA3, 0xFE, 0x0B, 0x02, 0x1F, 0x01 }), 100'000);
    std::vector<J1939Message> msgs;
    ASSERT_EQ(rx.takeMessages(msgs), 1U);
    EXPECT_EQ(msgs[0].id.pgn, j1939::kPgnDm1);
    EXPECT_EQ(msgs[0].id.source, 0x00);
    EXPECT_EQ(msgs[0].data, kDm1);
    std::vector<CanFrame> tx;
    EXPECT_EQ(rx.takeFrames(tx), 0U); // BAM is never answered
    std::vector<J1939Error> errors;
    EXPECT_EQ(rx.takeErrors(errors), 0U);
}

TEST(J1939Receiver, SingleFramePgnsPassThrough)
{
    J1939Receiver rx;
    rx.onFrame(frameOf(0x18FECA00, { 0x04, 0xFF, 0x64, 0x00, 0x01, 0x05, 0xFF, 0xFF }), 7);
    CanFrame standard = frameOf(0x123, { 1 });
    standard.set(CanFrame::Extended, false);
    rx.onFrame(standard, 8); // 11-bit frames are not J1939
    std::vector<J1939Message> msgs;
    ASSERT_EQ(rx.takeMessages(msgs), 1U);
    EXPECT_EQ(msgs[0].id.pgn, 0xFECAU);
    EXPECT_EQ(msgs[0].timeUs, 7);
}

TEST(J1939Receiver, BamWrongSequenceAndTimeout)
{
    J1939Receiver rx;
    std::vector<J1939Error> errors;
    rx.onFrame(frameOf(0x1CECFF00, { 0x20, 0x0E, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }), 0);
    rx.onFrame(frameOf(0x1CEBFF00, { 0x02, 1, 2, 3, 4, 5, 6, 7 }), 10);
    ASSERT_EQ(rx.takeErrors(errors), 1U);
    EXPECT_EQ(errors[0].kind, J1939Error::Kind::WrongSequence);
    EXPECT_EQ(errors[0].message,
        "J1939 from 0x00: TP.DT packet 2 where 1 was expected; the transfer is dropped");
    EXPECT_EQ(rx.activeSessions(), 0U);

    errors.clear();
    rx.onFrame(frameOf(0x1CECFF00, { 0x20, 0x0E, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }), 1'000'000);
    rx.onFrame(frameOf(0x1CEBFF00, { 0x01, 1, 2, 3, 4, 5, 6, 7 }), 1'100'000);
    rx.poll(1'849'999); // T1 = 750 ms after the last packet
    EXPECT_EQ(rx.takeErrors(errors), 0U);
    rx.poll(1'850'000);
    ASSERT_EQ(rx.takeErrors(errors), 1U);
    EXPECT_EQ(errors[0].kind, J1939Error::Kind::Timeout);
    EXPECT_EQ(errors[0].message,
        "J1939 from 0x00: no TP.DT packet 2 of 2 within 750 ms (T1, BAM, "
        "PGN 65226); the transfer is dropped");
}

TEST(J1939Receiver, BadAnnouncementsAreRejected)
{
    J1939Receiver rx;
    std::vector<J1939Error> errors;
    // 14 bytes need 2 packets, not 3.
    rx.onFrame(frameOf(0x1CECFF00, { 0x20, 0x0E, 0x00, 0x03, 0xFF, 0xCA, 0xFE, 0x00 }), 0);
    // 8 bytes fit one frame: TP is for 9..1785 bytes.
    rx.onFrame(frameOf(0x1CECFF00, { 0x20, 0x08, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }), 0);
    rx.onFrame(frameOf(0x1CEBFF01, { 0x01, 1, 2, 3, 4, 5, 6, 7 }), 0); // no session from 0x01
    ASSERT_EQ(rx.takeErrors(errors), 3U);
    EXPECT_EQ(
        errors[0].message, "J1939 from 0x00: BAM announces 3 packets for 14 bytes (2 expected)");
    EXPECT_EQ(errors[1].message, "J1939 from 0x00: BAM announces 8 bytes (9..1785 allowed)");
    EXPECT_EQ(errors[2].kind, J1939Error::Kind::Unexpected);
    EXPECT_EQ(rx.activeSessions(), 0U);
}

TEST(J1939Receiver, RtsCtsAnswersWithCtsWindowsAndEndOfMessageAck)
{
    J1939ReceiverConfig c;
    c.ownAddress = 0xF9;
    c.packetsPerCts = 2;
    J1939Receiver rx(c);
    std::vector<CanFrame> tx;
    // RTS from 0x00 to 0xF9: 10 size(18 = 0x12) packets(3) max/CTS(FF) PGN 0xFEEB.
    rx.onFrame(frameOf(0x1CECF900, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 0);
    ASSERT_EQ(rx.takeFrames(tx), 1U);
    // CTS from 0xF9 to 0x00 at priority 7: 11 count(2) next(1) FF FF PGN.
    EXPECT_EQ(tx[0].id, 0x1CEC00F9U);
    EXPECT_EQ(bytesOf(tx[0]), (Bytes { 0x11, 0x02, 0x01, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }));
    tx.clear();
    rx.onFrame(frameOf(0x1CEBF900, { 0x01, 'P', 'A', 'C', 'K', '-', '0', '1' }), 10'000);
    rx.onFrame(frameOf(0x1CEBF900, { 0x02, '2', '3', '4', '5', '6', '7', '8' }), 20'000);
    ASSERT_EQ(rx.takeFrames(tx), 1U);
    EXPECT_EQ(bytesOf(tx[0]), (Bytes { 0x11, 0x01, 0x03, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }));
    tx.clear();
    rx.onFrame(frameOf(0x1CEBF900, { 0x03, '9', '*', '!', '!', 0xFF, 0xFF, 0xFF }), 30'000);
    ASSERT_EQ(rx.takeFrames(tx), 1U);
    // EoMAck: 13 size(12 00) packets(3) FF PGN.
    EXPECT_EQ(bytesOf(tx[0]), (Bytes { 0x13, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }));
    std::vector<J1939Message> msgs;
    ASSERT_EQ(rx.takeMessages(msgs), 1U);
    EXPECT_EQ(msgs[0].id.pgn, 0xFEEBU);
    EXPECT_EQ(msgs[0].id.destination, 0xF9);
    // 18 bytes = 7 + 7 + 4; the 0xFF fill of the last packet is not part of the message.
    EXPECT_EQ(std::string(msgs[0].data.begin(), msgs[0].data.end()), "PACK-0123456789*!!");
}

TEST(J1939Receiver, RtsCtsT2TimeoutAbortsAndSenderAbortIsReported)
{
    J1939ReceiverConfig c;
    c.ownAddress = 0xF9;
    J1939Receiver rx(c);
    std::vector<CanFrame> tx;
    std::vector<J1939Error> errors;
    rx.onFrame(frameOf(0x1CECF900, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 0);
    rx.takeFrames(tx);
    tx.clear();
    rx.poll(1'249'999); // T2 = 1250 ms after our CTS
    EXPECT_EQ(rx.takeErrors(errors), 0U);
    rx.poll(1'250'000);
    ASSERT_EQ(rx.takeErrors(errors), 1U);
    EXPECT_EQ(errors[0].message,
        "J1939 from 0x00: no TP.DT packet 1 of 3 within 1250 ms (T2, RTS/CTS, "
        "PGN 65259); the transfer is dropped");
    ASSERT_EQ(rx.takeFrames(tx), 1U);
    EXPECT_EQ(bytesOf(tx[0]),
        (Bytes { 0xFF, 0x03, 0xFF, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 })); // abort, timeout

    errors.clear();
    rx.onFrame(frameOf(0x1CECF900, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 2'000'000);
    rx.onFrame(frameOf(0x1CECF900, { 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }), 2'010'000);
    ASSERT_EQ(rx.takeErrors(errors), 1U);
    EXPECT_EQ(errors[0].kind, J1939Error::Kind::Aborted);
    EXPECT_EQ(rx.activeSessions(), 0U);
    // An RTS to another node is not ours to answer.
    rx.takeFrames(tx); // the CTS for the aborted transfer
    tx.clear();
    rx.onFrame(frameOf(0x1CEC3300, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 3'000'000);
    EXPECT_EQ(rx.takeFrames(tx), 0U);
}

TEST(J1939Receiver, FollowsRtsCtsBetweenOtherNodesWithoutAnswering)
{
    J1939Receiver rx; // listen only: no own address
    std::vector<CanFrame> tx;
    // 0x00 -> 0x33, 18 bytes of PGN 0xFEEB. The receiver 0x33 asks for 2 packets, then asks for
    // packet 2 again (a retransmission), then for packet 3.
    rx.onFrame(frameOf(0x1CEC3300, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 0);
    rx.onFrame(frameOf(0x1CEC0033, { 0x11, 0x02, 0x01, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }), 1000);
    rx.onFrame(frameOf(0x1CEB3300, { 0x01, 'P', 'A', 'C', 'K', '-', '0', '1' }), 2000);
    rx.onFrame(frameOf(0x1CEB3300, { 0x02, 'x', 'x', 'x', 'x', 'x', 'x', 'x' }), 3000); // corrupt
    rx.onFrame(frameOf(0x1CEC0033, { 0x11, 0x01, 0x02, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }), 4000);
    rx.onFrame(frameOf(0x1CEB3300, { 0x02, '2', '3', '4', '5', '6', '7', '8' }), 5000);
    rx.onFrame(frameOf(0x1CEC0033, { 0x11, 0x01, 0x03, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }), 6000);
    rx.onFrame(frameOf(0x1CEB3300, { 0x03, '9', '*', '!', '!', 0xFF, 0xFF, 0xFF }), 7000);
    rx.onFrame(frameOf(0x1CEC0033, { 0x13, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 8000);
    std::vector<J1939Message> msgs;
    ASSERT_EQ(rx.takeMessages(msgs), 1U);
    EXPECT_EQ(msgs[0].id.destination, 0x33);
    EXPECT_EQ(std::string(msgs[0].data.begin(), msgs[0].data.end()), "PACK-0123456789*!!");
    EXPECT_EQ(rx.takeFrames(tx), 0U) << "a listener never transmits";
    std::vector<J1939Error> errors;
    EXPECT_EQ(rx.takeErrors(errors), 0U);

    // The receiver's abort ends a followed transfer.
    rx.onFrame(frameOf(0x1CEC3300, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }), 9000);
    rx.onFrame(frameOf(0x1CEC0033, { 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }), 9500);
    ASSERT_EQ(rx.takeErrors(errors), 1U);
    EXPECT_EQ(errors[0].kind, J1939Error::Kind::Aborted);
    EXPECT_EQ(rx.activeSessions(), 0U);
}
