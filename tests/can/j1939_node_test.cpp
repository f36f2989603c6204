// J1939 end to end over Qt's virtualcan: the product's J1939Node on one Transport, a scripted
// ECU on another. The ECU's frames are written by hand from SAE J1939-21 (TP.CM/TP.DT) and
// J1939-73 (DM1) byte layouts; it uses none of the product's J1939 code.
#include "bus_pair.h"
#include "can/j1939_dm1.h"
#include "can/j1939_node.h"

#include <QSignalSpy>
#include <QTimer>
#include <gtest/gtest.h>

using namespace pg::can;
using Bytes = std::vector<std::uint8_t>;

namespace {

CanFrame extFrame(std::uint32_t id, const Bytes& b)
{
    CanFrame f;
    f.id = id;
    f.set(CanFrame::Extended);
    f.len = static_cast<std::uint8_t>(b.size());
    std::copy(b.begin(), b.end(), f.data.begin());
    return f;
}

} // namespace

TEST(J1939OverVirtualCan, BamDm1WithFourDtcs)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    // DM1 from source 0x80 with 4 DTCs: 2 + 16 = 18 bytes -> BAM of 3 packets (7, 7, 4 + FF fill).
    //   lamps 0x14: amber on (bits 3:2 = 01), red on (bits 5:4 = 01); flash 0xFF
    //   SPN 1234 (0x4D2) FMI 2 OC 1   -> D2 04 02 01
    //   SPN 168 (0xA8) FMI 4 OC 3     -> A8 00 04 03
    //   SPN 0x7FFF0 FMI 0 OC 10       -> F0 FF E0 0A
    //   SPN 520200 (0x7F008) FMI 14 OC 2 -> 08 F0 EE 02
    const Bytes dm1 { 0x14, 0xFF, 0xD2, 0x04, 0x02, 0x01, 0xA8, 0x00, 0x04, 0x03, 0xF0, 0xFF, 0xE0,
        0x0A, 0x08, 0xF0, 0xEE, 0x02 };
    std::vector<CanFrame> script;
    auto add = [&](std::uint32_t id, const Bytes& b) { script.push_back(extFrame(id, b)); };
    add(0x1CECFF80, { 0x20, 0x12, 0x00, 0x03, 0xFF, 0xCA, 0xFE, 0x00 });
    add(0x1CEBFF80, { 0x01, 0x14, 0xFF, 0xD2, 0x04, 0x02, 0x01, 0xA8 });
    add(0x1CEBFF80, { 0x02, 0x00, 0x04, 0x03, 0xF0, 0xFF, 0xE0, 0x0A });
    add(0x1CEBFF80, { 0x03, 0x08, 0xF0, 0xEE, 0x02, 0xFF, 0xFF, 0xFF });
    // J1939-21: BAM packets 50..200 ms apart.
    for (std::size_t i = 0; i < script.size(); ++i)
        QTimer::singleShot(static_cast<int>(50 * i), bench.ecuBus.get(),
            [&, i] { (void)bench.ecuBus->send(script[i]); });

    J1939Node node(*bench.tester); // listen only: no own address
    QSignalSpy arrived(&node, &J1939Node::messagesAvailable);
    ASSERT_TRUE(arrived.wait(5000));
    std::vector<J1939Message> messages;
    node.takeMessages(messages);
    std::vector<J1939Error> errors;
    EXPECT_EQ(node.takeErrors(errors), 0U);
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].id.pgn, j1939::kPgnDm1);
    EXPECT_EQ(messages[0].id.source, 0x80);
    EXPECT_EQ(messages[0].data, dm1);
    const auto decoded = j1939::decodeDm1(messages[0].data);
    ASSERT_TRUE(decoded.has_value()) << decoded.error();
    EXPECT_EQ(decoded->lamps.amberWarning, j1939::LampState::On);
    EXPECT_EQ(decoded->lamps.redStop, j1939::LampState::On);
    EXPECT_EQ(decoded->lamps.malfunction, j1939::LampState::Off);
    ASSERT_EQ(decoded->dtcs.size(), 4U);
    const std::uint32_t spns[] = { 1234, 168, 0x7FFF0, 520200 };
    const std::uint8_t fmis[] = { 2, 4, 0, 14 };
    const std::uint8_t counts[] = { 1, 3, 10, 2 };
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(decoded->dtcs[i].spn, spns[i]) << i;
        EXPECT_EQ(decoded->dtcs[i].fmi, fmis[i]) << i;
        EXPECT_EQ(decoded->dtcs[i].occurrenceCount, counts[i]) << i;
    }
}

TEST(J1939OverVirtualCan, RtsCtsToOurAddressIsAnsweredAndReassembled)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    // The ECU (0x00) sends 18 bytes of PGN 0xFEEB to the bench (0xF9) by RTS/CTS: 3 packets.
    const Bytes payload { 'P', 'A', 'C', 'K', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
        '*', '!', '!' };
    std::vector<Bytes> controls; // what the bench sent back: CTS, CTS, EoMAck
    Transport& ecu = *bench.ecuBus;
    QObject::connect(&ecu, &Transport::framesAvailable, &ecu, [&] {
        std::vector<CanFrame> frames;
        ecu.takeFrames(frames);
        for (const CanFrame& f : frames) {
            if (f.id != 0x1CEC00F9) // TP.CM from 0xF9 to 0x00
                continue;
            controls.emplace_back(f.data.begin(), f.data.begin() + f.len);
            if (f.data[0] != 0x11)
                continue;
            // CTS: send data[1] packets starting at data[2]; each packet = number + 7 bytes.
            for (int n = f.data[2]; n < f.data[2] + f.data[1]; ++n) {
                Bytes dt { static_cast<std::uint8_t>(n) };
                for (std::size_t k = 0; k < 7; ++k) {
                    const std::size_t at = static_cast<std::size_t>(n - 1) * 7 + k;
                    dt.push_back(at < payload.size() ? payload[at] : 0xFF);
                }
                (void)ecu.send(extFrame(0x1CEBF900, dt));
            }
        }
    });
    J1939ReceiverConfig config;
    config.ownAddress = 0xF9;
    config.packetsPerCts = 2;
    J1939Node node(*bench.tester, config);
    QSignalSpy arrived(&node, &J1939Node::messagesAvailable);
    // RTS: 10 size(12 00) packets(3) max-per-CTS(FF) PGN(EB FE 00).
    ASSERT_TRUE(ecu.send(extFrame(0x1CECF900, { 0x10, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }))
                    .has_value());
    ASSERT_TRUE(arrived.wait(5000));
    std::vector<J1939Message> messages;
    ASSERT_EQ(node.takeMessages(messages), 1U);
    EXPECT_EQ(messages[0].id.pgn, 0xFEEBU);
    EXPECT_EQ(messages[0].data, payload);
    QSignalSpy more(&node, &J1939Node::messagesAvailable);
    for (int i = 0; i < 100 && controls.size() < 3; ++i)
        more.wait(20); // runs the event loop until the EoMAck has reached the ECU
    ASSERT_EQ(controls.size(), 3U);
    EXPECT_EQ(controls[0], (Bytes { 0x11, 0x02, 0x01, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }));
    EXPECT_EQ(controls[1], (Bytes { 0x11, 0x01, 0x03, 0xFF, 0xFF, 0xEB, 0xFE, 0x00 }));
    EXPECT_EQ(controls[2], (Bytes { 0x13, 0x12, 0x00, 0x03, 0xFF, 0xEB, 0xFE, 0x00 }));
}
