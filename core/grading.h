#pragma once

#include "assessment.h"
#include "error.h"
#include "grading_policy.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// One rule checked for one application: the measured interval, the threshold and the margin.
struct RuleResult {
    enum class Outcome { Pass, Fail, Retest, NotMeasured };

    QString application; // ev_reuse, light_ev_reuse, stationary_storage, or "safety"/"cross_check"
    QString rule; // policy key, e.g. "soh_capacity_min", "forbidden_dtc_classes"
    QString measure; // e.g. "soh_capacity"
    double value = 0.0; // the estimate's value
    double lower = 0.0; // interval at the policy's z
    double upper = 0.0;
    double conservative = 0.0; // the end of the interval the grade used
    double threshold = 0.0;
    double margin = 0.0; // conservative end past the threshold; >= 0 passes
    QString detail; // for list rules: what matched
    QString source; // the threshold's reference key
    Outcome outcome = Outcome::Pass;
};

const char* outcomeName(RuleResult::Outcome outcome);

// The answer of the grader: why, not only what.
struct GradeResult {
    QString grade; // reuse, repurpose, recycle, retest
    QString targetApplication; // the application met (or the one a retest would settle); empty for
                               // recycle
    QString fallbackGrade; // for retest: the grade the pack has without the retest
    QStringList reasons;
    QStringList retestTests; // the tests that would settle a retest
    std::vector<RuleResult> rules; // every rule of every application checked
    bool bmsMismatch = false;
    std::optional<int> replaceModule; // position of the module whose replacement lifts the grade
    QString moduleAdvice; // e.g. "repurpose, or reuse after replacing module 3"
    QString policyName;
    QString policyVersion;
    QString policySha256;
    double intervalZ = 0.0;
};

// Grades an assessment under a policy. Uses the conservative end of each estimate's interval;
// an interval that straddles a threshold gives `retest` with the test that settles it.
// Fails only when the policy has no rules for the assessment's chemistry.
tl::expected<GradeResult, Error> gradeAssessment(
    const GradingPolicy& policy, const Assessment& assessment);

// Checks every rule of one application (thresholds, DTC classes, findings), appends each rule to
// `rules` and returns the application's outcome: Fail if any fails, else Retest if any straddles
// or is not measured, else Pass.
RuleResult::Outcome checkApplication(const GradingPolicy& policy, const ApplicationRules& app,
    const Assessment& a, std::vector<RuleResult>& rules);

// Compares the BMS-reported SoH with the measured one (outside its interval by more than the
// policy tolerance is a mismatch). Appends the rule and, on mismatch, the reason.
void crossCheckBms(const GradingPolicy& policy, const Assessment& assessment, GradeResult& result);

// Adds module-level advice when replacing one module would reach a more demanding application.
void adviseModules(const GradingPolicy& policy, const Assessment& assessment, GradeResult& result);

} // namespace pg::core
