#pragma once

#include "error.h"

#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// Where a session folder stands, as a restarted program sees it.
struct SessionStatus {
    QString dir;
    QString sessionId;
    QString procedure;
    QString outcome; // running, completed, aborted, interrupted
    QString started;
    qint64 pid = 0; // of the program that recorded it
    bool alive = false; // that program still runs (same host): not interrupted, just busy
    bool graded = false; // grade.json exists
    bool stored = false; // grade.json says the inventory has it
    bool interrupted() const { return outcome == QLatin1String("running") && !alive; }
};

// Every session folder under `root` (any depth), sorted by folder.
std::vector<SessionStatus> listSessions(const QString& root);
tl::expected<SessionStatus, Error> sessionStatus(const QString& dir);

// Marks an interrupted session "interrupted" (keeping every file as it is), records why in
// events.jsonl, and seals it (channel files, manifest). Refused while its program still runs or
// when the session already ended.
tl::expected<SessionStatus, Error> closeSession(const QString& dir);

// How an interrupted session continues: the procedure to run and, for HPPC, the levels left;
// `restarts` is true when the step must start again, with the reason in `why`.
struct ResumePlan {
    QString procedure;
    int levelsDone = 0;
    int levelsLeft = 0;
    bool restarts = false;
    QString why;
    QString attemptDir; // where the interrupted attempt's files are kept (attempts/N)
};

tl::expected<ResumePlan, Error> planResume(const QString& dir);
// Moves the interrupted attempt's files into attempts/N (sealed there) and writes resume.json,
// which the next SessionRecorder in this folder records as "resumed_from".
tl::expected<ResumePlan, Error> prepareResume(const QString& dir);

} // namespace pg::core
