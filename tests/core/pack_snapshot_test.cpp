// SnapshotAssembler: bounded snapshot rate, stale fields, sign conversion at the profile edge,
// and the real foxBMS 2 PCAN capture through the foxbms2 profile, checked against a hand decode.
#include "core/profile_replay.h"
#include "core/snapshot_assembler.h"
#include "dbc_frames.h"
#include "test_paths.h"

#include <gtest/gtest.h>

using namespace pg;
using can::SnapshotField;

namespace {

can::CanFrame frameAt(const can::ProfileDecoder& d, const char* message,
    const pg::test::SignalValues& values, double timeS)
{
    can::CanFrame out = pg::test::encodeFrame(d.dbcDecoder(), message, values);
    out.timeUs = static_cast<std::int64_t>(timeS * 1e6);
    return out;
}

} // namespace

TEST(PackSnapshot, AssemblerEmitsAtABoundedRate)
{
    auto d = can::ProfileDecoder::load("foxbms2");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    core::SnapshotAssembler a(*d, { 0.1 });
    std::vector<can::CanFrame> frames;
    for (int i = 0; i < 100; ++i) // 100 frames over 1 s
        frames.push_back(
            frameAt(*d, "f_PackValuesP0", { { "BatteryVoltage", 350.0 + i * 0.1 } }, i * 0.01));
    std::vector<core::PackSnapshot> out;
    a.addFrames(frames, out);
    EXPECT_GE(out.size(), 9U);
    EXPECT_LE(out.size(), 11U);
    ASSERT_TRUE(out.back().packVoltageV().has_value());
    EXPECT_GE(out.back().timeS, 0.89);
    EXPECT_NEAR(
        *out.back().packVoltageV(), 350.0 + 10.0 * out.back().timeS, 0.05); // the state at its time
    EXPECT_NEAR(*a.snapshot(a.lastTimeS()).packVoltageV(), 359.9, 0.05); // and the latest on demand
}

TEST(PackSnapshot, FieldNotRefreshedWithinTenCyclesIsStale)
{
    auto d = can::ProfileDecoder::load("foxbms2");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    core::SnapshotAssembler a(*d, {});
    std::vector<core::PackSnapshot> out;
    const std::vector<can::CanFrame> frames {
        frameAt(*d, "f_PackValuesP0", { { "BatteryVoltage", 400.0 }, { "Current", 12.5 } }, 1.0),
        frameAt(*d, "f_PackStateEstimation", { { "Soh", 87.5 } }, 1.0)
    };
    a.addFrames(frames, out);
    // 0x233 is a 100 ms message (profile default), 0x235 a 1 s one (cycle_ms 1000): 10 cycles each.
    const core::PackSnapshot fresh = a.snapshot(1.9);
    EXPECT_TRUE(fresh.packVoltageV().has_value());
    EXPECT_FALSE(fresh.get(SnapshotField::PackVoltage).stale);
    const core::PackSnapshot later = a.snapshot(2.2);
    EXPECT_TRUE(later.get(SnapshotField::PackVoltage).stale);
    EXPECT_TRUE(later.get(SnapshotField::PackVoltage).present);
    EXPECT_FALSE(later.packVoltageV().has_value());
    EXPECT_FALSE(later.get(SnapshotField::Soh).stale);
    EXPECT_NEAR(later.sohPct().value_or(0), 87.5, 0.25);
    EXPECT_TRUE(a.snapshot(11.5).get(SnapshotField::Soh).stale);
    // Absent fields stay absent, and every present field names its source.
    EXPECT_FALSE(later.get(SnapshotField::Vin).present);
    EXPECT_TRUE(later.sourceOf(later.get(SnapshotField::PackVoltage))
                    .contains(QLatin1String("f_PackValuesP0.BatteryVoltage")));
}

TEST(PackSnapshot, LeafCurrentIsTurnedDischargePositiveAtTheProfileEdge)
{
    auto d = can::ProfileDecoder::load("nissan-leaf-lbc");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    core::SnapshotAssembler a(*d, {});
    std::vector<core::PackSnapshot> out;
    // The LBC reports charge as positive (OVMS negates it): -42.5 A on the wire is discharge.
    const std::vector<can::CanFrame> frames { frameAt(
        *d, "LBC_Status", { { "PackCurrent", -42.5 }, { "PackVoltage", 380.5 } }, 0.5) };
    a.addFrames(frames, out);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_DOUBLE_EQ(out[0].packCurrentA().value_or(0), 42.5);
    EXPECT_DOUBLE_EQ(out[0].packVoltageV().value_or(0), 380.5);
}

// J1939-73: a DM1 lists every active DTC, so each DM1 replaces the list; "no active DTC" is the
// all-zero DTC (SPN 0, FMI 0, OC 0). Frames written by hand from PROTOCOLS.md 6.
TEST(PackSnapshot, EachJ1939Dm1ReplacesTheDtcList)
{
    auto d = can::ProfileDecoder::load(
        pg::test::dataPath(QStringLiteral("profiles/good_j1939_dm1.json")).toStdString());
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    core::SnapshotAssembler a(*d, {});
    auto frame = [](std::uint32_t id, std::vector<std::uint8_t> b, double t) {
        can::CanFrame f;
        f.id = id;
        f.set(can::CanFrame::Extended);
        f.len = static_cast<std::uint8_t>(b.size());
        std::copy(b.begin(), b.end(), f.data.begin());
        f.timeUs = static_cast<std::int64_t>(t * 1e6);
        return f;
    };
    std::vector<core::PackSnapshot> out;
    // Two DTCs by BAM (10 bytes, 2 packets): SPN 1000 FMI 4 OC 1, SPN 70000 FMI 31 OC 127.
    // 70000 = 0x11170: bytes 70 11, (0x1 << 5 | 31) = 0x3F.
    const std::vector<can::CanFrame> two {
        frame(0x18ECFF80, { 0x20, 0x0A, 0x00, 0x02, 0xFF, 0xCA, 0xFE, 0x00 }, 0.0),
        frame(0x18EBFF80, { 0x01, 0x04, 0xFF, 0xE8, 0x03, 0x04, 0x01, 0x70 }, 0.05),
        frame(0x18EBFF80, { 0x02, 0x11, 0x3F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF }, 0.10)
    };
    a.addFrames(two, out);
    core::PackSnapshot s = a.snapshot(0.1);
    ASSERT_EQ(s.dtcs.size(), 2U);
    EXPECT_EQ(s.dtcs[0].text, QStringLiteral("SPN 1000 FMI 4 OC 1"));
    EXPECT_EQ(s.dtcs[1].text, QStringLiteral("SPN 70000 FMI 31 OC 127"));
    const std::vector<can::CanFrame> none { frame(
        0x18FECA80, { 0x00, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF }, 1.0) };
    a.addFrames(none, out);
    EXPECT_TRUE(a.snapshot(1.0).dtcs.empty());
    const std::vector<can::CanFrame> one { frame(
        0x18FECA80, { 0x04, 0xFF, 0x64, 0x00, 0x01, 0x05, 0xFF, 0xFF }, 2.0) };
    a.addFrames(one, out);
    s = a.snapshot(2.0);
    ASSERT_EQ(s.dtcs.size(), 1U);
    EXPECT_EQ(s.dtcs[0].text, QStringLiteral("SPN 100 FMI 1 OC 5"));
    EXPECT_FALSE(s.dtcs[0].stale);
    EXPECT_TRUE(a.snapshot(12.5).dtcs[0].stale); // 10 x the 1 s DM1 period
}

TEST(PackSnapshot, LeafSentinelIsPresentButNotUsable)
{
    auto d = can::ProfileDecoder::load("nissan-leaf-lbc");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    core::SnapshotAssembler a(*d, {});
    std::vector<core::PackSnapshot> out;
    const std::vector<can::CanFrame> frames { frameAt(*d, "LBC_Soc", { { "Soc", 102.3 } }, 0.1) };
    a.addFrames(frames, out);
    const core::PackSnapshot s = a.snapshot(0.1);
    EXPECT_TRUE(s.get(SnapshotField::Soc).present);
    EXPECT_FALSE(s.get(SnapshotField::Soc).valid);
    EXPECT_FALSE(s.socPct().has_value());
}

// Hand decode of frame 4 of the capture, `0250 02 03 E6 1F 54 FA 27 CF` (Motorola, sawtooth bits):
// mux 2 -> cells 8..11; cell 8 at 11|13 = 0011 11100110 0b = 1996 mV, cell 9 at 30|13 =
// 0011111 010101b = 2005 mV, cell 10 at 33|13 = 00 11111010 001b = 2001 mV, cell 11 at 52|13 =
// 00111 11001111b = 1999 mV. Frame 6, `0260 01 00 19 19 19 19 1A 1A`: mux 1 -> sensors 6..11 =
// 25, 25, 25, 25, 26, 26 degC. Frame 3, `0220 0A 3C ..`: BmsState = 0x0A & 0x0F = 10 (ERROR),
// GeneralError = byte 1 bit 2 = 1. Frame 7, `0232 .. 16 0C`: max V 0x16 x 4 = 88 V, min 12 x 4 = 48
// V.
TEST(PackSnapshot, RealFoxbmsCaptureMatchesAHandDecode)
{
    const QString log = pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"));
    auto r = core::replayWithProfile(log, QStringLiteral("foxbms2"));
    ASSERT_TRUE(r.has_value()) << r.error().message.toStdString();
    const auto& f = r->fields;
    const double cells[] = { 1.996, 2.005, 2.001, 1.999 };
    for (int k = 0; k < 4; ++k) {
        const QString key = QStringLiteral("cell_voltage_v[%1]").arg(8 + k);
        ASSERT_TRUE(f.count(key)) << key.toStdString();
        EXPECT_NEAR(f.at(key).last, cells[k], 1e-9) << key.toStdString();
    }
    EXPECT_EQ(f.at(QStringLiteral("cell_voltage_v")).count, 4U);
    const double temps[] = { 25, 25, 25, 25, 26, 26 };
    for (int k = 0; k < 6; ++k)
        EXPECT_DOUBLE_EQ(f.at(QStringLiteral("temperature_c[%1]").arg(6 + k)).last, temps[k]);
    EXPECT_DOUBLE_EQ(f.at(QStringLiteral("bms_state")).last, 10.0);
    EXPECT_DOUBLE_EQ(f.at(QStringLiteral("fault_active")).last, 1.0);
    EXPECT_DOUBLE_EQ(f.at(QStringLiteral("charge_voltage_limit_v")).last, 88.0);
    EXPECT_DOUBLE_EQ(f.at(QStringLiteral("discharge_voltage_limit_v")).last, 48.0);
    // Plausible: every cell of a Li-ion pack between 1.5 and 4.5 V, every temperature -40..85 degC.
    const core::PackSnapshot& s = r->last;
    for (int i = 8; i < 12; ++i) {
        ASSERT_TRUE(s.cellVoltagesV[static_cast<std::size_t>(i)].present);
        EXPECT_GT(s.cellVoltagesV[static_cast<std::size_t>(i)].value, 1.5);
        EXPECT_LT(s.cellVoltagesV[static_cast<std::size_t>(i)].value, 4.5);
    }
    EXPECT_FALSE(s.cellVoltagesV[0].present); // cells 0..7 were not in this 61 ms capture
    EXPECT_FALSE(s.get(SnapshotField::PackVoltage).present); // nor was 0x233
}
