// Issue 8: the grading policy loader refuses bad files with the key and the reason.
#include "core/grading_policy.h"
#include "test_paths.h"

#include <QCryptographicHash>
#include <QFile>
#include <gtest/gtest.h>

using namespace pg::core;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

} // namespace

TEST(PolicyLoader, DefaultPolicyLoadsWithNameVersionAndHashOfTheFileBytes)
{
    auto p = loadDefaultPolicy();
    ASSERT_TRUE(p) << p.error().message.toStdString();
    EXPECT_EQ(p->name, QStringLiteral("packgrade-default"));
    EXPECT_EQ(p->version, QStringLiteral("1.0.0"));
    const QByteArray bytes = fileBytes(QStringLiteral(":/policies/default.json"));
    EXPECT_EQ(p->sha256,
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    EXPECT_EQ(p->sha256.size(), 64);
    // The file in resources/ is the one compiled in.
    EXPECT_EQ(
        bytes, fileBytes(QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/policies/default.json")));
}

TEST(PolicyLoader, DefaultPolicyCoversEveryChemistryAndApplicationInOrder)
{
    auto p = loadDefaultPolicy();
    ASSERT_TRUE(p);
    for (const QString& chem : policyChemistries()) {
        const auto* apps = p->rulesFor(chem);
        ASSERT_NE(apps, nullptr) << chem.toStdString();
        ASSERT_EQ(apps->size(), 3u);
        EXPECT_EQ((*apps)[0].application, QStringLiteral("ev_reuse"));
        EXPECT_EQ((*apps)[0].grade, QStringLiteral("reuse"));
        // Common second-life practice: reuse from 80 %, repurpose down to 60 %.
        EXPECT_DOUBLE_EQ(
            (*apps)[0].thresholds.value(QStringLiteral("soh_capacity_min")).value, 0.80);
        EXPECT_DOUBLE_EQ(
            (*apps)[2].thresholds.value(QStringLiteral("soh_capacity_min")).value, 0.60);
        for (const auto& app : *apps) {
            EXPECT_EQ(app.thresholds.size(), static_cast<int>(policyMetrics().size()));
            for (const Threshold& t : app.thresholds)
                EXPECT_TRUE(p->references.contains(t.source)) << t.source.toStdString();
        }
    }
    EXPECT_TRUE(p->recycleFindings.contains(QStringLiteral("swelling")));
    EXPECT_EQ(p->retestTests.size(), static_cast<int>(policyMetrics().size()));
}

TEST(PolicyLoader, RefusesUnknownKeyNamingIt)
{
    auto p = loadPolicy(pg::test::dataPath(QStringLiteral("policies/bad_unknown_key.json")));
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().exitCode, kExitBadInput);
    EXPECT_TRUE(p.error().message.contains(
        QStringLiteral("chemistries.nmc.ev_reuse.soh_capacity_minimum: unknown key")))
        << p.error().message.toStdString();
    EXPECT_TRUE(p.error().message.startsWith(
        pg::test::dataPath(QStringLiteral("policies/bad_unknown_key.json"))));
}

TEST(PolicyLoader, RefusesThresholdsOutOfOrder)
{
    // light_ev_reuse asks for 85 % where ev_reuse asks for 80 %.
    auto p = loadPolicy(pg::test::dataPath(QStringLiteral("policies/bad_out_of_order.json")));
    ASSERT_FALSE(p);
    EXPECT_TRUE(p.error().message.contains(
        QStringLiteral("chemistries.lfp.light_ev_reuse.soh_capacity_min: thresholds out of order")))
        << p.error().message.toStdString();
}

TEST(PolicyLoader, RefusesMissingChemistry)
{
    auto p = loadPolicy(pg::test::dataPath(QStringLiteral("policies/bad_missing_chemistry.json")));
    ASSERT_FALSE(p);
    EXPECT_TRUE(p.error().message.contains(QStringLiteral("chemistries.nca: missing")))
        << p.error().message.toStdString();
}

TEST(PolicyLoader, RefusesThresholdWhoseSourceIsNotAReference)
{
    auto p = loadPolicy(pg::test::dataPath(QStringLiteral("policies/bad_unknown_source.json")));
    ASSERT_FALSE(p);
    EXPECT_TRUE(
        p.error().message.contains(QStringLiteral("chemistries.nmc.stationary_storage.temperature_"
                                                  "spread_max_c.source: 'wikipedia' is not a key")))
        << p.error().message.toStdString();
}

TEST(PolicyLoader, RefusesMalformedJsonAndMissingFile)
{
    auto bad = parsePolicy(QByteArrayLiteral("{\"name\": "), QStringLiteral("x.json"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.startsWith(QStringLiteral("x.json: offset")));
    auto missing = loadPolicy(QStringLiteral("/nonexistent/policy.json"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().exitCode, kExitBadInput);
}

TEST(PolicyLoader, RefusesSohThresholdAboveOne)
{
    QByteArray bytes = fileBytes(QStringLiteral(":/policies/default.json"));
    bytes.replace(
        "\"soh_capacity_min\": {\"value\": 0.8,", "\"soh_capacity_min\": {\"value\": 80,");
    auto p = parsePolicy(bytes, QStringLiteral("pct.json"));
    ASSERT_FALSE(p);
    EXPECT_TRUE(
        p.error().message.contains(QStringLiteral("soh_capacity_min.value: 80 is not a fraction")))
        << p.error().message.toStdString();
}

TEST(PolicyLoader, FailedReloadKeepsThePreviousPolicyInForce)
{
    auto initial = loadDefaultPolicy();
    ASSERT_TRUE(initial);
    PolicyHolder holder(*initial);
    auto refused
        = holder.reload(pg::test::dataPath(QStringLiteral("policies/bad_out_of_order.json")));
    ASSERT_FALSE(refused);
    EXPECT_EQ(holder.current().sha256, initial->sha256);
    auto accepted = holder.reload(pg::test::dataPath(QStringLiteral("policies/good_strict.json")));
    ASSERT_TRUE(accepted) << accepted.error().message.toStdString();
    EXPECT_EQ(holder.current().name, QStringLiteral("site-strict"));
    EXPECT_EQ(holder.current().version, QStringLiteral("2.0.0"));
    EXPECT_NE(holder.current().sha256, initial->sha256);
}

TEST(PolicyLoader, RefusesAFindingTheTechnicianCannotType)
{
    QByteArray bytes = fileBytes(QStringLiteral(":/policies/default.json"));
    bytes.replace("\"recycle_findings\": [\"swelling\"", "\"recycle_findings\": [\"swollen\"");
    auto p = parsePolicy(bytes, QStringLiteral("f.json"));
    ASSERT_FALSE(p);
    EXPECT_TRUE(p.error().message.contains(
        QStringLiteral("safety.recycle_findings: 'swollen' is not a finding")))
        << p.error().message.toStdString();
}
