#include "session_state.h"

#include "session_files.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>

namespace pg::core {

namespace {

    QString jsonPath(const QString& dir)
    {
        return QDir(dir).filePath(QStringLiteral("session.json"));
    }

    // The recording program still runs: same host, and /proc/PID is a packgrade program.
    bool recorderAlive(const QJsonObject& meta)
    {
        const qint64 pid = meta.value(QStringLiteral("pid")).toInteger();
        if (pid <= 0 || meta.value(QStringLiteral("host")).toString() != QHostInfo::localHostName())
            return false;
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        return cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains("packgrade");
    }

    void appendEvent(const QString& dir, const QString& kind, const QString& text)
    {
        QFile f(QDir(dir).filePath(QStringLiteral("events.jsonl")));
        if (!f.open(QIODevice::Append))
            return;
        const QJsonObject e { { QStringLiteral("time_s"), QJsonValue() },
            { QStringLiteral("kind"), kind }, { QStringLiteral("text"), text },
            { QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) } };
        f.write(QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n');
    }

    // HPPC levels whose pulses completed: the procedure enters "C/3 discharge to the next
    // level" only after a level's last rest.
    int hppcLevelsDone(const QString& dir)
    {
        QFile f(QDir(dir).filePath(QStringLiteral("events.jsonl")));
        int done = 0;
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        while (!f.atEnd())
            done += f.readLine().contains("C/3 discharge to the next level") ? 1 : 0;
        return done;
    }

    // A crash can cut the last row of a CSV short; that row is no sample, and a reader would
    // refuse the file. Cuts it off and says so in the session log.
    void dropIncompleteLastLine(const QString& dir, const char* name)
    {
        QFile f(QDir(dir).filePath(QLatin1String(name)));
        if (!f.open(QIODevice::ReadWrite))
            return;
        const QByteArray bytes = f.readAll();
        if (bytes.isEmpty() || bytes.endsWith('\n'))
            return;
        const qsizetype keep = bytes.lastIndexOf('\n') + 1;
        f.resize(keep);
        appendEvent(dir, QStringLiteral("repaired"),
            QStringLiteral("dropped the incomplete last line of %1 (%2 bytes cut by the crash)")
                .arg(QLatin1String(name))
                .arg(bytes.size() - keep));
    }

    Error notInterrupted(const SessionStatus& s)
    {
        if (s.alive)
            return { kExitFailed,
                QStringLiteral("%1: still being recorded by process %2 on this host")
                    .arg(jsonPath(s.dir))
                    .arg(s.pid) };
        return { kExitFailed,
            QStringLiteral("%1: not interrupted (outcome %2)").arg(jsonPath(s.dir), s.outcome) };
    }

} // namespace

tl::expected<SessionStatus, Error> sessionStatus(const QString& dir)
{
    auto meta = readSessionJson(dir);
    if (!meta)
        return tl::unexpected(meta.error());
    SessionStatus s;
    s.dir = QDir(dir).absolutePath();
    s.sessionId = meta->value(QStringLiteral("session_id")).toString();
    s.procedure = meta->value(QStringLiteral("procedure")).toString();
    s.outcome = meta->value(QStringLiteral("outcome")).toString();
    s.started = meta->value(QStringLiteral("started")).toString();
    s.pid = meta->value(QStringLiteral("pid")).toInteger();
    s.alive = s.outcome == QLatin1String("running") && recorderAlive(*meta);
    QFile grade(QDir(dir).filePath(QStringLiteral("grade.json")));
    s.graded = grade.open(QIODevice::ReadOnly);
    s.stored = s.graded
        && QJsonDocument::fromJson(grade.readAll())
               .object()
               .value(QStringLiteral("stored"))
               .toBool();
    return s;
}

std::vector<SessionStatus> listSessions(const QString& root)
{
    std::vector<SessionStatus> out;
    QDirIterator it(
        root, { QStringLiteral("session.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString dir = QFileInfo(it.next()).absolutePath();
        if (dir.contains(QLatin1String("/attempts/")))
            continue; // a kept attempt of a resumed session, not a session of its own
        if (auto s = sessionStatus(dir))
            out.push_back(*s);
    }
    std::sort(out.begin(), out.end(),
        [](const SessionStatus& a, const SessionStatus& b) { return a.dir < b.dir; });
    return out;
}

tl::expected<SessionStatus, Error> closeSession(const QString& dir)
{
    auto status = sessionStatus(dir);
    if (!status)
        return status;
    if (!status->interrupted())
        return tl::unexpected(notInterrupted(*status));
    auto meta = readSessionJson(dir);
    if (!meta)
        return tl::unexpected(meta.error());
    QJsonObject m = *meta;
    const QString reason = QStringLiteral(
        "the recording program (pid %1) ended while the session was running; closed by "
        "the user, all data to that moment kept")
                               .arg(status->pid);
    m[QStringLiteral("outcome")] = QStringLiteral("interrupted");
    m[QStringLiteral("abort_reason")] = reason;
    m[QStringLiteral("closed")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (const char* name : { "timeseries.csv", "cells.csv", "events.jsonl" })
        dropIncompleteLastLine(dir, name);
    appendEvent(dir, QStringLiteral("closed"), reason);
    if (auto sealed = sealSession(dir); !sealed)
        return tl::unexpected(sealed.error());
    if (auto w = writeSessionJson(dir, m); !w)
        return tl::unexpected(w.error());
    return sessionStatus(dir);
}

tl::expected<ResumePlan, Error> planResume(const QString& dir)
{
    auto status = sessionStatus(dir);
    if (!status)
        return tl::unexpected(status.error());
    if (!status->interrupted() && status->outcome != QLatin1String("interrupted"))
        return tl::unexpected(notInterrupted(*status));
    auto meta = readSessionJson(dir);
    ResumePlan p;
    p.procedure = status->procedure;
    if (p.procedure == QLatin1String("hppc")) {
        const int levels = meta->value(QStringLiteral("plan"))
                               .toObject()
                               .value(QStringLiteral("levels"))
                               .toInt(9);
        p.levelsDone = hppcLevelsDone(dir);
        p.levelsLeft = std::max(1, levels - p.levelsDone);
        p.why = QStringLiteral(
            "HPPC continues with the %1 level(s) left of %2; the level that was running restarts "
            "from its rest, since a pulse cut short cannot be fitted")
                    .arg(p.levelsLeft)
                    .arg(levels);
    } else if (p.procedure == QLatin1String("capacity")) {
        p.restarts = true;
        p.why = QStringLiteral(
            "the capacity test restarts: a full-discharge capacity needs one unbroken discharge "
            "to the cut-off; the interrupted attempt is kept");
    } else {
        p.restarts = true;
        p.why = QStringLiteral(
            "the %1 procedure restarts: it holds no partial result worth continuing")
                    .arg(p.procedure);
    }
    return p;
}

tl::expected<ResumePlan, Error> prepareResume(const QString& dir)
{
    auto plan = planResume(dir);
    if (!plan)
        return plan;
    int n = 1;
    while (QDir(dir).exists(QStringLiteral("attempts/%1").arg(n)))
        ++n;
    plan->attemptDir = QDir(dir).filePath(QStringLiteral("attempts/%1").arg(n));
    if (!QDir().mkpath(plan->attemptDir))
        return tl::unexpected(
            Error { kExitFailed, plan->attemptDir + QStringLiteral(": cannot create") });
    if (auto status = sessionStatus(dir); status && status->outcome == QLatin1String("running"))
        if (auto closed = closeSession(dir); !closed)
            return tl::unexpected(closed.error());
    const QStringList entries
        = QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : entries) {
        if (name == QLatin1String("attempts") || name == QLatin1String("pack_spec.json"))
            continue;
        // Absolute: QDir::rename takes a relative new name relative to DIR, which a relative
        // attemptDir already starts with.
        if (!QDir(dir).rename(name, QDir(plan->attemptDir).absoluteFilePath(name)))
            return tl::unexpected(Error { kExitFailed,
                QStringLiteral("%1: cannot move into %2")
                    .arg(QDir(dir).filePath(name), plan->attemptDir) });
    }
    const QJsonObject resume { { QStringLiteral("attempt"),
                                   QDir(dir).relativeFilePath(plan->attemptDir) },
        { QStringLiteral("levels_done"), plan->levelsDone },
        { QStringLiteral("restarts"), plan->restarts }, { QStringLiteral("why"), plan->why } };
    QSaveFile f(QDir(dir).filePath(QStringLiteral("resume.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(resume).toJson()) < 0 || !f.commit())
        return tl::unexpected(
            Error { kExitFailed, f.fileName() + QStringLiteral(": cannot write") });
    return plan;
}

} // namespace pg::core
