#pragma once

#include "sim_spec.h"

#include <QJsonObject>
#include <QString>

namespace pg::sim {

// session.json keys of a simulated session (the CLI's simulate and the GUI's --simulate record
// the same): spec hash, pack serial SIM-<12 hex of the spec hash>, plan, nominal voltage and R0,
// the policy in force.
QJsonObject simulatedSessionMeta(
    const PackSpec& spec, const QString& specPath, int levels, double speed);
// Copies the spec into the session folder as pack_spec.json (what a resume runs).
bool copySpecIntoSession(const QString& specPath, const QString& dir);

} // namespace pg::sim
