#pragma once

#include "core/session_state.h"

#include <QString>
#include <QStringList>
#include <vector>

class QMessageBox;
class QWidget;

namespace pg::app {

// Sessions a crash left marked "running" under `root` (core::listSessions: not the live ones).
std::vector<core::SessionStatus> interruptedSessions(const QString& root);

// Closes each one with core::closeSession (marked interrupted, sealed, every sample kept) and
// returns one line per session saying what happened.
QStringList closeSessions(const std::vector<core::SessionStatus>& sessions);

// When sessions under `root` were interrupted, asks (window-modal, not blocking) whether to close
// them, and closes them when the technician agrees; resuming is the CLI's
// `packgrade-cli session resume DIR`. Returns the question, or nullptr when there is nothing to
// ask.
QMessageBox* offerToCloseInterrupted(QWidget* parent, const QString& root);

} // namespace pg::app
