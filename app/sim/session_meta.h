#pragma once

#include "core/error.h"
#include "core/session_state.h"
#include "sim_spec.h"

#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>

namespace pg::sim {

// session.json keys of a simulated session (the CLI's simulate and the GUI's --simulate record
// the same): spec hash, pack serial SIM-<12 hex of the spec hash>, plan, nominal voltage and R0,
// the policy in force.
QJsonObject simulatedSessionMeta(
    const PackSpec& spec, const QString& specPath, int levels, double speed);
// Copies the spec into the session folder as pack_spec.json (what a resume runs).
bool copySpecIntoSession(const QString& specPath, const QString& dir);

// `session resume` (CLI and GUI) of a simulated session, after core::prepareResume: the simulated
// pack died with the program, so it restarts where the attempt left it. Writes
// pack_spec_resume.json (the spec with `soc` = start SoC less the charge the attempt took out, over
// the spec's mean pack capacity) and adds soc_at_interrupt, charge_taken_ah and the attempt's pack
// identity to resume.json. Returns the resume spec's path.
tl::expected<QString, core::Error> writeResumeSpec(
    const QString& dir, const core::ResumePlan& plan);

// What a resumed session runs again: its plan (a built-in name or a plan file, from session.json's
// plan_source) or, for a one-procedure session (`--procedure P`), that procedure.
struct ResumedPlan {
    QString plan; // for core::loadTestPlan, or the procedure's name
    bool wholePlan = false;
};
ResumedPlan resumedPlan(const QString& dir, const core::ResumePlan& plan);

} // namespace pg::sim
