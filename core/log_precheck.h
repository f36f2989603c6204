#pragma once

#include "assessment.h"
#include "error.h"
#include "grading.h"
#include "profile_replay.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <tl/expected.hpp>

namespace pg::core {

// The pre-check (quick grade) of a pack from a CAN log alone: no load, the pack at rest, read
// through its profile. Cell spread and temperatures from the state at the end of the log; the
// lowest/highest cell over the whole log against the chemistry's floor; BMS SoC/SoH; DTCs and the
// BMS fault flag. A cell below the floor (or over the maximum) makes the pack unsafe to test:
// a recycle-hazard grade whatever the policy says otherwise.
struct LogPrecheck {
    Assessment assessment;
    QStringList hazards; // reasons the pack is unsafe to test
    QStringList notes; // what the log did not give
    QJsonObject summary; // the values read: cells, min/max, temperatures, soc, soh, dtcs
    QString logSha256;
};

struct PrecheckOptions {
    QString chemistry = QStringLiteral("nmc");
    QString serial; // when the BMS does not send one
    double nominalCapacityAh = 0.0;
};

tl::expected<LogPrecheck, Error> precheckFromLog(
    const QString& logPath, const QString& profile, const PrecheckOptions& options);

// Turns a grade into the recycle-hazard grade when the pre-check found a hazard (reasons first).
void applyHazards(const LogPrecheck& precheck, GradeResult& grade);

} // namespace pg::core
