// The real foxBMS 2 PCAN capture (../shared/data/can_logs/foxbms2_pcan.trc, 9 frames) decoded
// with the foxBMS 2 DBC. Expected values: the layouts of ../shared/PROTOCOLS.md §5 applied by
// hand to the bytes of the trace, and physical plausibility (cell voltages in mV, the string
// voltage between the pack limits).
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "can/log_reader.h"
#include "test_paths.h"

#include <gtest/gtest.h>
#include <map>

using namespace pg::can;

namespace {

struct Sample {
    double value = 0;
    std::string label;
};

// "Message.Signal" -> the last decoded value in the capture.
std::map<std::string, Sample> decodeCapture(int& frames, int& decoded)
{
    std::map<std::string, Sample> out;
    const auto db = DbcParser::load(pg::test::sharedDataPath("dbc/foxbms2.dbc").toStdString(), {});
    EXPECT_TRUE(db.has_value());
    auto reader
        = LogReader::open(pg::test::sharedDataPath("can_logs/foxbms2_pcan.trc").toStdString());
    EXPECT_TRUE(reader.has_value());
    if (!db || !reader)
        return out;
    const DbcDecoder decoder(*db);
    CanFrame f;
    std::vector<DecodedSignal> signalValues;
    while (reader->next(f)) {
        ++frames;
        int index = -1;
        if (decoder.decode(f, signalValues, &index) != DbcDecoder::Status::Decoded)
            continue;
        ++decoded;
        const DbcMessage& m = decoder.message(index);
        for (const DecodedSignal& d : signalValues) {
            const DbcSignal& s = m.signalList[d.signal];
            const char* label = s.labelFor(d.raw);
            out[m.name + "." + s.name] = { d.value, label ? label : "" };
        }
    }
    return out;
}

} // namespace

TEST(DbcFoxbmsCapture, EveryFrameDecodes)
{
    int frames = 0;
    int decoded = 0;
    const auto v = decodeCapture(frames, decoded);
    EXPECT_EQ(frames, 9);
    EXPECT_EQ(decoded, 9); // every id of the trace is in the DBC (data/README.md)
}

TEST(DbcFoxbmsCapture, BmsStateIsError)
{
    int frames = 0;
    int decoded = 0;
    const auto v = decodeCapture(frames, decoded);
    // 220#0A3C000900000005: state 3|4 = low nibble of byte 0 = 0xA = 10 = ERROR (PROTOCOLS.md §5).
    EXPECT_DOUBLE_EQ(v.at("f_BmsState.BmsState").value, 10.0);
    EXPECT_EQ(v.at("f_BmsState.BmsState").label, "ERROR");
    // bit 10 = byte 1 (0x3C) bit 2 = 1: general error, consistent with the ERROR state.
    EXPECT_DOUBLE_EQ(v.at("f_BmsState.GeneralError").value, 1.0);
    // bit 9 = byte 1 bit 1 = 0: no warning.
    EXPECT_DOUBLE_EQ(v.at("f_BmsState.GeneralWarning").value, 0.0);
    // byte 7 = 5, x200 kOhm.
    EXPECT_DOUBLE_EQ(v.at("f_BmsState.InsulationResistance").value, 1000.0);
    // strings 7|4 = high nibble of byte 0 = 0.
    EXPECT_DOUBLE_EQ(v.at("f_BmsState.NumberOfConnectedStrings").value, 0.0);
}

TEST(DbcFoxbmsCapture, CellVoltagesAreMillivoltsOfOneGroup)
{
    int frames = 0;
    int decoded = 0;
    const auto v = decodeCapture(frames, decoded);
    // 250#0203E61F54FA27CF: mux byte 0 = 2 selects cells 8..11 (cell = 4 * mux + k).
    EXPECT_DOUBLE_EQ(v.at("f_CellVoltages.f_CellVoltages_Mux").value, 2.0);
    EXPECT_EQ(v.count("f_CellVoltages.CellVoltage_000"), 0U); // other groups are not active
    // 11|13 big-endian: byte1 bits 3-0 (0011), byte2 (11100110), byte3 bit 7 (0) = 0x7CC = 1996.
    EXPECT_DOUBLE_EQ(v.at("f_CellVoltages.CellVoltage_008").value, 1996.0);
    double low = 1e9;
    double high = -1e9;
    for (const char* cell :
        { "CellVoltage_008", "CellVoltage_009", "CellVoltage_010", "CellVoltage_011" }) {
        const double mv = v.at(std::string("f_CellVoltages.") + cell).value;
        low = std::min(low, mv);
        high = std::max(high, mv);
        EXPECT_GT(mv, 1000.0) << cell; // a cell voltage in mV, not V or raw counts
        EXPECT_LT(mv, 5000.0) << cell;
    }
    EXPECT_LT(high - low, 20.0); // cells of one module agree within 20 mV
}

TEST(DbcFoxbmsCapture, TemperaturesAndPackValuesArePlausible)
{
    int frames = 0;
    int decoded = 0;
    const auto v = decodeCapture(frames, decoded);
    // 260#0100191919191A1A: mux 1 = cells 6..11, bytes 2-7 signed degC: 25 25 25 25 26 26.
    EXPECT_DOUBLE_EQ(v.at("f_CellTemperatures.CellTemperature_006").value, 25.0);
    EXPECT_DOUBLE_EQ(v.at("f_CellTemperatures.CellTemperature_011").value, 26.0);
    // 232#000000000000160C: byte 6 max 22 x 4 V = 88 V, byte 7 min 12 x 4 V = 48 V.
    const double maxV = v.at("f_PackLimits.MaximumBatteryVoltage").value;
    const double minV = v.at("f_PackLimits.MinimumBatteryVoltage").value;
    EXPECT_DOUBLE_EQ(maxV, 88.0);
    EXPECT_DOUBLE_EQ(minV, 48.0);
    // 243#00C7C8..: Voltage 4|18 big-endian = byte0 bits 4-0 (00000), byte1 (11000111), byte2
    // bits 7-3 (11001) = 0x18F9 = 6393 x 0.01 V, between the pack limits.
    const double stringV = v.at("f_StringValuesP0.Voltage").value;
    EXPECT_NEAR(stringV, 63.93, 1e-9);
    EXPECT_GT(stringV, minV);
    EXPECT_LT(stringV, maxV);
    EXPECT_DOUBLE_EQ(v.at("f_StringValuesP0.Current").value, 0.0);
}
