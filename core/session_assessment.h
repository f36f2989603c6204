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
QJsonObject assessPlanSteps(const QString& dir, const QJsonObject& steps, const PackRating& pack);

} // namespace pg::core
