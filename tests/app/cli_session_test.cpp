// Issue 7/8: `packgrade-cli grade --session DIR` on folders recorded by the real `simulate`
// against packgrade-sim (SCPI over TCP); the simulator's truth checks the numbers.
#include "cli_session_fixture.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>
#include <cmath>

using namespace pg::test;

namespace {

class SessionGrade : public ::testing::Test {
protected:
    struct Recorded {
        QString dir;
        QJsonObject truth;
        QString spec;
        QString failure; // empty when the simulated session completed
    };

    void SetUp() override
    {
        for (const Recorded* r : { &s_capacity, &s_hppc })
            if (!r->failure.isEmpty())
                FAIL() << r->failure.toStdString();
    }

    static void SetUpTestSuite()
    {
        s_root = new QTemporaryDir;
        // At 1000 times real time, C/3 to empty is about 10 s. The simulator keeps pace with the
        // bench's measurements (at most 0.5 s of simulated time between two around a pulse, 1 s
        // under a steady current), so a 10 s HPPC pulse is sampled finely enough to fit (it needed
        // 50x before) and the LFP knee (2.5 V cut-off to the 2.3 V safety limit in a few
        // simulated seconds) no longer falls between two samples (the fixture recorded again
        // when it did).
        s_capacity = record("capacity", {}, { QStringLiteral("--speed"), QStringLiteral("1000") });
        s_hppc = record("hppc", { { QStringLiteral("soc"), 0.9 } },
            { QStringLiteral("--levels"), QStringLiteral("1"), QStringLiteral("--speed"),
                QStringLiteral("1000") });
    }
    static void TearDownTestSuite()
    {
        delete s_root;
        s_root = nullptr;
    }

    static Recorded record(
        const char* procedure, const QJsonObject& spec, const QStringList& extra = {})
    {
        Recorded r;
        r.spec = writeSpec(*s_root, QStringLiteral("%1.json").arg(QLatin1String(procedure)), spec);
        r.dir = s_root->filePath(QLatin1String(procedure));
        const Cli c = runCli(QStringList { QStringLiteral("simulate"), QStringLiteral("--pack"),
                                 r.spec, QStringLiteral("--procedure"), QLatin1String(procedure),
                                 QStringLiteral("--out"), r.dir, QStringLiteral("--json") }
            + extra);
        // A failure here must fail every test of the suite (SetUp below), not skip them: gtest
        // reports a failed SetUpTestSuite as skipped tests, which ctest counts as passing.
        if (c.exitCode != 0
            || c.json.value(QStringLiteral("outcome")).toString() != QLatin1String("completed"))
            r.failure = QStringLiteral("recording the %1 session failed (exit %2): %3 %4")
                            .arg(QLatin1String(procedure))
                            .arg(c.exitCode)
                            .arg(c.json.value(QStringLiteral("abort_reason")).toString(), c.err);
        r.truth = c.json.value(QStringLiteral("truth")).toObject();
        return r;
    }

    QString db() const
    {
        return QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("inv.sqlite"));
    }
    Cli grade(const QString& dir, const QString& url) const
    {
        return runCli({ QStringLiteral("grade"), QStringLiteral("--session"), dir,
            QStringLiteral("--db"), url, QStringLiteral("--json") });
    }

    static inline QTemporaryDir* s_root = nullptr;
    static inline Recorded s_capacity;
    static inline Recorded s_hppc;
    QTemporaryDir m_tmp;
};

double value(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toDouble(NAN);
}

// A second connection to the test's SQLite file, as another program would hold it.
class SideConnection {
public:
    explicit SideConnection(const QString& path)
        : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~SideConnection() { QSqlDatabase::removeDatabase(m_name); }
    bool open() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace

TEST_F(SessionGrade, CapacitySessionGradesTheSameTwiceAndMatchesTheSimulatorsTruth)
{
    const Cli first = grade(s_capacity.dir, db());
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    const Cli second = grade(s_capacity.dir, db());
    ASSERT_EQ(second.exitCode, 0) << second.err.toStdString();
    for (const char* key : { "id", "grade", "soh_capacity", "soh_capacity_interval",
             "soh_resistance", "cell_spread_v", "reasons", "policy" })
        EXPECT_TRUE(first.json.contains(QLatin1String(key))) << key;
    EXPECT_EQ(
        first.json.value(QStringLiteral("grade")), second.json.value(QStringLiteral("grade")));
    EXPECT_EQ(value(first.json, "soh_capacity"), value(second.json, "soh_capacity"));
    EXPECT_EQ(first.json.value(QStringLiteral("soh_capacity_interval")),
        second.json.value(QStringLiteral("soh_capacity_interval")));
    EXPECT_EQ(first.json.value(QStringLiteral("cell_spread_v")),
        second.json.value(QStringLiteral("cell_spread_v")));
    EXPECT_EQ(
        first.json.value(QStringLiteral("policy")), second.json.value(QStringLiteral("policy")));
    EXPECT_EQ(first.json.value(QStringLiteral("policy"))
                  .toObject()
                  .value(QStringLiteral("sha256"))
                  .toString(),
        fileSha256(QStringLiteral(RESOURCES_DIR "/policies/default.json")));
    EXPECT_NE(first.json.value(QStringLiteral("id")), second.json.value(QStringLiteral("id")));
    EXPECT_TRUE(first.json.value(QStringLiteral("estimates_match")).toBool());

    // Capacity within 2 % of the simulator's truth (a C/3 test from full to the first cell's
    // cut-off).
    const double nominalAh = 2.0;
    EXPECT_NEAR(value(first.json, "soh_capacity") * nominalAh,
        value(s_capacity.truth, "capacity_ah"), 0.02 * value(s_capacity.truth, "capacity_ah"));
}

TEST_F(SessionGrade, StoresTheSessionOnceWithItsMeasurementsReferencedByPathAndHash)
{
    ASSERT_EQ(grade(s_capacity.dir, db()).exitCode, 0);
    ASSERT_EQ(grade(s_capacity.dir, db()).exitCode, 0);
    const QString sessionId = readJsonFile(s_capacity.dir + QStringLiteral("/session.json"))
                                  .value(QStringLiteral("session_id"))
                                  .toString();
    {
        const SideConnection side(m_tmp.filePath(QStringLiteral("inv.sqlite")));
        ASSERT_TRUE(side.open());
        QSqlQuery q(side.db());
        ASSERT_TRUE(
            q.exec(QStringLiteral("SELECT count(*) FROM sessions WHERE id = '%1'").arg(sessionId))
            && q.next());
        EXPECT_EQ(q.value(0).toInt(), 1);
        ASSERT_TRUE(
            q.exec(QStringLiteral("SELECT count(*) FROM assessments WHERE session_id = '%1'")
                       .arg(sessionId))
            && q.next());
        EXPECT_EQ(q.value(0).toInt(), 2);
        ASSERT_TRUE(q.exec(QStringLiteral(
            "SELECT series_path, series_sha256 FROM measurements WHERE session_id = '%1' "
            "AND kind = 'capacity_ah'")
                               .arg(sessionId)));
        ASSERT_TRUE(q.next());
        EXPECT_EQ(q.value(1).toString(), fileSha256(q.value(0).toString()));
        EXPECT_TRUE(q.value(0).toString().endsWith(QLatin1String("timeseries.csv")));
        EXPECT_FALSE(q.next()) << "measurements stored twice";
    }
}

TEST_F(SessionGrade, FolderIsAReproducibleRecord)
{
    const QString dir = s_capacity.dir;
    const QJsonObject meta = readJsonFile(dir + QStringLiteral("/session.json"));
    EXPECT_TRUE(
        meta.value(QStringLiteral("software")).toString().startsWith(QLatin1String("packgrade ")));
    EXPECT_EQ(
        meta.value(QStringLiteral("pack_spec_sha256")).toString(), fileSha256(s_capacity.spec));
    EXPECT_EQ(fileSha256(dir + QStringLiteral("/pack_spec.json")), fileSha256(s_capacity.spec));
    EXPECT_EQ(
        meta.value(QStringLiteral("policy")).toObject().value(QStringLiteral("sha256")).toString(),
        fileSha256(QStringLiteral(RESOURCES_DIR "/policies/default.json")));
    const QJsonObject files = readJsonFile(dir + QStringLiteral("/manifest.json"))
                                  .value(QStringLiteral("files"))
                                  .toObject();
    for (const char* f :
        { "timeseries.csv", "cells.csv", "events.jsonl", "scpi.log", "estimates.json",
            "bms_snapshot.json", "channels/cell_00.csv", "channels/cell_03.csv" }) {
        ASSERT_TRUE(files.contains(QLatin1String(f))) << f;
        EXPECT_EQ(
            files.value(QLatin1String(f)).toObject().value(QStringLiteral("sha256")).toString(),
            fileSha256(dir + QLatin1Char('/') + QLatin1String(f)))
            << f;
    }
    // A channel file is interchange CSV: the header of DESIGN.md (temperature_c only where the
    // profile maps a sensor to the cell), one row per cells.csv row.
    QFile channel(dir + QStringLiteral("/channels/cell_02.csv"));
    ASSERT_TRUE(channel.open(QIODevice::ReadOnly));
    EXPECT_TRUE(channel.readLine().trimmed().startsWith("time_s,current_a,voltage_v"));
    EXPECT_EQ(lineCount(channel.fileName()), lineCount(dir + QStringLiteral("/cells.csv")));
    const QJsonObject capacity = readJsonFile(dir + QStringLiteral("/estimates.json"))
                                     .value(QStringLiteral("capacity_ah"))
                                     .toObject();
    EXPECT_GT(capacity.value(QStringLiteral("stderr")).toDouble(), 0.0);
    const QJsonObject inputs = readJsonFile(dir + QStringLiteral("/estimates.json"))
                                   .value(QStringLiteral("inputs"))
                                   .toObject();
    EXPECT_EQ(inputs.value(QStringLiteral("series_sha256")).toString(),
        fileSha256(dir + QStringLiteral("/timeseries.csv")));
    EXPECT_EQ(inputs.value(QStringLiteral("capacity_ah")).toDouble(), 2.0);
    EXPECT_FALSE(capacity.value(QStringLiteral("method")).toString().isEmpty());
}

TEST_F(SessionGrade, HppcSessionResistanceMatchesTheSimulatorsTruth)
{
    const Cli g = grade(s_hppc.dir, db());
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    const QJsonArray pulses = g.json.value(QStringLiteral("estimates"))
                                  .toObject()
                                  .value(QStringLiteral("hppc"))
                                  .toObject()
                                  .value(QStringLiteral("pulses"))
                                  .toArray();
    ASSERT_FALSE(pulses.isEmpty()) << "no discharge pulse found in the HPPC session";
    const QString fitError = pulses.at(0).toObject().value(QStringLiteral("error")).toString();
    // The simulator keeps pace with the bench's samples, so a loaded machine no longer thins
    // the pulse out (this was a skip: "too few samples" when the simulator ran on the wall clock).
    ASSERT_TRUE(fitError.isEmpty()) << fitError.toStdString();
    const double r0New = readJsonFile(s_hppc.dir + QStringLiteral("/session.json"))
                             .value(QStringLiteral("nominal_r0_ohm"))
                             .toDouble();
    ASSERT_GT(r0New, 0.0);
    // soh_resistance = new-pack R0 / measured R0, so the measured R0 is r0New / soh_resistance.
    EXPECT_NEAR(r0New / value(g.json, "soh_resistance"), value(s_hppc.truth, "r0_ohm"),
        0.05 * value(s_hppc.truth, "r0_ohm"));
    // No full discharge in an HPPC session: capacity is not measured, so the grade cannot certify.
    EXPECT_EQ(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("retest"));
}

TEST_F(SessionGrade, ChangedSeriesFileIsRefusedNamingIt)
{
    const QString copy = m_tmp.filePath(QStringLiteral("copy"));
    ASSERT_EQ(
        runTool(QStringLiteral("cp"), { QStringLiteral("-r"), s_capacity.dir, copy }).exitCode, 0);
    QFile ts(copy + QStringLiteral("/timeseries.csv"));
    ASSERT_TRUE(ts.open(QIODevice::Append));
    ts.write("999999.000,0,0,\n");
    ts.close();
    const Cli g = grade(copy, db());
    EXPECT_EQ(g.exitCode, 3);
    EXPECT_TRUE(g.err.contains(QStringLiteral("timeseries.csv"))) << g.err.toStdString();
    EXPECT_EQ(g.err.count(QLatin1Char('\n')), 1);
}

TEST_F(SessionGrade, EstimatesThatDisagreeWithTheRecordedSeriesAreFlagged)
{
    const QString copy = m_tmp.filePath(QStringLiteral("copy"));
    ASSERT_EQ(
        runTool(QStringLiteral("cp"), { QStringLiteral("-r"), s_capacity.dir, copy }).exitCode, 0);
    // An unsealed folder (no manifest) with estimates.json edited after the fact.
    QFile::remove(copy + QStringLiteral("/manifest.json"));
    QJsonObject est = readJsonFile(copy + QStringLiteral("/estimates.json"));
    QJsonObject cap = est.value(QStringLiteral("capacity_ah")).toObject();
    const double recorded = cap.value(QStringLiteral("value")).toDouble();
    cap[QStringLiteral("value")] = recorded * 1.1;
    est[QStringLiteral("capacity_ah")] = cap;
    QFile f(copy + QStringLiteral("/estimates.json"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(est).toJson());
    f.close();
    const Cli g = grade(copy, db());
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    EXPECT_FALSE(g.json.value(QStringLiteral("estimates_match")).toBool());
    EXPECT_EQ(g.json.value(QStringLiteral("mismatches")).toArray().size(), 1);
    // The grade uses the recomputed value, not the edited one.
    EXPECT_NEAR(value(g.json, "soh_capacity") * 2.0, recorded, 1e-9 * recorded);
}

TEST_F(SessionGrade, UnreachablePostgresKeepsTheSessionInItsFolderAndALaterGradeStoresIt)
{
    QTcpServer probe; // a free port with nothing listening once the probe closes
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const QString url = QStringLiteral("postgresql://nobody@127.0.0.1:%1/inventory").arg(port);
    const Cli down = grade(s_capacity.dir, url);
    if (down.err.contains(QLatin1String("driver QPSQL is not installed")))
        GTEST_SKIP() << "Qt's PostgreSQL driver is absent: " << down.err.toStdString();
    EXPECT_EQ(down.exitCode, 1);
    EXPECT_EQ(down.err.count(QLatin1Char('\n')), 1) << down.err.toStdString();
    EXPECT_TRUE(down.err.contains(url)) << down.err.toStdString();
    EXPECT_TRUE(down.err.contains(s_capacity.dir)) << down.err.toStdString();
    EXPECT_FALSE(readJsonFile(s_capacity.dir + QStringLiteral("/grade.json"))
                     .value(QStringLiteral("stored"))
                     .toBool());

    const Cli later = grade(s_capacity.dir, db());
    ASSERT_EQ(later.exitCode, 0) << later.err.toStdString();
    EXPECT_TRUE(readJsonFile(s_capacity.dir + QStringLiteral("/grade.json"))
                    .value(QStringLiteral("stored"))
                    .toBool());
}

TEST_F(SessionGrade, LockedSqliteKeepsTheSessionInItsFolder)
{
    ASSERT_EQ(grade(s_capacity.dir, db()).exitCode, 0); // creates the schema
    {
        const SideConnection side(m_tmp.filePath(QStringLiteral("inv.sqlite")));
        ASSERT_TRUE(side.open());
        QSqlQuery q(side.db());
        ASSERT_TRUE(
            q.exec(QStringLiteral("BEGIN EXCLUSIVE"))); // another program holds the write lock
        const Cli locked = grade(s_capacity.dir, db());
        EXPECT_EQ(locked.exitCode, 1);
        EXPECT_EQ(locked.err.count(QLatin1Char('\n')), 1) << locked.err.toStdString();
        EXPECT_TRUE(locked.err.contains(QStringLiteral("locked"))) << locked.err.toStdString();
        EXPECT_TRUE(locked.err.contains(m_tmp.filePath(QStringLiteral("inv.sqlite"))))
            << locked.err.toStdString();
        EXPECT_FALSE(readJsonFile(s_capacity.dir + QStringLiteral("/grade.json"))
                         .value(QStringLiteral("stored"))
                         .toBool());
        q.exec(QStringLiteral("ROLLBACK"));
    }
    EXPECT_EQ(grade(s_capacity.dir, db()).exitCode, 0);
}

// Issue 8 cross-check: the BMS SoH of the session's first snapshot against the measured SoH. The
// simulated BMS sends no SoH, so the test writes the BMS's claim into an unsealed copy: a BMS
// claiming a new pack is flagged; one agreeing with the simulator's truth is not.
TEST_F(SessionGrade, FirstSnapshotBmsSohIsCrossCheckedAgainstTheMeasurement)
{
    const double truthSoh = value(s_capacity.truth, "capacity_ah") / 2.0;
    for (const double bmsSoh : { 1.0, truthSoh }) {
        const QString copy = m_tmp.filePath(QStringLiteral("copy-%1").arg(bmsSoh));
        ASSERT_EQ(
            runTool(QStringLiteral("cp"), { QStringLiteral("-r"), s_capacity.dir, copy }).exitCode,
            0);
        QFile::remove(copy + QStringLiteral("/manifest.json"));
        QJsonObject snap = readJsonFile(copy + QStringLiteral("/bms_snapshot.json"));
        snap[QStringLiteral("soh_pct")] = 100.0 * bmsSoh;
        QFile f(copy + QStringLiteral("/bms_snapshot.json"));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(snap).toJson());
        f.close();
        const Cli g = grade(copy, db());
        ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
        EXPECT_EQ(g.json.value(QStringLiteral("bms_mismatch")).toBool(), bmsSoh == 1.0) << bmsSoh;
        EXPECT_EQ(g.json.value(QStringLiteral("reasons"))
                      .toVariant()
                      .toStringList()
                      .filter(QStringLiteral("BMS-reported"))
                      .size(),
            bmsSoh == 1.0 ? 1 : 0);
    }
}

// What the technician measured apart from the session (an insulation tester, a storage check)
// fills the measures a session cannot record; without it those rules ask for a retest. A key the
// format does not know is refused naming the file and the key.
TEST_F(SessionGrade, InspectionFileFillsWhatTheSessionCannotMeasure)
{
    const auto retestFor = [](const Cli& g, const QString& measure) {
        return g.json.value(QStringLiteral("reasons"))
            .toVariant()
            .toStringList()
            .filter(measure + QStringLiteral(" not measured"))
            .size();
    };
    const Cli bare = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), s_capacity.dir,
        QStringLiteral("--no-store"), QStringLiteral("--json") });
    ASSERT_EQ(bare.exitCode, 0) << bare.err.toStdString();
    EXPECT_GT(retestFor(bare, QStringLiteral("isolation_ohm_per_v")), 0);
    EXPECT_GT(retestFor(bare, QStringLiteral("self_discharge_v_per_day")), 0);

    const QString typed = m_tmp.filePath(QStringLiteral("inspection.json"));
    QFile f(typed);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"isolation_ohm": {"value": 2.5e6, "stderr": 1e5, "method": "insulation tester 500 V DC"},
               "self_discharge_v_per_day": 0.001, "capacity_spread": 0.02})");
    f.close();
    const Cli withInspection = runCli({ QStringLiteral("grade"), QStringLiteral("--session"),
        s_capacity.dir, QStringLiteral("--inspection"), typed, QStringLiteral("--no-store"),
        QStringLiteral("--json") });
    ASSERT_EQ(withInspection.exitCode, 0) << withInspection.err.toStdString();
    EXPECT_EQ(retestFor(withInspection, QStringLiteral("isolation_ohm_per_v")), 0);
    EXPECT_EQ(retestFor(withInspection, QStringLiteral("self_discharge_v_per_day")), 0);
    EXPECT_EQ(retestFor(withInspection, QStringLiteral("capacity_spread")), 0);

    const QString bad = m_tmp.filePath(QStringLiteral("bad_inspection.json"));
    QFile b(bad);
    ASSERT_TRUE(b.open(QIODevice::WriteOnly));
    b.write(R"({"isolation": 5})");
    b.close();
    const Cli refused = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), s_capacity.dir,
        QStringLiteral("--inspection"), bad, QStringLiteral("--no-store"), QStringLiteral("--json") });
    EXPECT_EQ(refused.exitCode, 3);
    EXPECT_TRUE(refused.err.contains(bad + QStringLiteral(": isolation: unknown key"))) << refused.err.toStdString();
}
