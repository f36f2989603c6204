#pragma once

#include "core/grading_policy.h"
#include "core/log_precheck.h"

#include <QJsonObject>
#include <QString>

namespace pg::app {

struct GradeRequest {
    QString source; // session folder or log file
    core::GradingPolicy policy;
    QString dbUrl;
    bool store = true;
    bool json = false;
    QString inspectionPath; // --inspection F.json (session only)
};

// Prints the grade (JSON or text) and returns 0 (cli_grade.cpp).
int printGrade(const QJsonObject& grade, bool json);
// grade --session DIR: unreachable or locked database -> exit 1, the grade kept in DIR/grade.json.
int gradeSession(const GradeRequest& request);
// grade --log LOG --profile P: the pre-check grade from a CAN log.
int gradeLog(
    const GradeRequest& request, const QString& profile, const core::PrecheckOptions& options);

} // namespace pg::app
