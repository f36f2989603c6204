#pragma once

#include "procedure.h"

#include <QJsonObject>
#include <QString>

namespace pg::core {

// Runs the estimators on what a session recorded (timeseries.csv), so that a session can be
// re-assessed from its folder alone: capacity (full discharge coulomb count) after a capacity
// test, R0 and the 2RC branches of every discharge pulse after an HPPC test.
QJsonObject assessSession(const QString& dir, const QString& procedure, const PackRating& pack);
// The same per step of a plan (steps.json): each capacity or HPPC step on its own time span, the
// findings of the others as they are; `capacity_ah`, `soh_capacity`, `r0_ohm` at the top.
// A capacity step that ended before the cut-off without the user's stop (a safety stop, an abort,
// the bench lost) measured no capacity: its `capacity_ah`, `soh_capacity` and `cell_capacity` are
// dropped for `capacity_lower_bound_ah` (the charge counted), `soh_capacity_lower_bound` and
// `capacity_not_measured` (why). A stop by the user is different: the procedure rests and the
// capacity comes from the two rested OCVs (partial, weakest element), a measurement.
QJsonObject assessPlanSteps(const QString& dir, const QJsonObject& steps, const PackRating& pack);
// Whether a capacity step of steps.json discharged to the cut-off (result.reached_cutoff; for
// steps recorded before that key, whether the step completed).
bool reachedCutoff(const QJsonObject& step);
// The estimates of a capacity run that did not reach the cut-off, restated as a lower bound.
QJsonObject asLowerBound(const QJsonObject& estimates, const PackRating& pack);

} // namespace pg::core
