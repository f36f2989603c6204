#pragma once

#include "error.h"
#include "grading.h"
#include "grading_policy.h"
#include "inventory.h"
#include "session_grading.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <tl/expected.hpp>

namespace pg::core {

// A session folder graded: what `packgrade-cli grade --session DIR` and the bench GUI both do.
struct SessionGrade {
    SessionAssessment session;
    GradeResult grade;
    std::optional<StoredGrade> stored; // when the inventory took it
    QString storeError; // why it did not (database away or locked); the grade stays in the folder
    QJsonObject json; // grade.json as written (CLI.md keys, plus id/pack_id/db when stored)
};

// Re-assesses the folder (assessSessionFolder), grades it under `policy`, and adds a reason when
// estimates.json disagrees with the re-run estimators.
// `inspection` (optional): what the technician measured apart from the session (applyInspection in
// grading_json.h), `inspectionOrigin` names it in errors.
tl::expected<SessionGrade, Error> gradeSessionFolder(const QString& dir, const GradingPolicy& policy,
    const QJsonObject& inspection = {}, const QString& inspectionOrigin = {});

// Stores the graded session in `inventory` (when given) as `user`, then writes grade.json into the
// session folder with `stored` saying whether the inventory has it. An inventory error does not
// fail the call: it is kept in `storeError` (exit 1 for the CLI, a warning for the GUI).
void storeSessionGrade(SessionGrade& graded, Inventory* inventory, const QString& user);

// The error the CLI prints when the database was away: the session stays in the folder.
Error keptInFolderError(const QString& why, const QString& url, const QString& dir);

} // namespace pg::core
