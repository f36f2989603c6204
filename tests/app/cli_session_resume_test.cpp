// Issue 7: a restarted program finds sessions left "running" by a killed `packgrade-cli simulate`
// (a real process, killed with SIGKILL by the test) and closes or resumes them.
#include "cli_session_fixture.h"
#include "core/session_recorder.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QProcess>
#include <QThread>
#include <functional>

using namespace pg::test;

namespace {

class SessionResume : public ::testing::Test {
protected:
    void TearDown() override
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(10000);
        }
    }

    // Starts simulate slowly enough to be killed in the middle of the procedure.
    void start(const QString& procedure, const QString& speed, const QStringList& extra = {})
    {
        m_spec = writeSpec(m_tmp, QStringLiteral("spec.json"), { { QStringLiteral("soc"), 0.9 } });
        m_dir = m_tmp.filePath(QStringLiteral("sessions/s1"));
        m_proc.start(cliPath(),
            QStringList { QStringLiteral("simulate"), QStringLiteral("--pack"), m_spec,
                QStringLiteral("--procedure"), procedure, QStringLiteral("--out"), m_dir,
                QStringLiteral("--speed"), speed, QStringLiteral("--json") }
                + extra);
        ASSERT_TRUE(m_proc.waitForStarted(10000));
    }

    // Waits (without asserting any time) until the condition holds or the run ends.
    bool waitFor(const std::function<bool()>& condition)
    {
        QDeadlineTimer deadline(240000);
        while (!deadline.hasExpired() && m_proc.state() == QProcess::Running) {
            if (condition())
                return true;
            QThread::msleep(50);
        }
        return condition() && m_proc.state() == QProcess::Running;
    }

    void killNow()
    {
        m_proc.kill(); // SIGKILL: no handler runs, as in a crash or a power cut
        ASSERT_TRUE(m_proc.waitForFinished(10000));
        ASSERT_EQ(m_proc.exitStatus(), QProcess::CrashExit);
    }

    QJsonObject onlyItem() const
    {
        const Cli list
            = runCli({ QStringLiteral("session"), QStringLiteral("list"), QStringLiteral("--root"),
                m_tmp.filePath(QStringLiteral("sessions")), QStringLiteral("--json") });
        EXPECT_EQ(list.exitCode, 0) << list.err.toStdString();
        const QJsonArray items = list.json.value(QStringLiteral("items")).toArray();
        EXPECT_EQ(items.size(), 1);
        return items.at(0).toObject();
    }

    QTemporaryDir m_tmp;
    QProcess m_proc;
    QString m_spec;
    QString m_dir;
};

int countLines(const QString& path, const QByteArray& needle)
{
    QFile f(path);
    int n = 0;
    if (f.open(QIODevice::ReadOnly))
        while (!f.atEnd())
            n += f.readLine().contains(needle) ? 1 : 0;
    return n;
}

} // namespace

TEST_F(SessionResume, KilledRunIsFoundThenClosedAsInterruptedKeepingItsData)
{
    start(QStringLiteral("capacity"), QStringLiteral("100"));
    const QString series = m_dir + QStringLiteral("/timeseries.csv");
    ASSERT_TRUE(waitFor([&] { return lineCount(series) > 40; }))
        << "the run ended before it could be killed";

    const QJsonObject live = onlyItem();
    EXPECT_TRUE(live.value(QStringLiteral("alive")).toBool());
    EXPECT_FALSE(live.value(QStringLiteral("interrupted")).toBool());
    const QString root = m_tmp.filePath(QStringLiteral("sessions"));
    EXPECT_TRUE(pg::core::SessionRecorder::findInterrupted(root).isEmpty());
    const Cli busy = runCli({ QStringLiteral("session"), QStringLiteral("close"), m_dir });
    EXPECT_EQ(busy.exitCode, 1) << "a live session was closed under its program";

    killNow();
    const int linesAtKill = lineCount(series);
    const QJsonObject found = onlyItem();
    EXPECT_TRUE(found.value(QStringLiteral("interrupted")).toBool());
    EXPECT_EQ(found.value(QStringLiteral("outcome")).toString(), QStringLiteral("running"));
    EXPECT_EQ(pg::core::SessionRecorder::findInterrupted(root),
        QStringList { QDir(m_dir).absolutePath() });

    const Cli refused = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), m_dir,
        QStringLiteral("--no-store") });
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("session close"))) << refused.err.toStdString();

    const Cli closed = runCli(
        { QStringLiteral("session"), QStringLiteral("close"), m_dir, QStringLiteral("--json") });
    ASSERT_EQ(closed.exitCode, 0) << closed.err.toStdString();
    const QJsonObject meta = readJsonFile(m_dir + QStringLiteral("/session.json"));
    EXPECT_EQ(meta.value(QStringLiteral("outcome")).toString(), QStringLiteral("interrupted"));
    EXPECT_FALSE(meta.value(QStringLiteral("abort_reason")).toString().isEmpty());
    EXPECT_GE(lineCount(series), linesAtKill) << "data lost on close";
    EXPECT_TRUE(QFile::exists(m_dir + QStringLiteral("/manifest.json")));
    EXPECT_EQ(countLines(m_dir + QStringLiteral("/events.jsonl"), "\"closed\""), 1);

    const Cli again = runCli({ QStringLiteral("session"), QStringLiteral("close"), m_dir });
    EXPECT_EQ(again.exitCode, 1);
    // A closed, partial capacity session grades without a capacity (nothing invented).
    const Cli g = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), m_dir,
        QStringLiteral("--no-store"), QStringLiteral("--json") });
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    EXPECT_TRUE(g.json.value(QStringLiteral("soh_capacity")).isNull())
        << QJsonDocument(g.json).toJson().toStdString();
}

TEST_F(SessionResume, KilledHppcResumesWithTheLevelsLeft)
{
    start(QStringLiteral("hppc"), QStringLiteral("200"),
        { QStringLiteral("--levels"), QStringLiteral("3") });
    const QString events = m_dir + QStringLiteral("/events.jsonl");
    ASSERT_TRUE(waitFor([&] { return countLines(events, "C/3 discharge to the next level") >= 1; }))
        << "the run ended before it could be killed";
    killNow();
    const int done = countLines(events, "C/3 discharge to the next level");
    const int linesAtKill = lineCount(m_dir + QStringLiteral("/timeseries.csv"));
    ASSERT_LT(done, 3);

    const Cli resumed = runCli({ QStringLiteral("session"), QStringLiteral("resume"), m_dir,
        QStringLiteral("--speed"), QStringLiteral("200"), QStringLiteral("--json") });
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err.toStdString();
    EXPECT_EQ(
        resumed.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const QJsonObject meta = readJsonFile(m_dir + QStringLiteral("/session.json"));
    const QJsonObject from = meta.value(QStringLiteral("resumed_from")).toObject();
    EXPECT_EQ(from.value(QStringLiteral("levels_done")).toInt(), done);
    // The simulated pack restarts where the attempt left it: below the start SoC by at least
    // the pulses' net charge, above it less one C/3 step (0.1 x 2 Ah of a 1.7 Ah pack) per level
    // begun.
    const double soc = from.value(QStringLiteral("soc_at_interrupt")).toDouble();
    EXPECT_LT(soc, 0.9);
    EXPECT_GT(soc, 0.9 - (done + 1) * 0.2 / 1.7);
    EXPECT_EQ(meta.value(QStringLiteral("pack_serial")).toString(),
        QStringLiteral("SIM-") + fileSha256(m_spec).left(12));
    EXPECT_EQ(fileSha256(m_dir + QStringLiteral("/pack_spec.json")), fileSha256(m_spec));
    EXPECT_EQ(meta.value(QStringLiteral("plan")).toObject().value(QStringLiteral("levels")).toInt(),
        3 - done);
    // The interrupted attempt is kept whole, closed as interrupted.
    const QString attempt
        = m_dir + QLatin1Char('/') + from.value(QStringLiteral("attempt")).toString();
    EXPECT_EQ(lineCount(attempt + QStringLiteral("/timeseries.csv")), linesAtKill);
    EXPECT_EQ(readJsonFile(attempt + QStringLiteral("/session.json"))
                  .value(QStringLiteral("outcome"))
                  .toString(),
        QStringLiteral("interrupted"));
    // The new run did only the levels left: one "C/3 to the next level" fewer than levels.
    EXPECT_EQ(
        countLines(m_dir + QStringLiteral("/events.jsonl"), "C/3 discharge to the next level"),
        3 - done - 1);
    EXPECT_EQ(onlyItem().value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
}

TEST(SessionBadInput, FoldersThatAreNoSessionsAreRefusedNamingTheFile)
{
    QTemporaryDir tmp;
    const QString empty = tmp.filePath(QStringLiteral("empty"));
    QDir().mkpath(empty);
    for (const QStringList& args :
        { QStringList { QStringLiteral("grade"), QStringLiteral("--session"), empty,
              QStringLiteral("--no-store") },
            QStringList { QStringLiteral("session"), QStringLiteral("close"), empty } }) {
        const Cli c = runCli(args);
        EXPECT_EQ(c.exitCode, 3) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(c.err.contains(empty + QStringLiteral("/session.json"))) << c.err.toStdString();
    }
    QFile bad(tmp.filePath(QStringLiteral("bad/session.json")));
    QDir().mkpath(tmp.filePath(QStringLiteral("bad")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("{\"outcome\": \"running\",\n");
    bad.close();
    const Cli c = runCli({ QStringLiteral("session"), QStringLiteral("close"),
        tmp.filePath(QStringLiteral("bad")) });
    EXPECT_EQ(c.exitCode, 3);
    EXPECT_TRUE(c.err.contains(QStringLiteral("bad/session.json:2:"))
        && c.err.contains(QStringLiteral("expected a JSON object")))
        << c.err.toStdString();
    EXPECT_EQ(runCli({ QStringLiteral("session") }).exitCode, 2);
    EXPECT_EQ(runCli({ QStringLiteral("session"), QStringLiteral("resume") }).exitCode, 2);
}
