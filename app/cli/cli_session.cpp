// packgrade-cli session list|close DIR|resume DIR: what a restarted program offers for sessions
// left "running" by a crash, a kill or a power cut.
#include "app/sim/session_meta.h"
#include "cli_common.h"
#include "commands.h"
#include "core/session_files.h"
#include "core/session_state.h"
#include "models/time_series.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace pg::app {

namespace {

    QJsonObject statusJson(const core::SessionStatus& s)
    {
        return { { QStringLiteral("dir"), s.dir }, { QStringLiteral("session_id"), s.sessionId },
            { QStringLiteral("procedure"), s.procedure }, { QStringLiteral("outcome"), s.outcome },
            { QStringLiteral("started"), s.started },
            { QStringLiteral("pid"), static_cast<double>(s.pid) },
            { QStringLiteral("alive"), s.alive },
            { QStringLiteral("interrupted"), s.interrupted() },
            { QStringLiteral("graded"), s.graded }, { QStringLiteral("stored"), s.stored } };
    }

    QString statusText(const core::SessionStatus& s)
    {
        const QString state = s.interrupted()
            ? QStringLiteral("INTERRUPTED (session close|resume DIR)")
            : s.alive ? QStringLiteral("running (pid %1)").arg(s.pid)
                      : s.outcome;
        const QString store = s.stored ? QStringLiteral("stored")
            : s.graded                 ? QStringLiteral("graded, NOT stored")
                                       : QStringLiteral("not graded");
        return QStringLiteral("%1  %2  %3  %4\n").arg(s.dir, s.procedure, state, store);
    }

    int list(const QString& root, bool json)
    {
        const auto sessions = core::listSessions(root);
        QJsonArray items;
        QString text;
        for (const auto& s : sessions) {
            items.append(statusJson(s));
            text += statusText(s);
        }
        if (json)
            printJson({ { QStringLiteral("root"), QDir(root).absolutePath() },
                { QStringLiteral("items"), items } });
        else
            printOut(text.isEmpty() ? QStringLiteral("no sessions under %1\n").arg(root) : text);
        return core::kExitOk;
    }

    int closeOne(const QString& dir, bool json)
    {
        auto s = core::closeSession(dir);
        if (!s)
            return fail(s.error());
        if (json)
            printJson(statusJson(*s));
        else
            printOut(QStringLiteral("%1: closed as interrupted, all data kept\n").arg(s->dir));
        return core::kExitOk;
    }

    int resume(const QString& dir, const QString& speed, bool json)
    {
        const QString spec = QDir(dir).filePath(QStringLiteral("pack_spec.json"));
        if (!QFile::exists(spec))
            return fail({ core::kExitFailed,
                QStringLiteral("%1: absent; only simulated sessions resume from the CLI (a bench "
                               "session resumes "
                               "from the GUI with the pack connected)")
                    .arg(spec) });
        auto plan = core::prepareResume(dir);
        if (!plan)
            return fail(plan.error());
        if (!json)
            printOut(QStringLiteral("%1: %2; the interrupted attempt is kept in %3\n")
                         .arg(dir, plan->why, plan->attemptDir));
        auto resumeSpec = sim::writeResumeSpec(dir, *plan);
        if (!resumeSpec)
            return fail(resumeSpec.error());
        // A session recorded from a plan file or a named plan restarts that plan; a one-step plan
        // (`--procedure P`) restarts its procedure.
        const sim::ResumedPlan again = sim::resumedPlan(dir, *plan);
        QStringList args { QStringLiteral("--pack"), *resumeSpec,
            again.wholePlan ? QStringLiteral("--plan") : QStringLiteral("--procedure"), again.plan,
            QStringLiteral("--out"), dir, QStringLiteral("--speed"), speed };
        if (plan->procedure == QLatin1String("hppc"))
            args << QStringLiteral("--levels") << QString::number(plan->levelsLeft);
        if (json)
            args << QStringLiteral("--json");
        return runSimulate(args);
    }

} // namespace

int runSession(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Sessions left running by a crash: list, close (mark interrupted, keep "
                       "the data) or resume (continue the remaining steps)."));
    p.addPositionalArgument(
        QStringLiteral("action"), QStringLiteral("list | close DIR | resume DIR"));
    const QCommandLineOption root(QStringLiteral("root"),
        QStringLiteral("Folder searched by list (default: the data folder's sessions)."),
        QStringLiteral("DIR"),
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/sessions"));
    const QCommandLineOption speed(QStringLiteral("speed"),
        QStringLiteral("resume: simulated seconds per real second."), QStringLiteral("X"),
        QStringLiteral("1000"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ root, speed, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("session"), args, code))
        return code;
    const QStringList pos = p.positionalArguments();
    const QString action = pos.value(0);
    if (action == QLatin1String("list") && pos.size() == 1)
        return list(p.value(root), p.isSet(json));
    if (action == QLatin1String("close") && pos.size() == 2)
        return closeOne(pos[1], p.isSet(json));
    if (action == QLatin1String("resume") && pos.size() == 2)
        return resume(pos[1], p.value(speed), p.isSet(json));
    return usage(
        QStringLiteral("session"), QStringLiteral("expected list, close DIR or resume DIR"));
}

} // namespace pg::app
