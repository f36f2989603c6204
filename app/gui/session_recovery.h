#pragma once

#include "core/session_state.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <tl/expected.hpp>
#include <vector>

class QMessageBox;
class QWidget;

namespace pg::app {

// Sessions a crash left marked "running" under `root` (core::listSessions: not the live ones).
std::vector<core::SessionStatus> interruptedSessions(const QString& root);

// Closes each one with core::closeSession (marked interrupted, sealed, every sample kept) and
// returns one line per session saying what happened.
QStringList closeSessions(const std::vector<core::SessionStatus>& sessions);

// The steps of the plan an interrupted attempt got through (events.jsonl "step N: name"): those
// finished, and the one cut short.
struct AttemptSteps {
    QStringList done;
    QString interrupted;
};
AttemptSteps attemptSteps(const QString& dir);

// What resuming the interrupted session `dir` means, for the technician: its plan and steps, which
// ended before the interruption, what runs again (the BMS snapshot and the safety pre-check first),
// where the interrupted attempt is kept. Reads only (core::planResume).
tl::expected<QString, core::Error> describeResume(const QString& dir);

// When sessions under `root` were interrupted, asks (window-modal, not blocking) whether to close
// them, and closes them when the technician agrees. With `resume`, it also offers to resume the
// latest one: a second question says what that means (describeResume) and, when agreed, `resume`
// gets the folder (RunPage::resume, the same core code as `packgrade-cli session resume`).
// Returns the question, or nullptr when there is nothing to ask.
QMessageBox* offerToCloseInterrupted(
    QWidget* parent, const QString& root, std::function<void(const QString& dir)> resume = {});

// The question describeResume answers, with Resume / Cancel (objectName resumeConfirm, button
// resumeSession); `resume` gets the folder when agreed.
QMessageBox* confirmResume(
    QWidget* parent, const QString& dir, std::function<void(const QString& dir)> resume);

} // namespace pg::app
