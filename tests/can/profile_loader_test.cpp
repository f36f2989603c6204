// Pack profiles: every built-in profile loads and binds to its DBC; bad profiles fail naming the
// file, the key and the reason (fixtures in tests/data/profiles/, each a sibling of the good one).
#include "can/dbc_parser.h"
#include "can/profile_decoder.h"
#include "can/profile_loader.h"
#include "can/profile_template.h"
#include "test_paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg::can;

namespace {

std::string fixture(const char* name)
{
    return pg::test::dataPath(QStringLiteral("profiles/") + QLatin1String(name)).toStdString();
}

ProfileError loadError(const char* name)
{
    auto d = ProfileDecoder::load(fixture(name));
    EXPECT_FALSE(d.has_value()) << name << " loaded";
    return d ? ProfileError {} : d.error();
}

} // namespace

TEST(ProfileLoader, EveryBuiltInProfileLoadsAndBindsToItsDbc)
{
    for (const char* name : { "inverter-can", "orion-bms2", "foxbms2", "nissan-leaf-lbc" }) {
        auto d = ProfileDecoder::load(name);
        ASSERT_TRUE(d.has_value()) << name << ": " << d.error().toString();
        EXPECT_EQ(d->profile().name, name);
        EXPECT_FALSE(d->profile().fields.empty());
        for (const FieldSource& f : d->profile().fields)
            EXPECT_FALSE(f.source.empty()) << name << " " << f.key << " has no citation";
    }
}

TEST(ProfileLoader, LeafProfileDescribesTheGroupQueriesAsData)
{
    auto p = ProfileLoader::load("nissan-leaf-lbc");
    ASSERT_TRUE(p.has_value()) << p.error().toString();
    EXPECT_TRUE(p->transport.polled);
    EXPECT_FALSE(p->transport.listenOnly);
    const UdsPoll* g02 = p->findPoll("G02");
    ASSERT_NE(g02, nullptr);
    EXPECT_EQ(g02->requestId, 0x79BU);
    EXPECT_EQ(g02->responseId, 0x7BBU);
    EXPECT_EQ(g02->request, (std::vector<std::uint8_t> { 0x21, 0x02 }));
    EXPECT_EQ(g02->responsePrefix, (std::vector<std::uint8_t> { 0x61, 0x02 }));
}

TEST(ProfileLoader, GenericDbcIsABaseNotAProfile)
{
    auto d = ProfileDecoder::load("generic-dbc");
    ASSERT_FALSE(d.has_value());
    EXPECT_NE(d.error().reason.find("profile new --dbc"), std::string::npos)
        << d.error().toString();
    auto good = ProfileDecoder::load(fixture("good_foxbms_mapping.json"));
    ASSERT_TRUE(good.has_value()) << good.error().toString();
    EXPECT_EQ(good->profile().transport.bitrate, 500000); // inherited from generic-dbc
    EXPECT_EQ(good->profile().fields.size(), 1U);
}

TEST(ProfileLoader, UnknownKeyNamesFileKeyAndReason)
{
    const ProfileError e = loadError("bad_unknown_key.json");
    EXPECT_NE(e.file.find("bad_unknown_key.json"), std::string::npos);
    EXPECT_EQ(e.key, "fields[0].scael");
    EXPECT_NE(e.reason.find("unknown key"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, UnknownSignalNamesTheSignalAndMessage)
{
    const ProfileError e = loadError("bad_unknown_signal.json");
    EXPECT_NE(e.file.find("bad_unknown_signal.json"), std::string::npos);
    EXPECT_EQ(e.key, "fields[1].signal.name");
    EXPECT_NE(e.reason.find("StateOfHealth"), std::string::npos) << e.toString();
    EXPECT_NE(e.reason.find("f_PackStateEstimation"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, FieldWithoutSourceIsRefused)
{
    const ProfileError e = loadError("bad_missing_source.json");
    EXPECT_EQ(e.key, "fields[1]");
    EXPECT_NE(e.reason.find("missing field source"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, UnknownFieldListsTheKnownOnes)
{
    const ProfileError e = loadError("bad_unknown_field.json");
    EXPECT_EQ(e.key, "fields[0].field");
    EXPECT_NE(e.reason.find("pack_volts"), std::string::npos);
    EXPECT_NE(e.reason.find("pack_voltage_v"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, ScalingWithoutCitationIsRefused)
{
    const ProfileError e = loadError("bad_no_citation.json");
    EXPECT_EQ(e.key, "fields[0].source");
}

TEST(ProfileLoader, UdsFieldMustNameAPoll)
{
    const ProfileError e = loadError("bad_unknown_poll.json");
    EXPECT_EQ(e.key, "fields[0].uds.poll");
    EXPECT_NE(e.reason.find("G03"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, J1939SourceMustBeDm1)
{
    const ProfileError e = loadError("bad_j1939_pgn.json");
    EXPECT_EQ(e.key, "fields[0].j1939.pgn");
    EXPECT_NE(e.reason.find("0xFECA"), std::string::npos) << e.toString();
    auto good = ProfileLoader::load(fixture("good_j1939_dm1.json"));
    ASSERT_TRUE(good.has_value()) << good.error().toString();
    ASSERT_EQ(good->fields.size(), 2U);
    EXPECT_EQ(good->fields[1].kind, FieldSource::Kind::J1939);
    EXPECT_EQ(good->fields[1].j1939.sourceAddress, 0x80);
}

TEST(ProfileLoader, MalformedJsonGivesTheLine)
{
    const ProfileError e = loadError("bad_json.json");
    EXPECT_NE(e.reason.find("line 4"), std::string::npos) << e.toString();
}

TEST(ProfileLoader, MissingFileListsTheBuiltInProfiles)
{
    auto d = ProfileDecoder::load("no-such-profile");
    ASSERT_FALSE(d.has_value());
    EXPECT_NE(d.error().reason.find("foxbms2"), std::string::npos) << d.error().toString();
}

// `profile new --dbc F`: the guessed mapping loads, binds and finds the foxBMS cells by pattern.
TEST(ProfileTemplate, GuessedMappingForFoxbmsLoadsAndFindsCells)
{
    const std::string dbcPath
        = pg::test::sharedDataPath(QStringLiteral("dbc/foxbms2.dbc")).toStdString();
    auto db = DbcParser::load(dbcPath, {});
    ASSERT_TRUE(db.has_value()) << db.error().toString();
    int guessed = 0;
    const QJsonObject o = makeProfileTemplate(*db, dbcPath, "fox-guess", &guessed);
    EXPECT_GE(guessed, 4);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mapping.json"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(o).toJson());
    f.close();
    auto d = ProfileDecoder::load(path.toStdString());
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    bool cells = false;
    for (const FieldSource& fs : d->profile().fields) {
        EXPECT_FALSE(fs.gap.empty()) << fs.key << " guess not marked for checking";
        cells = cells
            || (fs.field == SnapshotField::CellVoltage && fs.signal.pattern
                && fs.index.fromPattern);
    }
    EXPECT_TRUE(cells) << QJsonDocument(o).toJson().toStdString();
}

namespace {

// A mapping based on the shipped foxbms2 profile, as a user writes one for their pack.
tl::expected<ProfileDecoder, ProfileError> loadMapping(const char* json)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pack.json"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    return ProfileDecoder::load(path.toStdString());
}

} // namespace

TEST(ProfileLoader, FoxbmsProfileMapsTheInvalidFlagsWithTheDbcsPolarity)
{
    auto d = ProfileDecoder::load("foxbms2");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    int flagged = 0;
    for (const FieldSource& f : d->profile().fields) {
        if (!f.invalidFlag.enabled())
            continue;
        ++flagged;
        EXPECT_EQ(f.invalidFlag.signal, "{signal}_invalidFlag");
        EXPECT_EQ(f.invalidFlag.invalidValue, 0); // VAL_ 592/608: 0 "Invalid" 1 "Valid"
    }
    EXPECT_EQ(flagged, 2); // cells and temperatures
    EXPECT_TRUE(d->profile().elementCounts.empty());
}

TEST(ProfileLoader, CountsAndPolarityOverrideComeFromAPackMapping)
{
    auto d = loadMapping(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "my-pack",
        "invalid_flag_value": 1, "counts": {"cell_voltage_v": 10, "temperature_c": 4}})J");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    EXPECT_EQ(d->profile().elementCount(SnapshotField::CellVoltage), 10);
    EXPECT_EQ(d->profile().elementCount(SnapshotField::Temperature), 4);
    EXPECT_EQ(d->profile().elementCount(SnapshotField::Dtc), -1);
    for (const FieldSource& f : d->profile().fields) {
        if (f.invalidFlag.enabled()) {
            EXPECT_EQ(f.invalidFlag.invalidValue, 1) << f.key;
        }
    }
}

TEST(ProfileLoader, BadInvalidFlagsAndCountsNameTheKey)
{
    const auto expectError = [](const char* json, const std::string& key, const std::string& what) {
        auto d = loadMapping(json);
        ASSERT_FALSE(d.has_value()) << json;
        const std::string text = d.error().toString();
        EXPECT_NE(text.find(key), std::string::npos) << text;
        EXPECT_NE(text.find(what), std::string::npos) << text;
    };
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "counts": {"dtc": 3}})J",
        "counts.dtc", "expected an array field");
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "counts": {"cell_voltage_v": 0}})J",
        "counts.cell_voltage_v", "expected an integer from 1");
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "fields": [{"field": "cell_voltage_v", "source": "t", "index": {"from_pattern": true},
        "signal": {"message": "f_CellVoltages", "pattern": "CellVoltage_([0-9]+)"},
        "invalid_flag": {"signal": "{signal}_valid", "invalid_value": 0, "source": "t"}}]})J",
        "fields[0].invalid_flag.signal", "no signal 'CellVoltage_000_valid'");
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "fields": [{"field": "cell_voltage_v", "source": "t", "index": {"from_pattern": true},
        "signal": {"message": "f_CellVoltages", "pattern": "CellVoltage_([0-9]+)"},
        "invalid_flag": {"signal": "CellVoltage_000_invalidFlag", "invalid_value": 0, "source": "t"}}]})J",
        "fields[0].invalid_flag.signal", "{signal}");
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "fields": [{"field": "soc_pct", "source": "t",
        "signal": {"message": "f_PackStateEstimation", "name": "MinimumSoc"},
        "invalid_flag": {"signal": "Soh", "source": "t"}}]})J",
        "fields[0].invalid_flag.invalid_value", "polarity");
    expectError(R"J({"format": "packgrade-profile/1", "base": "foxbms2", "name": "x",
        "fields": [{"field": "soc_pct", "source": "t",
        "signal": {"message": "f_PackStateEstimation", "name": "MinimumSoc"}}],
        "invalid_flag_value": 1})J",
        "invalid_flag_value", "no field");
}
