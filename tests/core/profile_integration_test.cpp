// Each profile end to end over Qt's virtualcan: a scripted "pack" (a second Transport on the same
// virtual bus) sends the frames a real pack sends, built with the DBC encoder from physical values
// chosen here; the bench side decodes them through the profile into a PackSnapshot, and every
// field must equal the chosen value within the profile's resolution. The truth is the chosen
// value; the path to the wire is the DBC encoder, independent of the profile's mapping.
#include "can/dbc_parser.h"
#include "can/transport_factory.h"
#include "core/snapshot_assembler.h"
#include "dbc_frames.h"
#include "test_paths.h"
#include "virtual_bus.h"

#include <functional>
#include <gtest/gtest.h>
#include <map>

using namespace pg;
using can::SnapshotField;

namespace {

using Values = std::vector<std::pair<const char*, double>>;

class ProfileOverBus : public ::testing::Test {
protected:
    void open(const char* profile)
    {
        auto d = can::ProfileDecoder::load(profile);
        ASSERT_TRUE(d.has_value()) << d.error().toString();
        m_decoder = std::make_unique<can::ProfileDecoder>(std::move(*d));
        const QString bus = pg::test::sharedVirtualBus();
        can::TransportOptions packSide;
        packSide.listenOnly = false;
        can::TransportOptions benchSide; // listen-only, as the profile says for broadcast packs
        benchSide.bitrate = m_decoder->profile().transport.bitrate;
        auto pack = can::createTransport(bus, packSide);
        auto bench = can::createTransport(bus, benchSide);
        ASSERT_TRUE(pack && bench);
        m_pack = std::move(*pack);
        m_bench = std::move(*bench);
        m_bench->open();
        ASSERT_TRUE(m_bench->waitOpened(5000)) << m_bench->lastError().toStdString();
        m_pack->open();
        ASSERT_TRUE(m_pack->waitOpened(5000)) << m_pack->lastError().toStdString();
    }

    void TearDown() override
    {
        if (m_pack)
            m_pack->close();
        if (m_bench)
            m_bench->close();
    }

    // Encodes a message from physical values with the profile's DBC and queues it on the pack side.
    void send(const char* message, const Values& values)
    {
        sendWith(m_decoder->dbcDecoder(), message, values);
    }

    // The same with another DBC (e.g. an independent one for the same pack).
    void sendWith(const can::DbcDecoder& dbc, const char* message, const Values& values)
    {
        const can::DbcMessage* m = dbc.database().findMessage(message);
        ASSERT_NE(m, nullptr) << message;
        for (const auto& [name, value] : values) {
            const can::DbcSignal* s = m->findSignal(name);
            ASSERT_NE(s, nullptr) << name;
            m_resolution[name] = std::abs(s->factor);
        }
        can::CanFrame f = pg::test::encodeFrame(dbc, message, values);
        if (m_beforeSend)
            m_beforeSend(f);
        sendRaw(f);
    }

    void sendRaw(const can::CanFrame& f)
    {
        ASSERT_TRUE(m_pack->send(f).has_value());
        ++m_sent;
    }

    // Receives everything the pack sent and returns the last snapshot.
    core::PackSnapshot receive()
    {
        EXPECT_TRUE(m_bench->waitForFrames(m_sent, 10000))
            << "got " << m_bench->framesReceived() << " of " << m_sent;
        std::vector<can::CanFrame> frames;
        m_bench->takeFrames(frames);
        EXPECT_EQ(frames.size(), m_sent);
        core::SnapshotAssembler a(*m_decoder, {});
        std::vector<core::PackSnapshot> out;
        a.addFrames(frames, out);
        EXPECT_FALSE(out.empty());
        return a.snapshot(a.lastTimeS());
    }

    // |got - truth| within half a step of the signal's DBC resolution times the profile's scale.
    void expectField(const core::PackSnapshot& s, SnapshotField f, double truth, const char* signal,
        double scale = 1.0)
    {
        const core::SnapshotValue& v = s.get(f);
        ASSERT_TRUE(v.present) << can::fieldInfo(f).key;
        EXPECT_FALSE(v.stale) << can::fieldInfo(f).key;
        EXPECT_NEAR(v.value, truth, m_resolution[signal] * std::abs(scale) / 2 + 1e-9)
            << can::fieldInfo(f).key;
        EXPECT_FALSE(s.sourceOf(v).isEmpty());
    }

    std::unique_ptr<can::ProfileDecoder> m_decoder;
    std::unique_ptr<can::Transport> m_pack;
    std::unique_ptr<can::Transport> m_bench;
    std::function<void(can::CanFrame&)> m_beforeSend; // e.g. a pack's checksum
    std::size_t m_sent = 0;
    std::map<std::string, double> m_resolution;
};

} // namespace

TEST_F(ProfileOverBus, Foxbms2PackSnapshotEqualsTheValuesSent)
{
    open("foxbms2");
    send("f_PackValuesP0",
        { { "BatteryVoltage", 712.3 }, { "Current", -35.27 } }); // charging at 35.27 A
    send("f_PackStateEstimation", { { "MinimumSoc", 64.2 }, { "Soh", 91.5 } });
    send("f_PackLimits",
        { { "MaximumChargeCurrent", 120.25 }, { "MaximumDischargeCurrent", 250.5 } });
    send("f_BmsState", { { "BmsState", 7 }, { "GeneralError", 0 }, { "GeneralWarning", 1 } });
    std::vector<double> cells(16);
    for (int mux = 0; mux < 4; ++mux) {
        Values v { { "f_CellVoltages_Mux", mux } };
        static const char* names[16]
            = { "CellVoltage_000", "CellVoltage_001", "CellVoltage_002", "CellVoltage_003",
                  "CellVoltage_004", "CellVoltage_005", "CellVoltage_006", "CellVoltage_007",
                  "CellVoltage_008", "CellVoltage_009", "CellVoltage_010", "CellVoltage_011",
                  "CellVoltage_012", "CellVoltage_013", "CellVoltage_014", "CellVoltage_015" };
        for (int k = 0; k < 4; ++k) {
            const int cell = 4 * mux + k;
            cells[static_cast<std::size_t>(cell)] = 3.600 + 0.007 * cell;
            v.push_back({ names[cell], 1000.0 * cells[static_cast<std::size_t>(cell)] });
            // foxbms2.dbc VAL_: the flag is 1 = "Valid" (foxBMS 2 v1.11.0 sets it per value)
            static std::vector<std::string> flags;
            if (flags.empty()) {
                for (const char* n : names)
                    flags.push_back(std::string(n) + "_invalidFlag");
            }
            v.push_back({ flags[static_cast<std::size_t>(cell)].c_str(), 1 });
        }
        send("f_CellVoltages", v);
    }
    // Sensors 7..10 are left all 0 (flag 0 = "Invalid"): they must not be present.
    send("f_CellTemperatures",
        { { "f_CellTemperatures_Mux", 1 }, { "CellTemperature_006", -12 },
            { "CellTemperature_006_invalidFlag", 1 }, { "CellTemperature_011", 41 },
            { "CellTemperature_011_invalidFlag", 1 } });
    const core::PackSnapshot s = receive();
    expectField(s, SnapshotField::PackVoltage, 712.3, "BatteryVoltage");
    expectField(s, SnapshotField::PackCurrent, -35.27, "Current");
    expectField(s, SnapshotField::Soc, 64.2, "MinimumSoc");
    expectField(s, SnapshotField::Soh, 91.5, "Soh");
    expectField(s, SnapshotField::ChargeCurrentLimit, 120.25, "MaximumChargeCurrent");
    expectField(s, SnapshotField::DischargeCurrentLimit, 250.5, "MaximumDischargeCurrent");
    expectField(s, SnapshotField::BmsState, 7, "BmsState");
    expectField(s, SnapshotField::WarningActive, 1, "GeneralWarning");
    ASSERT_EQ(s.cellCount(), 16);
    for (int i = 0; i < 16; ++i)
        EXPECT_NEAR(s.cellVoltagesV[static_cast<std::size_t>(i)].value,
            cells[static_cast<std::size_t>(i)], 0.0005 + 1e-9)
            << i;
    ASSERT_GE(s.temperaturesC.size(), 12U);
    EXPECT_DOUBLE_EQ(s.temperaturesC[6].value, -12);
    EXPECT_DOUBLE_EQ(s.temperaturesC[11].value, 41);
    EXPECT_FALSE(s.temperaturesC[0].present);
    for (std::size_t k = 7; k <= 10; ++k)
        EXPECT_FALSE(s.temperaturesC[k].present) << k; // flagged invalid: not a 0 degC reading
}

TEST_F(ProfileOverBus, InverterCanPackSnapshotEqualsTheValuesSent)
{
    open("inverter-can");
    // PROTOCOLS.md 3 example, as raw bytes: 351: 14 02 74 0E 74 0E CC 01 = 53.2 V, 370 A, 370
    // A, 46.0 V.
    can::CanFrame limits;
    limits.id = 0x351;
    limits.len = 8;
    limits.data = { 0x14, 0x02, 0x74, 0x0E, 0x74, 0x0E, 0xCC, 0x01 };
    sendRaw(limits);
    send("BMS_Measurements",
        { { "BatteryVoltage", 52.37 }, { "BatteryCurrent", 18.4 },
            { "BatteryTemperature", 23.7 } });
    send("BMS_SocSoh", { { "Soc", 77 }, { "Soh", 93 } });
    send("BMS_Alarms", { { "AlarmCellOverVoltage", 1 } });
    send("BMS_Requests", { { "ChargeEnable", 1 }, { "DischargeEnable", 1 } });
    can::CanFrame name;
    name.id = 0x35E;
    name.len = 6;
    name.data = { 'P', 'Y', 'L', 'O', 'N', ' ' };
    sendRaw(name);
    const core::PackSnapshot s = receive();
    EXPECT_NEAR(s.usable(SnapshotField::ChargeVoltageLimit).value_or(-1), 53.2, 1e-9);
    EXPECT_NEAR(s.usable(SnapshotField::ChargeCurrentLimit).value_or(-1), 370.0, 1e-9);
    EXPECT_NEAR(s.usable(SnapshotField::DischargeCurrentLimit).value_or(-1), 370.0, 1e-9);
    EXPECT_NEAR(s.usable(SnapshotField::DischargeVoltageLimit).value_or(-1), 46.0, 1e-9);
    expectField(s, SnapshotField::PackVoltage, 52.37, "BatteryVoltage");
    expectField(s, SnapshotField::PackCurrent, -18.4, "BatteryCurrent",
        -1); // charge-positive on the wire (GAP)
    expectField(s, SnapshotField::Soc, 77, "Soc");
    expectField(s, SnapshotField::Soh, 93, "Soh");
    ASSERT_EQ(s.temperaturesC.size(), 1U);
    EXPECT_NEAR(s.temperaturesC[0].value, 23.7, 0.05 + 1e-9);
    EXPECT_EQ(s.get(SnapshotField::FaultActive).value, 2.0); // bit 1: cell over-voltage
    EXPECT_EQ(s.get(SnapshotField::ContactorClosed).value, 1.0);
    EXPECT_EQ(s.get(SnapshotField::Name).text, QStringLiteral("PYLON"));
    EXPECT_TRUE(s.sourceOf(s.get(SnapshotField::PackCurrent)).contains(QLatin1String("GAP")));
}

TEST_F(ProfileOverBus, OrionBms2PackSnapshotEqualsTheValuesSent)
{
    open("orion-bms2");
    send("Orion_PackStatus",
        { { "PackCurrent", -12.3 }, { "PackVoltage", 355.7 }, { "PackSoc", 81.5 } });
    send("Orion_PackLimits",
        { { "PackDcl", 200 }, { "PackCcl", 75 }, { "HighTemperature", 31 },
            { "LowTemperature", -4 } });
    // The pack's checksum, computed here from PROTOCOLS.md 4: b7 = (0x36 + 8 + sum b0..b6) & 0xFF.
    m_beforeSend = [](can::CanFrame& f) {
        unsigned sum = 0x36 + 8;
        for (int i = 0; i < 7; ++i)
            sum += f.data[static_cast<std::size_t>(i)];
        f.data[7] = static_cast<std::uint8_t>(sum & 0xFF);
    };
    std::vector<double> cells;
    for (int id = 0; id < 8; ++id) {
        cells.push_back(3.7000 + 0.0123 * id);
        send("Orion_CellBroadcast",
            { { "CellId", id }, { "CellVoltage", cells.back() * 1000.0 },
                { "CellOpenCircuitVoltage", 3750 } });
    }
    // A cell frame whose checksum is wrong must be dropped, not decoded (PROTOCOLS.md 9.5).
    m_beforeSend = [](can::CanFrame& f) { f.data[7] ^= 0x5A; };
    send("Orion_CellBroadcast", { { "CellId", 8 }, { "CellVoltage", 2500 } });
    const core::PackSnapshot s = receive();
    expectField(s, SnapshotField::PackCurrent, -12.3, "PackCurrent");
    expectField(s, SnapshotField::PackVoltage, 355.7, "PackVoltage");
    expectField(s, SnapshotField::Soc, 81.5, "PackSoc");
    expectField(s, SnapshotField::DischargeCurrentLimit, 200, "PackDcl");
    expectField(s, SnapshotField::ChargeCurrentLimit, 75, "PackCcl");
    expectField(s, SnapshotField::TemperatureMax, 31, "HighTemperature");
    expectField(s, SnapshotField::TemperatureMin, -4, "LowTemperature");
    ASSERT_EQ(s.cellCount(), 8) << "the frame with a bad checksum was decoded";
    EXPECT_EQ(m_decoder->checkFailures(), 1U);
    for (int i = 0; i < 8; ++i)
        EXPECT_NEAR(s.cellVoltagesV[static_cast<std::size_t>(i)].value,
            cells[static_cast<std::size_t>(i)], 0.00005 + 1e-9)
            << i;
}

TEST_F(ProfileOverBus, NissanLeafBroadcastsAndGroupAnswerGiveTheSnapshot)
{
    open("nissan-leaf-lbc");
    // The pack's frames are built with the community Leaf DBC (GPL-3.0, test input only, read
    // from shared/data): independent of the DBC PackGrade wrote and ships for this profile.
    auto gpl = can::DbcParser::load(
        pg::test::sharedDataPath(QStringLiteral("dbc/nissan_leaf_aze0_evcan.dbc")).toStdString(),
        {});
    ASSERT_TRUE(gpl.has_value()) << gpl.error().toString();
    const can::DbcDecoder leaf(*gpl);
    sendWith(leaf, "x1DB",
        { { "LB_Current", -87.5 }, { "LB_Total_Voltage", 371.5 } }); // LBC: charge positive
    sendWith(leaf, "x55B", { { "LB_SOC", 645 } }); // raw units of 0.1 %: 64.5 %
    sendWith(leaf, "x5BC", { { "LB_Capacity_Deterioration_Rate", 83 } });
    sendWith(leaf, "x5C0", { { "LB_Diagnosis_Trouble_Code", 0x2A } });
    const core::PackSnapshot broadcast = receive();
    ASSERT_EQ(broadcast.dtcs.size(), 1U);
    EXPECT_EQ(broadcast.dtcs[0].value, 0x2A);
    expectField(broadcast, SnapshotField::PackCurrent, 87.5, "LB_Current", -1); // discharging
    expectField(broadcast, SnapshotField::PackVoltage, 371.5, "LB_Total_Voltage");
    expectField(broadcast, SnapshotField::Soc, 64.5, "LB_SOC", 0.1);
    expectField(broadcast, SnapshotField::Soh, 83, "LB_Capacity_Deterioration_Rate");

    // Group 02 answer (reassembled by the ISO-TP client to come): 96 x u16 BE mV after `61 02`.
    std::vector<std::uint8_t> g02;
    for (int i = 0; i < 96; ++i) {
        const int mv = 3900 + i;
        g02.push_back(static_cast<std::uint8_t>(mv >> 8));
        g02.push_back(static_cast<std::uint8_t>(mv & 0xFF));
    }
    // Group 04: [thermistor u16, degC u8] x 4; the fourth sensor absent.
    const std::vector<std::uint8_t> g04 { 0x02, 0x10, 21, 0x02, 0x12, 20, 0x02, 0x0E, 22, 0xFF,
        0xFF, 0xFF };
    std::vector<can::FieldValue> values;
    EXPECT_EQ(m_decoder->decodePollResponse("G02", g02, 1'000'000, values), 96U);
    EXPECT_EQ(m_decoder->decodePollResponse("G04", g04, 1'000'000, values), 4U);
    core::SnapshotAssembler a(*m_decoder, {});
    std::vector<core::PackSnapshot> out;
    a.addValues(values, 1.0, out);
    const core::PackSnapshot s = a.snapshot(1.0);
    ASSERT_EQ(s.cellCount(), 96);
    EXPECT_DOUBLE_EQ(s.cellVoltagesV[0].value, 3.900);
    EXPECT_DOUBLE_EQ(s.cellVoltagesV[95].value, 3.995);
    ASSERT_EQ(s.temperaturesC.size(), 4U);
    EXPECT_DOUBLE_EQ(s.temperaturesC[1].value, 20);
    EXPECT_FALSE(s.temperaturesC[3].valid);
}

namespace {

can::CanFrame extendedFrame(std::uint32_t id, std::vector<std::uint8_t> bytes)
{
    can::CanFrame f;
    f.id = id;
    f.set(can::CanFrame::Extended);
    f.len = static_cast<std::uint8_t>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), f.data.begin());
    return f;
}

} // namespace

// A J1939 BMS at source address 0x80 reports three active DTCs by BAM; the frames are written
// here by hand from SAE J1939-21 (TP.CM BAM, TP.DT) and J1939-73 (DM1) as PROTOCOLS.md 6 gives
// them, none built by product code. The snapshot's DTC list must hold the three DTCs, and a DM1
// from another address (0x81) must not leak in.
TEST_F(ProfileOverBus, J1939Dm1ByBamFillsTheSnapshotDtcs)
{
    const std::string profile
        = pg::test::dataPath(QStringLiteral("profiles/good_j1939_dm1.json")).toStdString();
    open(profile.c_str());
    // DM1: lamps 0x04 (amber on), flash 0xFF, then
    //   SPN 520 (0x208) FMI 3 OC 2        -> 08 02 03 02
    //   SPN 168 (0xA8) FMI 1 OC 7         -> A8 00 01 07
    //   SPN 0x5ABCD FMI 17 OC 126         -> CD AB (0x5 << 5 | 17 = 0xB1) 7E
    // 14 bytes -> BAM of 2 packets (7 + 7).
    sendRaw(extendedFrame(0x18ECFF80, { 0x20, 0x0E, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }));
    sendRaw(extendedFrame(0x18EBFF80, { 0x01, 0x04, 0xFF, 0x08, 0x02, 0x03, 0x02, 0xA8 }));
    sendRaw(extendedFrame(0x18EBFF80, { 0x02, 0x00, 0x01, 0x07, 0xCD, 0xAB, 0xB1, 0x7E }));
    // Another ECU's single-frame DM1 (SPN 100 FMI 1 OC 1): not the pack's address.
    sendRaw(extendedFrame(0x18FECA81, { 0x00, 0xFF, 0x64, 0x00, 0x01, 0x01, 0xFF, 0xFF }));
    send("f_PackValuesP0", { { "BatteryVoltage", 51.2 } });
    const core::PackSnapshot s = receive();
    expectField(s, SnapshotField::PackVoltage, 51.2, "BatteryVoltage");
    ASSERT_EQ(s.dtcs.size(), 3U);
    const char* texts[]
        = { "SPN 520 FMI 3 OC 2", "SPN 168 FMI 1 OC 7", "SPN 371661 FMI 17 OC 126" };
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_TRUE(s.dtcs[i].present) << i;
        EXPECT_EQ(s.dtcs[i].text.toStdString(), texts[i]) << i;
        EXPECT_TRUE(s.sourceOf(s.dtcs[i]).contains(QLatin1String("J1939 DM1 from 0x80")));
    }
    EXPECT_EQ(s.dtcs[0].value, 0x02030208); // the 4 DTC bytes, little-endian
}
