// What a session's grade may claim (`packgrade-cli simulate`, then `packgrade-cli grade --session
// DIR --no-store`, both separate processes): a capacity test cut short by a safety stop counted a
// lower bound of the capacity, never a measurement (checked against the simulator's truth), and
// the trouble codes the BMS reported reach the policy's DTC rules (checked against the codes the
// spec gave the simulated BMS).
#include "cli_session_fixture.h"

#include <QJsonArray>
#include <cmath>

using namespace pg;

namespace {

QJsonObject simulate(const QString& spec, const QString& procedure, const QString& out,
    const QString& bms = QStringLiteral("can"))
{
    const test::Cli r = test::runCli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--procedure"), procedure, QStringLiteral("--bms"), bms,
        QStringLiteral("--speed"), QStringLiteral("2000"), QStringLiteral("--out"), out,
        QStringLiteral("--json") });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

test::Cli grade(const QString& dir, const QStringList& extra = {})
{
    return test::runCli(QStringList { QStringLiteral("grade"), QStringLiteral("--session"), dir,
                            QStringLiteral("--no-store"), QStringLiteral("--json") }
        + extra);
}

QJsonObject gradeJson(const test::Cli& r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QString joined(const QJsonArray& a)
{
    QStringList out;
    for (const QJsonValue& v : a)
        out << v.toString();
    return out.join(QLatin1Char('\n'));
}

} // namespace

// The BMS falls silent at 1800 s (simulator fault `bms_silent`), about 20 minutes into the C/3
// discharge: the supervisor stops the run (load off) long before the weakest cell reaches its
// floor. Nothing else about the pack is wrong, so only the capacity is in question.
TEST(CliGradeSessionEvidence, CapacityStoppedBySafetyIsALowerBoundAndRetest)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString spec = test::writeSpec(tmp, QStringLiteral("hot.json"),
        QJsonObject { { QStringLiteral("faults"),
            QJsonArray { QJsonObject { { QStringLiteral("kind"), QStringLiteral("bms_silent") },
                { QStringLiteral("at_s"), 1800 } } } } });
    const QString dir = tmp.filePath(QStringLiteral("session"));
    const QJsonObject sim = simulate(spec, QStringLiteral("capacity"), dir);
    ASSERT_EQ(sim.value(QStringLiteral("outcome")).toString(), QStringLiteral("aborted"))
        << "the silent BMS should stop the run: "
        << QJsonDocument(sim).toJson().toStdString();
    const double truthAh
        = sim.value(QStringLiteral("truth")).toObject().value(QStringLiteral("capacity_ah")).toDouble();
    ASSERT_GT(truthAh, 0.0);

    // The run's own record: the discharge ran, and stopped short of the cut-off.
    const QJsonObject steps = test::readJsonFile(QDir(dir).filePath(QStringLiteral("steps.json")));
    QJsonObject capacity;
    for (const QJsonValue& v : steps.value(QStringLiteral("steps")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("capacity"))
            capacity = v.toObject().value(QStringLiteral("result")).toObject();
    }
    const double dischargedAh = capacity.value(QStringLiteral("discharged_ah")).toDouble();
    ASSERT_GT(dischargedAh, 0.02) << "the fault must trip during the discharge, not before it";
    ASSERT_FALSE(capacity.value(QStringLiteral("reached_cutoff")).toBool());
    ASSERT_FALSE(capacity.value(QStringLiteral("stopped_early")).toBool());

    const test::Cli r = grade(dir);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject g = gradeJson(r);
    EXPECT_EQ(g.value(QStringLiteral("grade")).toString(), QStringLiteral("retest"));
    EXPECT_TRUE(g.value(QStringLiteral("soh_capacity")).isNull())
        << "a cut-short discharge is no capacity measurement";
    EXPECT_TRUE(g.value(QStringLiteral("soh_capacity_interval")).toArray().isEmpty());

    // The lower bound: what was counted, below the pack's true capacity.
    const QJsonObject a = g.value(QStringLiteral("assessment")).toObject();
    const QJsonObject bound = a.value(QStringLiteral("soh_capacity_lower_bound")).toObject();
    const double nominalAh = a.value(QStringLiteral("nominal_capacity_ah")).toDouble();
    const double boundAh = bound.value(QStringLiteral("value")).toDouble() * nominalAh;
    EXPECT_NEAR(boundAh, dischargedAh, 0.02 * dischargedAh + 0.005)
        << "the bound is the charge the procedure counted";
    EXPECT_LT(boundAh, truthAh) << "truth " << truthAh << " Ah";
    EXPECT_TRUE(bound.value(QStringLiteral("method")).toString().contains(QStringLiteral("lower bound")));
    EXPECT_TRUE(a.value(QStringLiteral("soh_capacity_not_measured")).toString().contains(QStringLiteral("cut-off")));

    // Every capacity rule says retest with the reason; none passes or fails on the count.
    int capacityRules = 0;
    for (const QJsonValue& v : g.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject rule = v.toObject();
        if (rule.value(QStringLiteral("measure")).toString() != QLatin1String("soh_capacity"))
            continue;
        ++capacityRules;
        EXPECT_EQ(rule.value(QStringLiteral("result")).toString(), QStringLiteral("retest"));
        EXPECT_TRUE(rule.value(QStringLiteral("detail")).toString().contains(QStringLiteral("lower bound only")))
            << rule.value(QStringLiteral("detail")).toString().toStdString();
    }
    EXPECT_GE(capacityRules, 3);
    const QString reasons = joined(g.value(QStringLiteral("reasons")).toArray());
    EXPECT_TRUE(reasons.contains(QStringLiteral("lower bound only"))) << reasons.toStdString();
    EXPECT_TRUE(reasons.contains(QStringLiteral("session aborted: BMS silent"))) << reasons.toStdString();
    EXPECT_FALSE(joined(g.value(QStringLiteral("retest_tests")).toArray()).isEmpty());
    const QString notes = joined(g.value(QStringLiteral("notes")).toArray());
    EXPECT_TRUE(notes.contains(QStringLiteral("soh_capacity not measured, at least"))) << notes.toStdString();
    std::printf("[ figures  ] counted %.3f Ah (lower bound, SoH >= %.3f), truth %.3f Ah (SoH %.3f)\n",
        boundAh, boundAh / nominalAh, truthAh, truthAh / nominalAh);
}

// The BMS reports a trouble code (spec `dtcs`, read over the in-process BMS): a policy that
// forbids it fails the application and cites the code; the default policy, which forbids no such
// code, still names it in the reasons.
TEST(CliGradeSessionEvidence, BmsTroubleCodesReachTheDtcRules)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString code = QStringLiteral("P0AFA");
    const QString spec = test::writeSpec(tmp, QStringLiteral("dtc.json"),
        QJsonObject { { QStringLiteral("dtcs"), QJsonArray { code } },
            { QStringLiteral("bms_soh"), 0.85 } });
    const QString dir = tmp.filePath(QStringLiteral("session"));
    const QJsonObject sim = simulate(spec, QStringLiteral("quick"), dir, QStringLiteral("direct"));
    ASSERT_EQ(sim.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << QJsonDocument(sim).toJson().toStdString();
    ASSERT_EQ(test::readJsonFile(QDir(dir).filePath(QStringLiteral("bms_snapshot.json")))
                  .value(QStringLiteral("dtcs"))
                  .toArray(),
        QJsonArray { code });

    // The shipped policy, with the code added to ev_reuse's forbidden list.
    QJsonObject policy = test::readJsonFile(QStringLiteral(RESOURCES_DIR "/policies/default.json"));
    ASSERT_FALSE(policy.isEmpty());
    QJsonObject chemistries = policy.value(QStringLiteral("chemistries")).toObject();
    QJsonObject nmc = chemistries.value(QStringLiteral("nmc")).toObject();
    QJsonObject evReuse = nmc.value(QStringLiteral("ev_reuse")).toObject();
    QJsonArray forbidden = evReuse.value(QStringLiteral("forbidden_dtc_classes")).toArray();
    forbidden.append(code.toLower());
    evReuse[QStringLiteral("forbidden_dtc_classes")] = forbidden;
    nmc[QStringLiteral("ev_reuse")] = evReuse;
    chemistries[QStringLiteral("nmc")] = nmc;
    policy[QStringLiteral("chemistries")] = chemistries;
    policy[QStringLiteral("name")] = QStringLiteral("default-forbids-p0afa");
    const QString policyPath = tmp.filePath(QStringLiteral("policy.json"));
    {
        QFile f(policyPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(policy).toJson());
    }

    const test::Cli strict = grade(dir, { QStringLiteral("--policy"), policyPath });
    ASSERT_EQ(strict.exitCode, 0) << strict.err.toStdString();
    const QJsonObject g = gradeJson(strict);
    EXPECT_EQ(g.value(QStringLiteral("assessment")).toObject().value(QStringLiteral("dtc_codes")).toArray(),
        QJsonArray { code });
    bool cited = false;
    for (const QJsonValue& v : g.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject rule = v.toObject();
        if (rule.value(QStringLiteral("rule")).toString() != QLatin1String("forbidden_dtc_classes"))
            continue;
        const bool ev = rule.value(QStringLiteral("application")).toString() == QLatin1String("ev_reuse");
        EXPECT_EQ(rule.value(QStringLiteral("result")).toString(), ev ? QStringLiteral("fail") : QStringLiteral("pass"))
            << rule.value(QStringLiteral("application")).toString().toStdString();
        if (ev) {
            EXPECT_EQ(rule.value(QStringLiteral("value")).toDouble(), 1.0);
            cited = rule.value(QStringLiteral("detail")).toString() == QStringLiteral("BMS ") + code;
        }
    }
    EXPECT_TRUE(cited);
    EXPECT_TRUE(joined(g.value(QStringLiteral("reasons")).toArray())
                    .contains(QStringLiteral("fails ev_reuse: forbidden_dtc_classes (BMS ") + code))
        << joined(g.value(QStringLiteral("reasons")).toArray()).toStdString();
    EXPECT_NE(g.value(QStringLiteral("grade")).toString(), QStringLiteral("reuse"));

    // The default policy forbids no such code: the rules pass, the reasons still name it.
    const test::Cli lenient = grade(dir);
    ASSERT_EQ(lenient.exitCode, 0) << lenient.err.toStdString();
    const QString reasons = joined(gradeJson(lenient).value(QStringLiteral("reasons")).toArray());
    EXPECT_TRUE(reasons.contains(QStringLiteral("the BMS reports trouble code(s) ") + code))
        << reasons.toStdString();
}
