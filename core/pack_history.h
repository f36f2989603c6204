#pragma once
// What the inventory knows about one pack's past, for the detail view: the test sessions and the
// assessment behind its latest grade (which a re-grade runs through the current policy again).
#include "assessment.h"
#include "error.h"
#include "grading.h"
#include "grading_policy.h"
#include "inventory.h"

#include <QString>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

struct SessionRecord {
    QString id;
    QString bench;
    QString operatorId;
    QString startedAt;
    QString folder;
};

struct GradeRecord {
    QString id;
    QString gradedAt;
    QString grade; // what the policy said (an override is in the audit log)
    QString targetApplication;
    double sohCapacity = 0.0; // NaN when not measured
    QString policyVersion;
};

// The pack's grades, oldest first.
tl::expected<std::vector<GradeRecord>, Error> packGrades(
    Inventory& inventory, const QString& packId);

tl::expected<std::vector<SessionRecord>, Error> packSessions(
    Inventory& inventory, const QString& packId);

// The assessment stored with the pack's latest grade; nullopt when the pack was never graded.
tl::expected<std::optional<Assessment>, Error> latestAssessment(
    Inventory& inventory, const QString& packId);

// Grades the pack's latest assessment again under `policy` and stores the new grade.
struct Regrade {
    Assessment assessment;
    GradeResult grade;
    StoredGrade stored;
};
tl::expected<Regrade, Error> regradePack(
    Inventory& inventory, const GradingPolicy& policy, const QString& packId, const QString& user);

} // namespace pg::core
