#pragma once

#include "assessment.h"
#include "error.h"
#include "grading.h"

#include <QJsonObject>
#include <tl/expected.hpp>

namespace pg::core {

// Assessment JSON (the input of `packgrade-cli grade --assessment F.json`): keys as in
// docs/notes-inventory.md; each measured value is {"value", "stderr", "method"} or a number.
tl::expected<Assessment, Error> assessmentFromJson(const QJsonObject& o, const QString& origin);
QJsonObject assessmentToJson(const Assessment& a);

// What the bench measured or saw outside the session's recorded series, typed in by the
// technician (an insulation tester's reading, a storage check's self-discharge, module capacities
// measured apart, the physical inspection): keys isolation_ohm, self_discharge_v_per_day,
// capacity_spread (numbers or {"value", "stderr", "method"}), dtc_classes, findings. Any other key
// is refused with the file and key. The values given replace the session's.
tl::expected<void, Error> applyInspection(Assessment& a, const QJsonObject& o, const QString& origin);

// The grade as CLI.md's `grade --json` names it (id is added by the caller), plus the rules.
QJsonObject gradeToJson(const GradeResult& g, const Assessment& a);
// The same document with "id", written straight to compact JSON bytes (the stored grade body).
QByteArray gradeToCompactJson(const GradeResult& g, const Assessment& a, const QString& id);

} // namespace pg::core
