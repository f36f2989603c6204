// Cross-check: PackGrade's DBC parser + decoder against the npm package candied (written by
// others, tests/tools/candied_decode.mjs) on random payloads for every message of the real DBCs
// in ../shared/data/dbc and of tests/data/dbc/features.dbc. Needs `npm ci` in tests/tools.
//
// Expected active signals come from candied's own reading of the file: unmultiplexed signals,
// multiplexers, and mN signals whose message's M field (decoded by candied) equals N.
// Left out, and checked by hand in dbc_decoder_test.cpp instead (docs/notes-dbc.md):
// SIG_VALTYPE_ float signals and SG_MUL_VAL_ extended multiplexing (candied has neither), and
// signals placed past their message's length (candied reads outside the payload).
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "test_paths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <set>

using namespace pg::can;

namespace {

constexpr int kPayloadsPerMessage = 24;

// Float signals, nested multiplexers (mNM) and SG_MUL_VAL_ ranges: beyond candied.
bool beyondCandied(const DbcMessage& m)
{
    for (const DbcSignal& s : m.signalList) {
        if (s.valueType != SignalValueType::Integer || (s.isMultiplexer && s.hasMuxValue))
            return true;
        if (!s.muxRanges.empty()
            && (s.muxRanges.size() != 1 || s.muxRanges[0].low != s.muxRanges[0].high
                || s.muxRanges[0].low != s.muxValue))
            return true;
    }
    return false;
}

// Random payload; for multiplexed messages the M field is set to one of its used values 3 times
// in 4 (uniform random bytes rarely hit e.g. foxBMS's 0..53 cell groups).
CanFrame randomFrame(const DbcDecoder& decoder, int index, std::mt19937_64& rng)
{
    const DbcMessage& m = decoder.message(index);
    CanFrame f;
    f.id = m.id;
    f.len = static_cast<std::uint8_t>(m.length);
    for (int i = 0; i < m.length; ++i)
        f.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(rng());
    std::vector<std::uint64_t> used;
    for (const DbcSignal& s : m.signalList) {
        if (s.hasMuxValue)
            used.push_back(s.muxValue);
    }
    const DbcSignal* mux = nullptr;
    for (const DbcSignal& s : m.signalList)
        mux = s.isMultiplexer && !s.hasMuxValue ? &s : mux;
    if (mux != nullptr && !used.empty() && rng() % 4 != 0) {
        const MessagePlan& plan = decoder.plan(index);
        const auto k = static_cast<std::size_t>(mux - m.signalList.data());
        insertRaw(plan.signalList[plan.planOf[k]], used[rng() % used.size()], f.data.data());
    }
    return f;
}

struct Checked {
    long frames = 0;
    long values = 0;
    std::set<std::string> unreadByCandied; // signals on lines candied's grammar rejects
    std::set<long> candiedErrorLines;
    QList<QByteArray> lines; // of the DBC file
};

// candied 2.2.0 drops, without an error, SG_ lines whose numbers use exponent notation
// (factor 2E-005 in Tesla's ID239DAS_lanes), and reports lines its grammar rejects.
bool candiedCannotRead(const Checked& c, long line)
{
    if (c.candiedErrorLines.count(line) != 0)
        return true;
    if (line < 1 || line > c.lines.size())
        return false;
    const QByteArray text = c.lines[line - 1];
    return text.contains("E-0") || text.contains("E+0") || text.contains("e-0");
}

void compareFrame(const DbcDecoder& decoder, int index, const CanFrame& f,
    const QJsonObject& theirs, Checked& checked)
{
    const DbcMessage& m = decoder.message(index);
    const QJsonObject sigs = theirs.value("signals").toObject();
    ASSERT_TRUE(theirs.value("found").toBool()) << "candied has no message " << m.name;
    std::set<std::string> expected;
    double muxValue = -1;
    for (auto it = sigs.begin(); it != sigs.end(); ++it) {
        if (it.value().toObject().value("multiplex").toString() == QLatin1String("M"))
            muxValue = it.value().toObject().value("raw").toDouble();
    }
    for (auto it = sigs.begin(); it != sigs.end(); ++it) {
        const QString mux = it.value().toObject().value("multiplex").toString();
        const DbcSignal* ours = m.findSignal(it.key().toStdString());
        ASSERT_NE(ours, nullptr) << m.name << "." << it.key().toStdString()
                                 << " exists only in candied";
        if (signalEndByte(*ours) > m.length)
            continue;
        if (mux.isEmpty() || mux == QLatin1String("M") || mux.mid(1).toDouble() == muxValue)
            expected.insert(it.key().toStdString());
    }
    std::vector<DecodedSignal> out;
    decoder.decode(index, f, out);
    std::set<std::string> got;
    for (const DecodedSignal& d : out) {
        const DbcSignal& s = m.signalList[d.signal];
        if (!sigs.contains(QString::fromStdString(s.name))) {
            EXPECT_TRUE(candiedCannotRead(checked, s.line))
                << m.name << "." << s.name << " line " << s.line;
            checked.unreadByCandied.insert(m.name + "." + s.name);
            continue;
        }
        got.insert(s.name);
        const QJsonObject t = sigs.value(QString::fromStdString(s.name)).toObject();
        ASSERT_FALSE(t.value("value").isNull()) << m.name << "." << s.name;
        // candied clamps to [min, max] unless both are 0.
        const double lo = t.value("min").toDouble();
        const double hi = t.value("max").toDouble();
        const double clamped = (lo == 0 && hi == 0) ? d.value : std::clamp(d.value, lo, hi);
        const double want = t.value("value").toDouble();
        EXPECT_NEAR(clamped, want, 1e-9 * std::max(1.0, std::fabs(want)))
            << m.name << "." << s.name;
        const double wantRaw = t.value("raw").toDouble();
        const double raw = s.isSigned ? static_cast<double>(d.raw)
                                      : static_cast<double>(static_cast<std::uint64_t>(d.raw));
        EXPECT_NEAR(raw, wantRaw, 1e-15 * std::max(1.0, std::fabs(wantRaw)))
            << m.name << "." << s.name;
        ++checked.values;
    }
    EXPECT_EQ(got, expected) << m.name << " " << toCandumpText(f);
    ++checked.frames;
}

// features.dbc is a test fixture; the DBCs PackGrade wrote ship in resources/dbc; the others
// (foxBMS 2 included, of which resources/ holds an unchanged copy) are read from shared/data.
QString dbcPath(const QString& name)
{
    if (name.startsWith(QLatin1String("features")))
        return pg::test::dataPath(QStringLiteral("dbc/") + name);
    const QString shipped = QStringLiteral(RESOURCES_DIR "/dbc/") + name;
    if (QFile::exists(shipped) && name != QLatin1String("foxbms2.dbc"))
        return shipped;
    return pg::test::sharedDataPath(QStringLiteral("dbc/") + name);
}

class DbcCandied : public ::testing::TestWithParam<const char*> { };

} // namespace

TEST_P(DbcCandied, RandomPayloadsDecodeAsCandiedDecodesThem)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        GTEST_SKIP() << "node is not installed; the candied cross-check needs it";
    if (!QFile::exists(pg::test::toolPath("node_modules/candied/package.json")))
        GTEST_SKIP() << "candied is not installed: run `npm ci` in tests/tools";
    const QString path = dbcPath(QLatin1String(GetParam()));
    const auto db = DbcParser::load(path.toStdString(), {});
    ASSERT_TRUE(db.has_value()) << db.error().toString();
    const DbcDecoder decoder(*db);

    std::mt19937_64 rng(20261124);
    std::vector<std::pair<int, CanFrame>> frames;
    QJsonArray request;
    for (int i = 0; i < static_cast<int>(db->messages.size()); ++i) {
        const DbcMessage& m = db->messages[static_cast<std::size_t>(i)];
        if (m.pseudo || m.length == 0 || beyondCandied(m))
            continue;
        for (int k = 0; k < kPayloadsPerMessage; ++k) {
            const CanFrame f = randomFrame(decoder, i, rng);
            QJsonArray bytes;
            for (int b = 0; b < f.len; ++b)
                bytes.append(f.data[static_cast<std::size_t>(b)]);
            request.append(
                QJsonObject { { "message", QString::fromStdString(m.name) }, { "data", bytes } });
            frames.emplace_back(i, f);
        }
    }
    QTemporaryDir dir;
    QFile req(dir.filePath("request.json"));
    ASSERT_TRUE(req.open(QIODevice::WriteOnly));
    req.write(QJsonDocument(QJsonObject { { "frames", request } }).toJson(QJsonDocument::Compact));
    req.close();
    QProcess p;
    p.start(node, { pg::test::toolPath("candied_decode.mjs"), path, req.fileName() });
    ASSERT_TRUE(p.waitForFinished(300000)) << "node did not finish";
    ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    const QJsonObject answer = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    const QJsonArray theirs = answer.value("frames").toArray();
    ASSERT_EQ(theirs.size(), static_cast<qsizetype>(frames.size()));
    Checked checked;
    QFile dbcFile(path);
    ASSERT_TRUE(dbcFile.open(QIODevice::ReadOnly));
    checked.lines = dbcFile.readAll().split('\n');
    for (const QJsonValue line : answer.value("parse_errors").toArray())
        checked.candiedErrorLines.insert(static_cast<long>(line.toDouble()));
    for (std::size_t k = 0; k < frames.size(); ++k)
        compareFrame(decoder, frames[k].first, frames[k].second,
            theirs[static_cast<qsizetype>(k)].toObject(), checked);
    EXPECT_GT(checked.values, checked.frames); // something was compared
    RecordProperty("frames", static_cast<int>(checked.frames));
    RecordProperty("values", static_cast<int>(checked.values));
    std::printf(
        "[ candied  ] %s: %ld frames, %ld signal values agree (candied %s); %zu signals on lines "
        "candied cannot parse\n",
        GetParam(), checked.frames, checked.values,
        answer.value("candied").toString().toUtf8().constData(), checked.unreadByCandied.size());
}

INSTANTIATE_TEST_SUITE_P(Dbc, DbcCandied,
    ::testing::Values("foxbms2.dbc", "tesla_model3.dbc", "gm_global_a_high_voltage_management.dbc",
        "nissan_leaf_aze0_evcan.dbc", "features.dbc", "nissan_leaf_lbc.dbc", "orion_bms2.dbc",
        "inverter_can.dbc"),
    [](const ::testing::TestParamInfo<const char*>& param) {
        std::string name = param.param;
        name = name.substr(0, name.find('.'));
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });
