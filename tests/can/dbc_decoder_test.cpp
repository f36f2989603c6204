// DbcDecoder against values worked out by hand from the DBC rules (Intel: start bit = LSB,
// bits numbered 8*byte + bit; Motorola: start bit = MSB in the same numbering, the field runs
// towards bit 0 of its byte and on into bit 7 of the next byte). The fixture is
// tests/data/dbc/features.dbc.
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <bit>
#include <cmath>
#include <gtest/gtest.h>
#include <map>

using namespace pg::can;

namespace {

class DbcDecoderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = DbcParser::load(pg::test::dataPath("dbc/features.dbc").toStdString(), {});
        ASSERT_TRUE(db.has_value()) << db.error().toString();
        m_db = std::move(*db);
        m_decoder = std::make_unique<DbcDecoder>(m_db);
    }

    CanFrame frame(std::uint32_t id, std::vector<std::uint8_t> bytes, bool extended = false) const
    {
        CanFrame f;
        f.id = id;
        f.len = static_cast<std::uint8_t>(bytes.size());
        f.set(CanFrame::Extended, extended);
        std::copy(bytes.begin(), bytes.end(), f.data.begin());
        return f;
    }

    // name -> decoded signal, for the frame's message.
    std::map<std::string, DecodedSignal> decode(
        const CanFrame& f, DbcDecoder::Status expect = DbcDecoder::Status::Decoded)
    {
        std::vector<DecodedSignal> out;
        int index = -1;
        EXPECT_EQ(m_decoder->decode(f, out, &index), expect);
        std::map<std::string, DecodedSignal> byName;
        for (const DecodedSignal& d : out)
            byName[m_decoder->message(index).signalList[d.signal].name] = d;
        return byName;
    }

    DbcDatabase m_db;
    std::unique_ptr<DbcDecoder> m_decoder;
};

} // namespace

TEST_F(DbcDecoderTest, IntelAndMotorolaFieldsAcrossByteBoundaries)
{
    // bytes: A5 3C 6B D5 80 FE 2F 9C
    const auto s = decode(frame(0x100, { 0xA5, 0x3C, 0x6B, 0xD5, 0x80, 0xFE, 0x2F, 0x9C }));
    ASSERT_EQ(s.size(), 7U);
    // IntelCross 4|12@1+: byte0 bits 7-4 (0xA) are the low nibble, byte1 (0x3C) the rest: 0x3CA.
    EXPECT_EQ(s.at("IntelCross").raw, 0x3CA);
    // MotoCross 21|12@0+ (0.5,-10): MSB byte2 bit5; byte2 bits 5-0 = 101011, byte3 bits 7-2 =
    // 110101 -> 101011110101 = 2805 -> 2805 * 0.5 - 10 = 1392.5 V.
    EXPECT_EQ(s.at("MotoCross").raw, 2805);
    EXPECT_DOUBLE_EQ(s.at("MotoCross").value, 1392.5);
    // Flag 24|1@1- is byte3 bit0 = 1: a signed 1-bit field holding 1 is -1.
    EXPECT_EQ(s.at("Flag").raw, -1);
    EXPECT_DOUBLE_EQ(s.at("Flag").value, -1.0);
    // MotoFlag 25|1@0- is byte3 bit1 = 0.
    EXPECT_DOUBLE_EQ(s.at("MotoFlag").value, 0.0);
    // SignedIntel 32|10@1- (0.1): byte4 0x80 + byte5 bits 1-0 (10b) = 0x280 = 640 -> 640-1024 =
    // -384.
    EXPECT_EQ(s.at("SignedIntel").raw, -384);
    EXPECT_NEAR(s.at("SignedIntel").value, -38.4, 1e-12);
    // SignedMoto 53|10@0- (2,1): byte6 bits 5-0 = 101111, byte7 bits 7-4 = 1001 -> 0x2F9 = 761
    // -> 761-1024 = -263 -> -263 * 2 + 1 = -525.
    EXPECT_EQ(s.at("SignedMoto").raw, -263);
    EXPECT_DOUBLE_EQ(s.at("SignedMoto").value, -525.0);
    // Nibble 56|4@1+: byte7 bits 3-0 = 0xC.
    EXPECT_DOUBLE_EQ(s.at("Nibble").value, 12.0);
}

TEST_F(DbcDecoderTest, SignedOneBitFieldsBothWays)
{
    // byte3 = 0x02: Flag (bit0) = 0, MotoFlag (bit1) = 1 -> -1.
    const auto s = decode(frame(0x100, { 0, 0, 0, 0x02, 0, 0, 0, 0 }));
    EXPECT_DOUBLE_EQ(s.at("Flag").value, 0.0);
    EXPECT_DOUBLE_EQ(s.at("MotoFlag").value, -1.0);
}

TEST_F(DbcDecoderTest, SixtyFourBitSignals)
{
    // U64 0|64@1+: little-endian bytes 01..EF are 0xEFCDAB8967452301.
    auto s = decode(frame(0x101, { 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF }));
    EXPECT_EQ(static_cast<std::uint64_t>(s.at("U64").raw), 0xEFCDAB8967452301ULL);
    EXPECT_DOUBLE_EQ(s.at("U64").value, 17279655951921914625.0);
    // S64 7|64@0-: big-endian, the same bytes read 0x0123456789ABCDEF.
    s = decode(frame(0x102, { 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF }));
    EXPECT_EQ(s.at("S64").raw, 0x0123456789ABCDEFLL);
    s = decode(frame(0x102, { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE }));
    EXPECT_EQ(s.at("S64").raw, -2);
    EXPECT_DOUBLE_EQ(s.at("S64").value, -2.0);
}

TEST_F(DbcDecoderTest, CanFdFrameWithNineByteFields)
{
    std::vector<std::uint8_t> bytes(64);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(i);
    CanFrame f = frame(0x400, bytes, true);
    f.set(CanFrame::Fd);
    const auto s = decode(f);
    // Unaligned64 4|64@1+ spans bytes 0..8: the 72-bit number 0x080706050403020100 >> 4.
    EXPECT_EQ(static_cast<std::uint64_t>(s.at("Unaligned64").raw), 0x8070605040302010ULL);
    // MotoUnaligned64 83|64@0+: byte10 bits 3-0 (0xA), bytes 11..17, byte18 bits 7-4 (0x1).
    EXPECT_EQ(static_cast<std::uint64_t>(s.at("MotoUnaligned64").raw), 0xA0B0C0D0E0F10111ULL);
    EXPECT_DOUBLE_EQ(s.at("MotoTail").value, 62.0); // byte 62
    EXPECT_DOUBLE_EQ(s.at("Tail").value, 63.0); // byte 63
    // The same id as a standard frame is another message (none here).
    std::vector<DecodedSignal> out;
    EXPECT_EQ(m_decoder->decode(frame(0x400, bytes, false), out), DbcDecoder::Status::UnknownId);
}

TEST_F(DbcDecoderTest, FloatAndDoubleSignals)
{
    std::vector<std::uint8_t> b(16);
    const auto f32 = std::bit_cast<std::uint32_t>(3.5f); // 0x40600000, little-endian at byte 0
    const auto f64
        = std::bit_cast<std::uint64_t>(-1.25); // 0xBFF4000000000000, little-endian at byte 4
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(f32 >> (8 * i));
    for (int i = 0; i < 8; ++i)
        b[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(f64 >> (8 * i));
    // MotoF32 103|32@0-: big-endian in bytes 12..15; -0.15625f = 0xBE200000.
    b[12] = 0xBE;
    b[13] = 0x20;
    CanFrame f = frame(300, b);
    f.set(CanFrame::Fd);
    const auto s = decode(f);
    EXPECT_EQ(f32, 0x40600000U);
    EXPECT_DOUBLE_EQ(s.at("F32").value, 3.5);
    EXPECT_DOUBLE_EQ(s.at("F64").value, -1.25 * 2 + 1); // factor 2, offset 1
    EXPECT_DOUBLE_EQ(s.at("MotoF32").value, -0.15625);
}

TEST_F(DbcDecoderTest, SimpleMultiplexingSelectsTheGroup)
{
    auto s = decode(frame(0x200, { 0x00, 0x10, 0x27, 0x20, 0x4E, 0, 0, 0x01 }));
    EXPECT_EQ(s.size(), 4U); // Index, Status, CellA, CellB
    EXPECT_NEAR(s.at("CellA").value, 10.0, 1e-12); // 0x2710 = 10000 mV
    EXPECT_NEAR(s.at("CellB").value, 20.0, 1e-12); // 0x4E20 = 20000 mV
    s = decode(frame(0x200, { 0x01, 0x34, 0x12, 0, 0, 0, 0, 0x02 }));
    EXPECT_EQ(s.size(), 3U);
    EXPECT_NEAR(s.at("CellA1").value, 4.66, 1e-12); // 0x1234 = 4660
    EXPECT_EQ(s.count("CellA"), 0U);
    s = decode(frame(0x200, { 0x02, 0xF6, 0, 0, 0, 0, 0, 0 }));
    EXPECT_DOUBLE_EQ(s.at("TempA").value, -10.0); // int8 0xF6
    s = decode(frame(0x200, { 0x07, 0xF6, 0, 0, 0, 0, 0, 0 })); // no signal has m7
    EXPECT_EQ(s.size(), 2U);
    s = decode(frame(0x200, { 0xFF, 0xF6, 0, 0, 0, 0, 0, 0 })); // beyond every mux value
    EXPECT_EQ(s.size(), 2U);
}

TEST_F(DbcDecoderTest, ExtendedMultiplexingFollowsTheSwitchChain)
{
    // Service=1 selects Sub; Sub=0x10 selects Voltage (16-16) = 0x03E8 * 0.01.
    auto s = decode(frame(0x201, { 0x01, 0x10, 0xE8, 0x03, 0x07, 0, 0, 0 }));
    EXPECT_EQ(s.size(), 3U);
    EXPECT_NEAR(s.at("Voltage").value, 10.0, 1e-12);
    // Sub=21 lies in Temp's second range (20-22).
    s = decode(frame(0x201, { 0x01, 0x15, 0xF6, 0, 0, 0, 0, 0 }));
    EXPECT_EQ(s.size(), 3U);
    EXPECT_DOUBLE_EQ(s.at("Temp").value, -10.0);
    // Service=4: Sub is not present, so neither is anything it selects; Ranged (3-5) is.
    s = decode(frame(0x201, { 0x04, 0x10, 0xE8, 0x07, 0, 0, 0, 0 }));
    EXPECT_EQ(s.size(), 2U);
    EXPECT_DOUBLE_EQ(s.at("Ranged").value, 7.0);
    s = decode(frame(0x201, { 0x02, 0x10, 0, 0, 0, 0, 0, 0 }));
    EXPECT_EQ(s.size(), 1U);
}

TEST_F(DbcDecoderTest, ExtendedIdsAndShortFrames)
{
    const auto s = decode(frame(0x18FF50E5, { 0xC8, 0, 0, 0, 0, 0, 0, 0 }, true));
    EXPECT_DOUBLE_EQ(s.at("Soc").value, 80.0); // 200 * 0.4
    // A 3-byte Layout frame carries IntelCross (bytes 0-1) but not MotoCross (bytes 2-3).
    const auto shortFrame
        = decode(frame(0x100, { 0xA5, 0x3C, 0x6B }), DbcDecoder::Status::Truncated);
    EXPECT_EQ(shortFrame.size(), 1U);
    EXPECT_EQ(shortFrame.count("IntelCross"), 1U);
    EXPECT_EQ(m_decoder->messageIndex(0x7FF, false), -1);
}

TEST_F(DbcDecoderTest, EncodeWritesTheSameBitsTheDecoderReads)
{
    const int layout = m_decoder->messageIndex(0x100, false);
    const DbcMessage& m = m_decoder->message(layout);
    const auto idx = [&](const char* name) {
        return static_cast<std::uint32_t>(m.findSignal(name) - m.signalList.data());
    };
    const std::vector<SignalValue> values = { { idx("IntelCross"), 0x3CA },
        { idx("MotoCross"), 1392.5 }, { idx("Flag"), -1 }, { idx("MotoFlag"), 0 },
        { idx("SignedIntel"), -38.4 }, { idx("SignedMoto"), -525 }, { idx("Nibble"), 12 } };
    const auto f = m_decoder->encode(layout, values);
    ASSERT_TRUE(f.has_value()) << f.error();
    // The hand-decoded payload of the first test, less the bits no signal uses
    // (byte0 bits 3-0, byte2 bits 7-6, byte5 bits 7-2, byte6 bits 7-6).
    const std::vector<std::uint8_t> expect = { 0xA0, 0x3C, 0x2B, 0xD5, 0x80, 0x02, 0x2F, 0x9C };
    EXPECT_EQ(std::vector<std::uint8_t>(f->data.begin(), f->data.begin() + 8), expect);
    EXPECT_EQ(f->len, 8);
    const auto tooBig
        = m_decoder->encode(layout, std::vector<SignalValue> { { idx("Nibble"), 16 } });
    ASSERT_FALSE(tooBig.has_value());
    EXPECT_EQ(tooBig.error(),
        "Layout.Nibble: 16 is outside what 4 unsigned bits hold with factor 1 and offset 0");
}

TEST_F(DbcDecoderTest, EncodeRoundTripsNineByteAndFloatFields)
{
    const int fd = m_decoder->messageIndex(0x400, true);
    const auto f = m_decoder->encode(
        fd, std::vector<SignalValue> { { 0, 1e18 }, { 1, 1.5e19 }, { 2, 62 }, { 3, 63 } });
    ASSERT_TRUE(f.has_value()) << f.error();
    EXPECT_TRUE(f->is(CanFrame::Fd));
    EXPECT_TRUE(f->is(CanFrame::Extended));
    EXPECT_EQ(f->len, 64);
    const auto s = decode(*f);
    EXPECT_EQ(static_cast<std::uint64_t>(s.at("Unaligned64").raw), 1000000000000000000ULL);
    EXPECT_DOUBLE_EQ(s.at("MotoUnaligned64").value, 1.5e19);
    EXPECT_DOUBLE_EQ(s.at("MotoTail").value, 62.0);
    const int floats = m_decoder->messageIndex(300, false);
    const auto g = m_decoder->encode(
        floats, std::vector<SignalValue> { { 0, 0.1 }, { 1, 7.0 }, { 2, -2.5 } });
    ASSERT_TRUE(g.has_value());
    const auto t = decode(*g);
    EXPECT_DOUBLE_EQ(t.at("F32").value, static_cast<double>(0.1f));
    EXPECT_DOUBLE_EQ(t.at("F64").value, 7.0);
    EXPECT_DOUBLE_EQ(t.at("MotoF32").value, -2.5);
}

// SIG_VALTYPE_ floats and SG_MUL_VAL_ extended multiplexing, which candied cannot decode, against
// an independent oracle: tests/tools/dbc_features_oracle.py packs IEEE floats with Python's
// struct module and applies the features.dbc multiplexing rules written out by hand; the set of
// present signals and every value must agree.
TEST_F(DbcDecoderTest, FloatsAndExtendedMultiplexingAgreeWithPythonOracle)
{
    const pg::test::ToolResult r = pg::test::runTool(QStringLiteral("/usr/bin/python3"),
        { pg::test::toolPath(QStringLiteral("dbc_features_oracle.py")), QStringLiteral("300"),
            QStringLiteral("4") });
    if (!r.started)
        GTEST_SKIP() << "/usr/bin/python3 is not available";
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    int frames = 0;
    int values = 0;
    for (const QByteArray& line : r.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QByteArray bytes = QByteArray::fromHex(o.value("hex").toString().toLatin1());
        CanFrame f = frame(static_cast<std::uint32_t>(o.value("id").toInt()),
            std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
        if (f.len > 8)
            f.set(CanFrame::Fd);
        const auto got = decode(f);
        const QJsonObject want = o.value("signals").toObject();
        ASSERT_EQ(got.size(), static_cast<std::size_t>(want.size())) << line.toStdString();
        for (auto it = want.begin(); it != want.end(); ++it) {
            const auto mine = got.find(it.key().toStdString());
            ASSERT_NE(mine, got.end()) << it.key().toStdString() << " in " << line.toStdString();
            const double truth = it.value().toDouble();
            EXPECT_NEAR(mine->second.value, truth, 1e-12 * std::max(1.0, std::abs(truth)))
                << it.key().toStdString() << " in " << line.toStdString();
            ++values;
        }
        ++frames;
    }
    EXPECT_EQ(frames, 600);
    EXPECT_GT(values, 1200);
}
