// The profile capture wizard driven for real (offscreen): a scripted pack broadcasts over Qt's
// virtualcan bus, the bench side feeds the wizard, the test marks the bits as a technician would,
// saves, and the saved profile is loaded by the real ProfileLoader / ProfileDecoder, which must
// decode the same frames to the values the test encoded by hand (its own bit packing, below).
#include "app/gui/profile_wizard.h"
#include "bus_pair.h"
#include "can/profile_decoder.h"
#include "can/profile_loader.h"
#include "core/certificate_fixture.h"
#include "gui_fixture.h"

#include <QJsonDocument>
#include <QLabel>
#include <QTableWidget>
#include <cmath>

namespace {

using namespace pg;

constexpr std::uint32_t kPackId = 0x3C2;
constexpr std::uint32_t kSocId = 0x18FF50E5;

// Frame k of the scripted pack: 0x3C2 carries the pack voltage (0.1 V, Motorola u16 in bytes
// 0-1) and the current (0.1 A, Intel s16 in bytes 2-3, discharge positive); 0x18FF50E5 carries
// the SoC (0.5 %, byte 1).
double voltageOf(int k)
{
    return 352.0 + 0.1 * k;
}
double currentOf(int k)
{
    return -12.5 + 1.0 * k;
}
double socOf(int k)
{
    return 80.5 - 0.5 * k;
}

can::CanFrame packFrame(int k)
{
    can::CanFrame f;
    f.id = kPackId;
    f.len = 8;
    const auto volts = static_cast<std::uint16_t>(std::lround(voltageOf(k) / 0.1));
    const auto amps
        = static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(currentOf(k) / 0.1)));
    f.data[0] = static_cast<std::uint8_t>(volts >> 8);
    f.data[1] = static_cast<std::uint8_t>(volts & 0xFF);
    f.data[2] = static_cast<std::uint8_t>(amps & 0xFF);
    f.data[3] = static_cast<std::uint8_t>(amps >> 8);
    return f;
}

can::CanFrame socFrame(int k)
{
    can::CanFrame f;
    f.id = kSocId;
    f.set(can::CanFrame::Extended);
    f.len = 8;
    f.data[1] = static_cast<std::uint8_t>(std::lround(socOf(k) / 0.5));
    return f;
}

can::CapturedSignal definition(const char* name, int start, int length, can::ByteOrder order,
    bool isSigned, double factor, const char* unit, can::SnapshotField field)
{
    can::CapturedSignal s;
    s.name = name;
    s.startBit = start;
    s.length = length;
    s.byteOrder = order;
    s.isSigned = isSigned;
    s.factor = factor;
    s.unit = unit;
    s.field = field;
    return s;
}

// Sends frames 0..count-1 from the pack and hands what the bench receives to the wizard.
std::vector<can::CanFrame> broadcast(
    test::BusPair& bus, app::ProfileWizard& wizard, int from, int count)
{
    for (int k = from; k < from + count; ++k) {
        EXPECT_TRUE(bus.ecuBus->send(packFrame(k)));
        EXPECT_TRUE(bus.ecuBus->send(socFrame(k)));
    }
    std::vector<can::CanFrame> got;
    for (int i = 0; i < 50 && got.size() < static_cast<std::size_t>(2 * count); ++i) {
        bus.tester->waitForFrames(1, 100);
        bus.tester->takeFrames(got);
    }
    wizard.addFrames(got);
    return got;
}

TEST(ProfileWizard, CapturedProfileDecodesTheBusThroughTheRealLoader)
{
    test::BusPair bus;
    if (!bus.tester || !bus.ecuBus)
        GTEST_SKIP() << "Qt's virtualcan bus did not open here";
    app::ProfileWizard wizard;
    wizard.resize(760, 640);
    wizard.show();
    std::vector<can::CanFrame> frames = broadcast(bus, wizard, 0, 5);
    ASSERT_EQ(frames.size(), 10U);
    ASSERT_TRUE(wizard.selectMessage(kPackId, false));
    EXPECT_EQ(wizard.messageTable()->rowCount(), 2);
    wizard.setSignal(definition("PackVoltage", 7, 16, can::ByteOrder::BigEndian, false, 0.1, "V",
        can::SnapshotField::PackVoltage));
    ASSERT_TRUE(wizard.liveValue());
    EXPECT_NEAR(*wizard.liveValue(), voltageOf(4), 1e-9);
    // The pack discharges a little more: the live value follows.
    frames = broadcast(bus, wizard, 5, 3);
    wizard.setSignal(definition("PackVoltage", 7, 16, can::ByteOrder::BigEndian, false, 0.1, "V",
        can::SnapshotField::PackVoltage));
    EXPECT_NEAR(*wizard.liveValue(), voltageOf(7), 1e-9);
    ASSERT_TRUE(wizard.addMapping());
    wizard.setSignal(definition("PackCurrent", 16, 16, can::ByteOrder::LittleEndian, true, 0.1, "A",
        can::SnapshotField::PackCurrent));
    EXPECT_NEAR(*wizard.liveValue(), currentOf(7), 1e-9);
    ASSERT_TRUE(wizard.addMapping());
    ASSERT_TRUE(wizard.selectMessage(kSocId, true));
    wizard.setSignal(definition("StateOfCharge", 8, 8, can::ByteOrder::LittleEndian, false, 0.5,
        "%", can::SnapshotField::Soc));
    EXPECT_NEAR(*wizard.liveValue(), socOf(7), 1e-9);
    ASSERT_TRUE(wizard.addMapping());
    wizard.next(); // the bits page, with the three mappings and the live value
    test::screenshot(wizard, QStringLiteral("profile-wizard"));

    QTemporaryDir dir;
    auto saved = wizard.save(dir.path(), QStringLiteral("captured-test"));
    ASSERT_TRUE(saved) << saved.error().toStdString();
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("captured-test.dbc"))));
    auto decoder = can::ProfileDecoder::load(saved->toStdString());
    ASSERT_TRUE(decoder) << decoder.error().toString();
    std::vector<can::FieldValue> values;
    for (const can::CanFrame& f : frames)
        decoder->decode(f, values);
    std::vector<double> volts, amps, soc;
    for (const can::FieldValue& v : values) {
        if (v.field == can::SnapshotField::PackVoltage)
            volts.push_back(v.value);
        if (v.field == can::SnapshotField::PackCurrent)
            amps.push_back(v.value);
        if (v.field == can::SnapshotField::Soc)
            soc.push_back(v.value);
    }
    ASSERT_EQ(volts.size(), 3U);
    ASSERT_EQ(amps.size(), 3U);
    ASSERT_EQ(soc.size(), 3U);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(volts[static_cast<std::size_t>(i)], voltageOf(5 + i), 1e-9);
        EXPECT_NEAR(amps[static_cast<std::size_t>(i)], currentOf(5 + i), 1e-9);
        EXPECT_NEAR(soc[static_cast<std::size_t>(i)], socOf(5 + i), 1e-9);
    }
}

TEST(ProfileWizard, SavedProfileMatchesTheSchema)
{
    QString why;
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), &why);
    if (python.isEmpty())
        GTEST_SKIP() << why.toStdString();
    can::CapturedSignal s = definition("CellVoltage7", 0, 16, can::ByteOrder::LittleEndian, false,
        0.001, "V", can::SnapshotField::CellVoltage);
    s.id = 0x451;
    s.index = 7;
    QTemporaryDir dir;
    auto path = can::writeCapturedProfile(
        dir.path().toStdString(), "schema-check", { s }, "bench capture");
    ASSERT_TRUE(path) << path.error().toString();
    const test::ToolResult r = test::runTool(python,
        { QStringLiteral("-c"),
            QStringLiteral(
                "import json,sys,jsonschema\n"
                "jsonschema.validate(json.load(open(sys.argv[1])),json.load(open(sys.argv[2])))\n"),
            QString::fromStdString(*path),
            QStringLiteral(RESOURCES_DIR "/profiles/profile.schema.json") });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
}

TEST(ProfileWizard, BadDefinitionsAreRefusedWithTheReason)
{
    app::ProfileWizard wizard;
    EXPECT_FALSE(wizard.addMapping()) << "no message chosen";
    wizard.addFrames({ packFrame(0) });
    ASSERT_TRUE(wizard.selectMessage(kPackId, false));
    // 16 Intel bits from bit 56 run past the 8th byte.
    wizard.setSignal(definition("Late", 56, 16, can::ByteOrder::LittleEndian, false, 1.0, "",
        can::SnapshotField::PackVoltage));
    EXPECT_FALSE(wizard.addMapping());
    EXPECT_TRUE(wizard.lastMessage().contains(QStringLiteral("8th byte")));
    EXPECT_FALSE(wizard.liveValue());
    wizard.setSignal(definition("9bad", 0, 8, can::ByteOrder::LittleEndian, false, 1.0, "",
        can::SnapshotField::PackVoltage));
    EXPECT_FALSE(wizard.addMapping());
    EXPECT_TRUE(wizard.lastMessage().contains(QStringLiteral("9bad")));
    QTemporaryDir dir;
    auto saved = wizard.save(dir.path(), QStringLiteral("empty"));
    ASSERT_FALSE(saved);
    EXPECT_TRUE(saved.error().contains(QStringLiteral("empty.json")))
        << saved.error().toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("empty.json"))));
}

} // namespace
