// Issue 8: the grader against hand-built assessments and hand-computed margins (default policy,
// NMC: ev_reuse >= 0.80 SoH, light_ev_reuse >= 0.70, stationary >= 0.60; z = 1.96).
#include "core/grading.h"
#include "core/grading_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace pg::core;
using pg::models::Estimate;

namespace {

Estimate est(double value, double stderrValue = 0.0)
{
    return Estimate { value, stderrValue, "test", {} };
}

// A healthy NMC pack that passes every ev_reuse rule with room to spare.
Assessment goodNmc()
{
    Assessment a;
    a.packSerial = QStringLiteral("PK-1");
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 400.0;
    a.sohCapacity = est(0.90, 0.01);
    a.sohResistance = est(0.90, 0.01);
    a.cellVoltageSpreadV = est(0.010, 0.001);
    a.capacitySpread = est(0.02, 0.002);
    a.selfDischargeVPerDay = est(0.001, 0.0001);
    a.temperatureSpreadC = est(2.0, 0.2);
    a.isolationOhm = est(400.0e3, 1.0e3); // 1000 Ohm/V
    return a;
}

class GradingTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto p = loadDefaultPolicy();
        ASSERT_TRUE(p) << p.error().message.toStdString();
        m_policy = *p;
    }
    GradeResult grade(const Assessment& a)
    {
        auto g = gradeAssessment(m_policy, a);
        EXPECT_TRUE(g);
        return g ? *g : GradeResult {};
    }
    static const RuleResult* rule(const GradeResult& g, const QString& app, const QString& key)
    {
        for (const RuleResult& r : g.rules) {
            if (r.application == app && r.rule == key)
                return &r;
        }
        return nullptr;
    }
    GradingPolicy m_policy;
};

} // namespace

TEST_F(GradingTest, HealthyPackIsReuseWithEveryRuleAndMarginReported)
{
    const GradeResult g = grade(goodNmc());
    EXPECT_EQ(g.grade, QStringLiteral("reuse"));
    EXPECT_EQ(g.targetApplication, QStringLiteral("ev_reuse"));
    const RuleResult* soh = rule(g, QStringLiteral("ev_reuse"), QStringLiteral("soh_capacity_min"));
    ASSERT_NE(soh, nullptr);
    EXPECT_NEAR(soh->conservative, 0.90 - 1.96 * 0.01, 1e-12); // the lower end, not the value
    EXPECT_NEAR(soh->margin, 0.0804, 1e-12);
    EXPECT_EQ(soh->outcome, RuleResult::Outcome::Pass);
    const RuleResult* spread
        = rule(g, QStringLiteral("ev_reuse"), QStringLiteral("cell_voltage_spread_max_v"));
    ASSERT_NE(spread, nullptr);
    EXPECT_NEAR(spread->conservative, 0.010 + 1.96 * 0.001, 1e-12); // the upper end for a maximum
    EXPECT_NEAR(spread->margin, 0.030 - 0.01196, 1e-12);
    const RuleResult* iso
        = rule(g, QStringLiteral("ev_reuse"), QStringLiteral("isolation_min_ohm_per_v"));
    ASSERT_NE(iso, nullptr);
    EXPECT_NEAR(iso->value, 1000.0, 1e-9);
    // 7 thresholds + 2 list rules per application, 3 applications, 2 safety rules.
    EXPECT_EQ(g.rules.size(), 3u * 9u + 2u);
    EXPECT_EQ(g.policyName, QStringLiteral("packgrade-default"));
    EXPECT_EQ(g.policySha256, m_policy.sha256);
    EXPECT_TRUE(g.reasons.first().contains(QStringLiteral("conservative end")));
}

TEST_F(GradingTest, IntervalStraddlingTheReuseLineIsRetestWithTheCapacityTest)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.81, 0.01); // [0.7904, 0.8296] against 0.80
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("retest"));
    EXPECT_EQ(g.targetApplication, QStringLiteral("ev_reuse"));
    EXPECT_EQ(g.fallbackGrade, QStringLiteral("repurpose"));
    ASSERT_EQ(g.retestTests.size(), 1);
    EXPECT_TRUE(g.retestTests.first().startsWith(QStringLiteral("full capacity test")));
    EXPECT_EQ(rule(g, QStringLiteral("ev_reuse"), QStringLiteral("soh_capacity_min"))->outcome,
        RuleResult::Outcome::Retest);
}

TEST_F(GradingTest, PointEstimateOnTheLinePassesButItsUncertaintyDoesNot)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.80, 0.0);
    EXPECT_EQ(grade(a).grade, QStringLiteral("reuse"));
    a.sohCapacity = est(0.80, 0.015); // 80 +- 3 % is not certified as >= 80 %
    EXPECT_EQ(grade(a).grade, QStringLiteral("retest"));
}

TEST_F(GradingTest, WholeIntervalBelowReuseGivesRepurposeForLightEv)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.75, 0.01); // [0.7304, 0.7696]: below 0.80, above 0.70
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("repurpose"));
    EXPECT_EQ(g.targetApplication, QStringLiteral("light_ev_reuse"));
    const RuleResult* r = rule(g, QStringLiteral("ev_reuse"), QStringLiteral("soh_capacity_min"));
    EXPECT_EQ(r->outcome, RuleResult::Outcome::Fail);
    EXPECT_NEAR(r->margin, 0.7304 - 0.80, 1e-12);
    EXPECT_TRUE(
        g.reasons.join(QLatin1Char('\n')).contains(QStringLiteral("fails ev_reuse: soh_capacity")));
}

TEST_F(GradingTest, BelowSixtyPercentIsRecycle)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.50, 0.01);
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("recycle"));
    EXPECT_TRUE(g.targetApplication.isEmpty());
}

TEST_F(GradingTest, StraddleThatCannotChangeTheGradeKeepsTheGrade)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.71, 0.01); // straddles light_ev (0.70); stationary passes; both repurpose
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("repurpose"));
    EXPECT_EQ(g.targetApplication, QStringLiteral("stationary_storage"));
    EXPECT_FALSE(g.retestTests.isEmpty()); // says which test would qualify it for light-EV use
}

TEST_F(GradingTest, EachThresholdRuleBetweenReuseAndLightEvGivesRepurpose)
{
    struct Case {
        const char* rule;
        Estimate Assessment::*member;
        double value;
    };
    const Case cases[] = {
        { "soh_capacity_min", &Assessment::sohCapacity, 0.75 },
        { "soh_resistance_min", &Assessment::sohResistance, 0.72 },
        { "cell_voltage_spread_max_v", &Assessment::cellVoltageSpreadV, 0.040 },
        { "capacity_spread_max", &Assessment::capacitySpread, 0.065 },
        { "self_discharge_max_v_per_day", &Assessment::selfDischargeVPerDay, 0.007 },
        { "temperature_spread_max_c", &Assessment::temperatureSpreadC, 6.5 },
        { "isolation_min_ohm_per_v", &Assessment::isolationOhm, 400.0 * 250.0 },
    };
    for (const Case& c : cases) {
        Assessment a = goodNmc();
        a.*c.member = est(c.value, 0.0);
        const GradeResult g = grade(a);
        EXPECT_EQ(g.grade, QStringLiteral("repurpose")) << c.rule;
        EXPECT_EQ(g.targetApplication, QStringLiteral("light_ev_reuse")) << c.rule;
        int failing = 0;
        for (const RuleResult& r : g.rules)
            failing += r.outcome == RuleResult::Outcome::Fail ? 1 : 0;
        EXPECT_EQ(failing, 1) << c.rule;
        EXPECT_EQ(rule(g, QStringLiteral("ev_reuse"), QLatin1String(c.rule))->outcome,
            RuleResult::Outcome::Fail)
            << c.rule;
    }
}

TEST_F(GradingTest, MissingMeasurementIsRetestWithTheTestThatMeasuresIt)
{
    Assessment a = goodNmc();
    a.selfDischargeVPerDay = Estimate {};
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("retest"));
    EXPECT_EQ(g.fallbackGrade, QStringLiteral("recycle")); // every application needs it
    ASSERT_EQ(g.retestTests.size(), 1);
    EXPECT_TRUE(g.retestTests.first().startsWith(QStringLiteral("self-discharge test")));
}

TEST_F(GradingTest, SafetyFindingsRecycleWhateverElseHolds)
{
    for (const char* kind : { "swelling", "leakage" }) {
        Assessment a = goodNmc();
        a.findings.push_back({ QLatin1String(kind), QStringLiteral("minor"), QString() });
        const GradeResult g = grade(a);
        EXPECT_EQ(g.grade, QStringLiteral("recycle")) << kind;
        EXPECT_TRUE(g.reasons.join(QLatin1Char('\n')).contains(QStringLiteral("safety finding")))
            << kind;
    }
    Assessment dtc = goodNmc();
    dtc.dtcClasses << QStringLiteral("thermal_runaway");
    EXPECT_EQ(grade(dtc).grade, QStringLiteral("recycle"));
}

TEST_F(GradingTest, FindingsAndDtcClassesRestrictApplications)
{
    Assessment a = goodNmc();
    a.findings.push_back(
        { QStringLiteral("damage"), QStringLiteral("minor"), QStringLiteral("dented lid") });
    EXPECT_EQ(grade(a).targetApplication,
        QStringLiteral("light_ev_reuse")); // ev_reuse forbids any damage
    a.findings = { { QStringLiteral("corrosion"), QStringLiteral("minor"), QString() } };
    EXPECT_EQ(grade(a).grade, QStringLiteral("reuse")); // only major corrosion counts
    a.findings = { { QStringLiteral("corrosion"), QStringLiteral("major"), QString() } };
    EXPECT_EQ(grade(a).targetApplication, QStringLiteral("stationary_storage"));
    a.findings.clear();
    a.dtcClasses = { QStringLiteral("contactor") };
    EXPECT_EQ(grade(a).targetApplication, QStringLiteral("light_ev_reuse"));
    a.dtcClasses = { QStringLiteral("Thermal") };
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("recycle")); // every application forbids thermal DTCs
    EXPECT_EQ(rule(g, QStringLiteral("stationary_storage"), QStringLiteral("forbidden_dtc_classes"))
                  ->detail,
        QStringLiteral("thermal"));
}

TEST_F(GradingTest, BmsSohFarFromTheMeasurementIsAFraudRiskReasonNotAnAverage)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.82, 0.005); // [0.8102, 0.8298]
    a.bmsSohCapacity = 0.95; // 0.1202 above the interval, tolerance 0.05
    const GradeResult g = grade(a);
    EXPECT_TRUE(g.bmsMismatch);
    EXPECT_EQ(g.grade, QStringLiteral("reuse")); // graded on the measurement alone
    const RuleResult* x
        = rule(g, QStringLiteral("cross_check"), QStringLiteral("bms_soh_tolerance"));
    ASSERT_NE(x, nullptr);
    EXPECT_NEAR(x->conservative, 0.95 - 0.8298, 1e-12);
    EXPECT_EQ(x->outcome, RuleResult::Outcome::Fail);
    EXPECT_TRUE(g.reasons.join(QLatin1Char('\n')).contains(QStringLiteral("fraud risk")));
    EXPECT_DOUBLE_EQ(gradeToJson(g, a).value(QStringLiteral("soh_capacity")).toDouble(), 0.82);

    a.bmsSohCapacity = 0.86; // 0.0302 above the interval: within tolerance
    EXPECT_FALSE(grade(a).bmsMismatch);
    a.bmsSohCapacity = 0.75; // 0.0602 below the interval
    EXPECT_TRUE(grade(a).bmsMismatch);
}

TEST_F(GradingTest, OneWeakModuleGivesReplaceAdvice)
{
    Assessment a = goodNmc();
    const double soh[] = { 0.90, 0.91, 0.72, 0.89 };
    for (int i = 0; i < 4; ++i)
        a.modules.push_back({ i + 1, QStringLiteral("M%1").arg(i + 1), est(soh[i], 0.0),
            est(0.90, 0.0), est(0.01, 0.0) });
    a.sohCapacity = est(0.72, 0.0); // a series pack is as strong as its weakest module
    a.capacitySpread
        = est(0.10, 0.0); // measured cell to cell: fails light_ev (0.08), passes stationary
    const GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("repurpose"));
    ASSERT_TRUE(g.replaceModule.has_value());
    EXPECT_EQ(*g.replaceModule, 3);
    EXPECT_EQ(
        g.moduleAdvice, QStringLiteral("repurpose, or reuse (ev_reuse) after replacing module 3"));

    a.modules[1].sohCapacity = est(0.74, 0.0); // two weak modules: one replacement is not enough
    EXPECT_FALSE(grade(a).replaceModule.has_value());
}

TEST_F(GradingTest, UnknownChemistryIsRefused)
{
    Assessment a = goodNmc();
    a.chemistry = QStringLiteral("sodium-ion");
    auto g = gradeAssessment(m_policy, a);
    ASSERT_FALSE(g);
    EXPECT_TRUE(g.error().message.contains(QStringLiteral("sodium-ion")));
}

TEST_F(GradingTest, AssessmentJsonRoundTripsAndGradeJsonHasTheCliKeys)
{
    Assessment a = goodNmc();
    a.bmsSohCapacity = 0.9;
    a.findings.push_back(
        { QStringLiteral("corrosion"), QStringLiteral("minor"), QStringLiteral("terminal") });
    auto back = assessmentFromJson(assessmentToJson(a), QStringLiteral("mem"));
    ASSERT_TRUE(back);
    EXPECT_DOUBLE_EQ(back->sohCapacity.stderrValue, 0.01);
    EXPECT_EQ(back->findings.size(), 1u);
    const QJsonObject j = gradeToJson(grade(*back), *back);
    for (const char* key : { "grade", "soh_capacity", "soh_capacity_interval", "soh_resistance",
             "cell_spread_v", "reasons", "policy" })
        EXPECT_TRUE(j.contains(QLatin1String(key))) << key;
    EXPECT_NEAR(
        j.value(QStringLiteral("soh_capacity_interval")).toArray().at(0).toDouble(), 0.8804, 1e-12);
}

TEST_F(GradingTest, CompactJsonWriterWritesTheSameDocumentAsGradeToJson)
{
    Assessment a = goodNmc();
    a.sohCapacity = est(0.81, 0.01);
    a.bmsSohCapacity = 0.95;
    a.findings.push_back(
        { QStringLiteral("damage"), QStringLiteral("minor"), QStringLiteral("dent \"A\"\n") });
    a.sohResistance = Estimate {}; // null values too
    GradeResult g = grade(a);
    g.reasons << QStringLiteral("quote \" backslash \\ tab \t unicode \u00e9 \u2713");
    QJsonObject expected = gradeToJson(g, a);
    expected[QStringLiteral("id")] = QStringLiteral("g-1");
    QJsonParseError err;
    const QJsonDocument written
        = QJsonDocument::fromJson(gradeToCompactJson(g, a, QStringLiteral("g-1")), &err);
    ASSERT_EQ(err.error, QJsonParseError::NoError) << err.errorString().toStdString();
    EXPECT_EQ(written.object(), expected);
}

// A BMS's own trouble codes reach the DTC rules: matched by the whole code, a word of its text, or
// "unclassified_dtc", and cited as "BMS <code>"; a code no rule forbids is still named.
TEST_F(GradingTest, BmsTroubleCodesAreMatchedAndCited)
{
    Assessment a = goodNmc();
    a.dtcCodes = { QStringLiteral("P0A7E swelling") };
    GradeResult g = grade(a);
    EXPECT_EQ(g.grade, QStringLiteral("reuse")); // the default policy forbids no such word
    EXPECT_TRUE(g.reasons.join(QLatin1Char('\n')).contains(QStringLiteral("trouble code(s) P0A7E swelling")));

    ApplicationRules& ev = m_policy.chemistries[QStringLiteral("nmc")][0];
    ASSERT_EQ(ev.application, QStringLiteral("ev_reuse"));
    for (const QString& listed : { QStringLiteral("swelling"), QStringLiteral("p0a7e"),
             QStringLiteral("unclassified_dtc") }) {
        ev.forbiddenDtcClasses = { listed };
        g = grade(a);
        const RuleResult* r = rule(g, QStringLiteral("ev_reuse"), QStringLiteral("forbidden_dtc_classes"));
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r->outcome, RuleResult::Outcome::Fail) << listed.toStdString();
        EXPECT_EQ(r->detail, QStringLiteral("BMS P0A7E swelling")) << listed.toStdString();
        EXPECT_EQ(g.grade, QStringLiteral("repurpose")) << listed.toStdString();
        EXPECT_FALSE(g.reasons.join(QLatin1Char('\n')).contains(QStringLiteral("trouble code(s)")));
    }
    ev.forbiddenDtcClasses = { QStringLiteral("p0a7") }; // a prefix is not the code
    EXPECT_EQ(grade(a).grade, QStringLiteral("reuse"));
}

// A capacity run cut short: only a lower bound, so each capacity rule is retest (not fail, not
// pass), even when the bound is far below or above a threshold.
TEST_F(GradingTest, CapacityLowerBoundOnlyIsRetestNeverAGrade)
{
    for (double bound : { 0.12, 0.95 }) {
        Assessment a = goodNmc();
        a.sohCapacity = {};
        a.sohCapacityLowerBound = est(bound, 0.01);
        a.sohCapacityLowerBoundWhy = QStringLiteral("safety stop");
        const GradeResult g = grade(a);
        EXPECT_EQ(g.grade, QStringLiteral("retest")) << bound;
        EXPECT_EQ(g.fallbackGrade, QStringLiteral("recycle")) << bound;
        for (const QString& app : { QStringLiteral("ev_reuse"), QStringLiteral("light_ev_reuse"),
                 QStringLiteral("stationary_storage") }) {
            const RuleResult* r = rule(g, app, QStringLiteral("soh_capacity_min"));
            ASSERT_NE(r, nullptr);
            EXPECT_EQ(r->outcome, RuleResult::Outcome::Retest);
            EXPECT_DOUBLE_EQ(r->value, bound);
            EXPECT_TRUE(r->detail.contains(QStringLiteral("lower bound only")));
            EXPECT_TRUE(r->detail.endsWith(QStringLiteral("safety stop")));
        }
        EXPECT_FALSE(g.retestTests.isEmpty());
    }
}
