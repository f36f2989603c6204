#pragma once

#include "procedure_runner.h"
#include "test_plan.h"

#include <QJsonObject>

namespace pg::core {

// What the plan knows of the pack before it starts: its rating (from the profile or the user),
// the limits, and an identity typed or scanned by the technician (a USB barcode scanner types).
class Inventory;

struct PlanContext {
    PackRating pack;
    SafetyLimits limits;
    QString typedSerial;
    Inventory* inventory = nullptr; // identify looks the pack up here when given
};

struct PlanResult {
    RunResult run;
    QJsonObject snapshot; // what the BMS said before anything was sent (bms_snapshot.json)
    QJsonObject identity; // identity.json
    QJsonObject steps; // steps.json: {steps: [{type, start_s, end_s, completed, result}]}
    bool hazard = false; // the pre-check found the pack unsafe to test: recycle-hazard
};

// Runs a plan: first the snapshot and the identity (reads only, before any command to the load),
// then the remaining steps as one sequence under one safety supervision (runProcedure: the load
// off first on any stop). Everything goes into the session folder as it happens.
PlanResult runPlan(const TestPlan& plan, const PlanContext& context, BenchLoad& load, BmsSource& bms,
    SessionRecorder& recorder, const RunOptions& options = {});

// The BMS's word on itself as JSON (SoC, SoH, counters, DTCs, identity, cells).
QJsonObject bmsSnapshotJson(const BmsReading& reading);
// Identity from the BMS or the typed text; rating from the profile or the user; whether the
// inventory has seen the pack before (`inventory`: {seen_before, id, last_grade, last_graded_at}).
QJsonObject identityJson(const std::optional<BmsReading>& reading, const PlanContext& context);

} // namespace pg::core
