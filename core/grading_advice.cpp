// The grader's second opinions: the BMS cross-check and module-level advice.
#include "grading.h"

#include <algorithm>
#include <cmath>

namespace pg::core {

void crossCheckBms(const GradingPolicy& policy, const Assessment& a, GradeResult& result)
{
    if (!a.bmsSohCapacity || !a.sohCapacity.valid())
        return;
    const double z = policy.intervalZ.value;
    const double se
        = std::isfinite(a.sohCapacity.stderrValue) ? std::abs(a.sohCapacity.stderrValue) : 0.0;
    RuleResult r;
    r.application = QStringLiteral("cross_check");
    r.rule = QStringLiteral("bms_soh_tolerance");
    r.measure = QStringLiteral("bms_soh_capacity");
    r.value = *a.bmsSohCapacity;
    r.lower = a.sohCapacity.value - z * se;
    r.upper = a.sohCapacity.value + z * se;
    // Distance from the BMS figure to the measured interval: measurement noise alone never flags.
    const double distance
        = r.value > r.upper ? r.value - r.upper : (r.value < r.lower ? r.lower - r.value : 0.0);
    r.conservative = distance;
    r.threshold = policy.bmsSohTolerance.value;
    r.margin = r.threshold - distance;
    r.source = policy.bmsSohTolerance.source;
    r.outcome = r.margin >= 0.0 ? RuleResult::Outcome::Pass : RuleResult::Outcome::Fail;
    r.detail = QStringLiteral("BMS %1 vs measured %2 [%3, %4]")
                   .arg(r.value, 0, 'g', 4)
                   .arg(a.sohCapacity.value, 0, 'g', 4)
                   .arg(r.lower, 0, 'g', 4)
                   .arg(r.upper, 0, 'g', 4);
    result.rules.push_back(r);
    if (r.outcome == RuleResult::Outcome::Fail) {
        result.bmsMismatch = true;
        result.reasons << QStringLiteral(
            "BMS-reported SoH disagrees with the measurement: %1, %2 outside the measured "
            "interval > tolerance %3; possible BMS reset, swap or tampering (fraud risk "
            "for the buyer); the grade uses the measured value only")
                              .arg(r.detail)
                              .arg(distance, 0, 'g', 3)
                              .arg(r.threshold);
    }
}

namespace {

    bool allValid(
        const std::vector<const ModuleAssessment*>& ms, models::Estimate ModuleAssessment::*field)
    {
        return std::all_of(ms.begin(), ms.end(),
            [field](const ModuleAssessment* m) { return (m->*field).valid(); });
    }

    const ModuleAssessment* extreme(const std::vector<const ModuleAssessment*>& ms,
        models::Estimate ModuleAssessment::*field, bool lowest)
    {
        return *std::min_element(
            ms.begin(), ms.end(), [&](const ModuleAssessment* x, const ModuleAssessment* y) {
                return lowest ? (x->*field).value < (y->*field).value
                              : (x->*field).value > (y->*field).value;
            });
    }

    // The pack as it would be with module `skip` replaced by a used module matched to the median of
    // the others (what module matching delivers): series capacity is the weakest module's, series
    // resistance the sum, rest spread the worst module's.
    Assessment withReplacedModule(const Assessment& a, std::size_t skip)
    {
        Assessment w = a;
        std::vector<const ModuleAssessment*> others;
        for (std::size_t i = 0; i < a.modules.size(); ++i) {
            if (i != skip)
                others.push_back(&a.modules[i]);
        }
        if (allValid(others, &ModuleAssessment::sohCapacity)) {
            const ModuleAssessment* weakest = extreme(others, &ModuleAssessment::sohCapacity, true);
            const double best
                = (extreme(others, &ModuleAssessment::sohCapacity, false)->sohCapacity).value;
            w.sohCapacity = weakest->sohCapacity;
            w.capacitySpread.value
                = best > 0.0 ? (best - weakest->sohCapacity.value) / best : w.capacitySpread.value;
        }
        if (allValid(others, &ModuleAssessment::sohResistance)) {
            std::vector<double> soh;
            double inverseSum = 0.0;
            double worstSe = 0.0;
            for (const ModuleAssessment* m : others) {
                soh.push_back(m->sohResistance.value);
                inverseSum += 1.0 / m->sohResistance.value;
                worstSe = std::max(worstSe, std::abs(m->sohResistance.stderrValue));
            }
            std::nth_element(
                soh.begin(), soh.begin() + static_cast<long>(soh.size() / 2), soh.end());
            const double median = soh[soh.size() / 2];
            w.sohResistance.value
                = static_cast<double>(a.modules.size()) / (inverseSum + 1.0 / median);
            w.sohResistance.stderrValue = worstSe;
        }
        if (allValid(others, &ModuleAssessment::cellVoltageSpreadV))
            w.cellVoltageSpreadV
                = extreme(others, &ModuleAssessment::cellVoltageSpreadV, false)->cellVoltageSpreadV;
        return w;
    }

} // namespace

void adviseModules(const GradingPolicy& policy, const Assessment& a, GradeResult& result)
{
    const std::vector<ApplicationRules>* apps = policy.rulesFor(a.chemistry);
    if (!apps || a.modules.size() < 2 || result.grade == QLatin1String("retest"))
        return;
    int achieved = static_cast<int>(apps->size());
    for (int i = 0; i < static_cast<int>(apps->size()); ++i) {
        if ((*apps)[i].application == result.targetApplication)
            achieved = i;
    }
    int bestApp = achieved;
    std::size_t bestModule = 0;
    for (std::size_t m = 0; m < a.modules.size(); ++m) {
        const Assessment w = withReplacedModule(a, m);
        for (int i = 0; i < bestApp; ++i) {
            std::vector<RuleResult> scratch;
            if (checkApplication(policy, (*apps)[i], w, scratch) == RuleResult::Outcome::Pass) {
                bestApp = i;
                bestModule = m;
                break;
            }
        }
    }
    if (bestApp >= achieved || (*apps)[bestApp].grade == result.grade)
        return;
    const ModuleAssessment& weak = a.modules[bestModule];
    result.replaceModule = weak.position;
    result.moduleAdvice
        = QStringLiteral("%1, or %2 (%3) after replacing module %4")
              .arg(result.grade, (*apps)[bestApp].grade, (*apps)[bestApp].application)
              .arg(weak.position);
    result.reasons << QStringLiteral("module advice: ") + result.moduleAdvice;
}

} // namespace pg::core
