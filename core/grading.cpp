#include "grading.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace pg::core {

const char* outcomeName(RuleResult::Outcome outcome)
{
    switch (outcome) {
    case RuleResult::Outcome::Pass:
        return "pass";
    case RuleResult::Outcome::Fail:
        return "fail";
    case RuleResult::Outcome::Retest:
        return "retest";
    case RuleResult::Outcome::NotMeasured:
        return "not_measured";
    }
    return "?";
}

namespace {

    using Outcome = RuleResult::Outcome;

    models::Estimate measured(const Assessment& a, const QString& measure)
    {
        if (measure == QLatin1String("soh_capacity"))
            return a.sohCapacity;
        if (measure == QLatin1String("soh_resistance"))
            return a.sohResistance;
        if (measure == QLatin1String("cell_voltage_spread_v"))
            return a.cellVoltageSpreadV;
        if (measure == QLatin1String("capacity_spread"))
            return a.capacitySpread;
        if (measure == QLatin1String("self_discharge_v_per_day"))
            return a.selfDischargeVPerDay;
        if (measure == QLatin1String("temperature_spread_c"))
            return a.temperatureSpreadC;
        if (measure == QLatin1String("isolation_ohm_per_v") && a.nominalVoltageV > 0.0) {
            models::Estimate e = a.isolationOhm;
            e.value /= a.nominalVoltageV;
            e.stderrValue /= a.nominalVoltageV;
            return e;
        }
        return {};
    }

    RuleResult checkThreshold(
        const PolicyMetric& m, const Threshold& t, const models::Estimate& e, double z)
    {
        RuleResult r;
        r.rule = QLatin1String(m.key);
        r.measure = QLatin1String(m.measure);
        r.threshold = t.value;
        r.source = t.source;
        if (!e.valid()) {
            r.value = r.lower = r.upper = r.conservative = r.margin = std::nan("");
            r.outcome = Outcome::NotMeasured;
            return r;
        }
        const double se = std::isfinite(e.stderrValue) ? std::abs(e.stderrValue) : 0.0;
        r.value = e.value;
        r.lower = e.value - z * se;
        r.upper = e.value + z * se;
        r.conservative = m.isMinimum ? r.lower : r.upper;
        const double optimistic = m.isMinimum ? r.upper : r.lower;
        r.margin = m.isMinimum ? r.conservative - t.value : t.value - r.conservative;
        const double optimisticMargin = m.isMinimum ? optimistic - t.value : t.value - optimistic;
        r.outcome = r.margin >= 0.0 ? Outcome::Pass
                                    : (optimisticMargin < 0.0 ? Outcome::Fail : Outcome::Retest);
        return r;
    }

    // A finding matches "kind" (any severity) or "kind:severity".
    QStringList matchingFindings(
        const std::vector<InspectionFinding>& findings, const QStringList& listed)
    {
        QStringList out;
        for (const InspectionFinding& f : findings) {
            const QString kind = f.kind.toLower();
            const QString full = kind + QLatin1Char(':') + f.severity.toLower();
            if (listed.contains(kind) || listed.contains(full))
                out << full;
        }
        return out;
    }

    // A listed entry matches a DTC class, or a trouble code the BMS reported: the whole code, any
    // word of its text ("P0A7E swelling" matches "p0a7e" and "swelling"), or any code at all as
    // "unclassified_dtc" (nothing classifies a BMS's own codes). A code is cited as "BMS <code>".
    QStringList matchingDtc(const Assessment& a, const QStringList& listed)
    {
        QStringList out;
        for (const QString& c : a.dtcClasses) {
            if (listed.contains(c.toLower(), Qt::CaseInsensitive))
                out << c.toLower();
        }
        static const QRegularExpression kSeparators(QStringLiteral("[\\s,;:/()]+"));
        for (const QString& code : a.dtcCodes) {
            QStringList words = code.toLower().split(kSeparators, Qt::SkipEmptyParts);
            words << code.toLower() << QStringLiteral("unclassified_dtc");
            const bool forbidden = std::any_of(words.begin(), words.end(),
                [&listed](const QString& w) { return listed.contains(w, Qt::CaseInsensitive); });
            if (forbidden)
                out << QStringLiteral("BMS ") + code;
        }
        return out;
    }

    // A capacity test that stopped before the cut-off counted a lower bound of the capacity: the
    // rule cannot pass or fail on it, the test has to be run again.
    RuleResult lowerBoundOnly(const PolicyMetric& m, const Threshold& t, const Assessment& a, double z)
    {
        RuleResult r;
        r.rule = QLatin1String(m.key);
        r.measure = QLatin1String(m.measure);
        r.threshold = t.value;
        r.source = t.source;
        r.outcome = Outcome::Retest;
        const models::Estimate& b = a.sohCapacityLowerBound;
        const double se = std::isfinite(b.stderrValue) ? std::abs(b.stderrValue) : 0.0;
        r.value = b.valid() ? b.value : std::nan("");
        r.lower = b.valid() ? b.value - z * se : std::nan("");
        r.upper = r.conservative = r.margin = std::nan("");
        r.detail = (b.valid() ? QStringLiteral("lower bound only: soh_capacity at least %1 against the minimum %2; ")
                                    .arg(b.value, 0, 'g', 3)
                                    .arg(t.value, 0, 'g', 3)
                              : QStringLiteral("not measured against the minimum %1; ").arg(t.value, 0, 'g', 3))
            + a.sohCapacityLowerBoundWhy;
        return r;
    }

    RuleResult listRule(const QString& app, const QString& rule, const QStringList& matched)
    {
        RuleResult r;
        r.application = app;
        r.rule = rule;
        r.measure = rule.contains(QLatin1String("dtc")) ? QStringLiteral("dtc_classes")
                                                        : QStringLiteral("inspection_findings");
        r.value = r.lower = r.upper = r.conservative = static_cast<double>(matched.size());
        r.margin = -r.value;
        r.detail = matched.join(QStringLiteral(", "));
        r.outcome = matched.isEmpty() ? Outcome::Pass : Outcome::Fail;
        return r;
    }

    QString describe(const RuleResult& r)
    {
        if (!r.detail.isEmpty() || r.rule.startsWith(QLatin1String("forbidden"))
            || r.rule.startsWith(QLatin1String("recycle")))
            return QStringLiteral("%1: %2 (%3)").arg(r.application, r.rule, r.detail);
        if (r.outcome == Outcome::NotMeasured)
            return QStringLiteral("%1: %2 not measured (threshold %3)")
                .arg(r.application, r.measure)
                .arg(r.threshold);
        return QStringLiteral("%1: %2 %3 [%4, %5], conservative end %6 vs %7 %8, margin %9")
            .arg(r.application, r.measure)
            .arg(r.value, 0, 'g', 4)
            .arg(r.lower, 0, 'g', 4)
            .arg(r.upper, 0, 'g', 4)
            .arg(r.conservative, 0, 'g', 4)
            .arg(r.rule.contains(QLatin1String("_min")) ? QStringLiteral("minimum")
                                                        : QStringLiteral("maximum"))
            .arg(r.threshold, 0, 'g', 4)
            .arg(r.margin, 0, 'g', 3);
    }

} // namespace

// Checks every rule of one application; returns the application's outcome.
RuleResult::Outcome checkApplication(const GradingPolicy& policy, const ApplicationRules& app,
    const Assessment& a, std::vector<RuleResult>& rules)
{
    Outcome worst = Outcome::Pass;
    auto note = [&worst](Outcome o) {
        if (o == Outcome::Fail)
            worst = Outcome::Fail;
        else if (o != Outcome::Pass && worst == Outcome::Pass)
            worst = Outcome::Retest;
    };
    for (const PolicyMetric& m : policyMetrics()) {
        const auto it = app.thresholds.constFind(QLatin1String(m.key));
        if (it == app.thresholds.constEnd())
            continue;
        const bool boundOnly = QLatin1String(m.measure) == QLatin1String("soh_capacity")
            && !a.sohCapacity.valid() && !a.sohCapacityLowerBoundWhy.isEmpty();
        RuleResult r = boundOnly
            ? lowerBoundOnly(m, it.value(), a, policy.intervalZ.value)
            : checkThreshold(
                m, it.value(), measured(a, QLatin1String(m.measure)), policy.intervalZ.value);
        r.application = app.application;
        note(r.outcome);
        rules.push_back(r);
    }
    for (const RuleResult& r : { listRule(app.application, QStringLiteral("forbidden_dtc_classes"),
                                     matchingDtc(a, app.forbiddenDtcClasses)),
             listRule(app.application, QStringLiteral("forbidden_findings"),
                 matchingFindings(a.findings, app.forbiddenFindings)) }) {
        note(r.outcome);
        rules.push_back(r);
    }
    return worst;
}

namespace {

    bool checkSafety(const GradingPolicy& policy, const Assessment& a, GradeResult& result)
    {
        const RuleResult findings
            = listRule(QStringLiteral("safety"), QStringLiteral("recycle_findings"),
                matchingFindings(a.findings, policy.recycleFindings));
        const RuleResult dtc
            = listRule(QStringLiteral("safety"), QStringLiteral("recycle_dtc_classes"),
                matchingDtc(a, policy.recycleDtcClasses));
        bool unsafe = false;
        for (RuleResult r : { findings, dtc }) {
            r.source = policy.safetySource;
            result.rules.push_back(r);
            if (r.outcome == Outcome::Fail) {
                unsafe = true;
                result.reasons << QStringLiteral("safety finding, recycle whatever else holds: ")
                        + describe(r);
            }
        }
        return unsafe;
    }

    void collectRetests(const GradingPolicy& policy, const QString& app, GradeResult& result)
    {
        for (const RuleResult& r : result.rules) {
            if (r.application != app
                || (r.outcome != Outcome::Retest && r.outcome != Outcome::NotMeasured))
                continue;
            const QString test = policy.retestTests.value(r.measure);
            result.reasons << QStringLiteral("retest: ") + describe(r)
                    + (r.outcome == Outcome::Retest
                            ? QStringLiteral(" (interval straddles the threshold)")
                            : QString());
            if (!test.isEmpty() && !result.retestTests.contains(test))
                result.retestTests << test;
        }
    }

    void explainFailures(const QString& app, GradeResult& result)
    {
        for (const RuleResult& r : result.rules) {
            if (r.application == app && r.outcome == Outcome::Fail)
                result.reasons << QStringLiteral("fails ") + describe(r);
        }
    }

    // Walks the applications from the most demanding: the first one passed sets the grade; a
    // straddled one before it makes the grade `retest` when settling it could change the grade.
    void decide(const GradingPolicy& policy, const std::vector<ApplicationRules>& apps,
        const std::vector<Outcome>& outcomes, GradeResult& result)
    {
        int retestApp = -1;
        int passApp = -1;
        for (int i = 0; i < static_cast<int>(apps.size()); ++i) {
            if (outcomes[i] == Outcome::Pass) {
                passApp = i;
                break;
            }
            if (outcomes[i] == Outcome::Fail)
                explainFailures(apps[i].application, result);
            else if (retestApp < 0)
                retestApp = i;
        }
        const QString fallback = passApp >= 0 ? apps[passApp].grade : QStringLiteral("recycle");
        if (retestApp >= 0 && apps[retestApp].grade != fallback) {
            result.grade = QStringLiteral("retest");
            result.targetApplication = apps[retestApp].application;
            result.fallbackGrade = fallback;
            collectRetests(policy, apps[retestApp].application, result);
            return;
        }
        if (retestApp >= 0) // settling it would not change the grade: say so, keep the grade
            collectRetests(policy, apps[retestApp].application, result);
        result.grade = fallback;
        result.targetApplication = passApp >= 0 ? apps[passApp].application : QString();
    }

} // namespace

tl::expected<GradeResult, Error> gradeAssessment(const GradingPolicy& policy, const Assessment& a)
{
    const std::vector<ApplicationRules>* apps = policy.rulesFor(a.chemistry);
    if (!apps)
        return tl::unexpected(Error { kExitBadInput,
            QStringLiteral("policy %1 %2 has no rules for chemistry '%3' (it covers %4)")
                .arg(policy.name, policy.version, a.chemistry,
                    policy.chemistries.keys().join(QStringLiteral(", "))) });
    GradeResult result;
    result.policyName = policy.name;
    result.policyVersion = policy.version;
    result.policySha256 = policy.sha256;
    result.intervalZ = policy.intervalZ.value;
    result.reasons << QStringLiteral(
        "graded on the conservative end of each estimate's interval (value +- %1 standard errors)")
                          .arg(policy.intervalZ.value);
    const bool unsafe = checkSafety(policy, a, result);
    std::vector<Outcome> outcomes;
    for (const ApplicationRules& app : *apps)
        outcomes.push_back(checkApplication(policy, app, a, result.rules));
    if (unsafe) {
        result.grade = QStringLiteral("recycle");
    } else {
        decide(policy, *apps, outcomes, result);
        adviseModules(policy, a, result);
    }
    crossCheckBms(policy, a, result);
    // Every trouble code the BMS reported is cited: a certificate listing "BMS: <code>" must not
    // stand beside DTC rules that silently did not look at it.
    QStringList unmatched;
    for (const QString& code : a.dtcCodes) {
        const QString cited = QStringLiteral("BMS ") + code;
        const bool matched = std::any_of(result.rules.begin(), result.rules.end(),
            [&cited](const RuleResult& r) {
                return r.measure == QLatin1String("dtc_classes")
                    && r.detail.split(QStringLiteral(", ")).contains(cited);
            });
        if (!matched)
            unmatched << code;
    }
    if (!unmatched.isEmpty())
        result.reasons << QStringLiteral("the BMS reports trouble code(s) %1: no DTC rule of policy "
                                         "%2 forbids them (not classified; listed as reported)")
                              .arg(unmatched.join(QStringLiteral(", ")), policy.name);
    return result;
}

} // namespace pg::core
