#pragma once
// Graded and certified packs in a real SQLite inventory, for the certificate-from-grade, export
// and upload tests. The assessments below are the truth these tests compare against: the values
// are chosen here, not computed by the code under test.
#include "core/certificate_from_grade.h"
#include "core/graded_pack.h"
#include "core/grading.h"
#include "core/inventory.h"
#include "core/site_key.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimeZone>
#include <gtest/gtest.h>
#include <map>

namespace pg::test {

struct PackTruth {
    QString serial;
    QString vin;
    double soh = 0.0;
    double sohStderr = 0.0;
    QString gradedAt; // ISO-8601 UTC with ms, as the inventory stores it
};

inline core::Assessment assessmentOf(const PackTruth& t)
{
    core::Assessment a;
    a.packSerial = t.serial;
    a.vin = t.vin;
    a.partNumber = QStringLiteral("PN-") + t.serial;
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.nominalCapacityAh = 60.0;
    a.sohCapacity = { t.soh, t.sohStderr, "coulomb-count", {} };
    a.sohResistance = { 0.9, 0.01, "hppc-10s", {} };
    a.cellVoltageSpreadV = { 0.012, 0.001, "rest", {} };
    a.capacitySpread = { 0.02, 0.0, "modules", {} };
    a.selfDischargeVPerDay = { 0.001, 0.0, "rest", {} };
    a.temperatureSpreadC = { 2.0, 0.0, "test", {} };
    a.isolationOhm = { 360.0e3, 0.0, "megger", {} };
    return a;
}

class ExportInventory : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        openInventory(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inv.sqlite")));
    }

    void openInventory(const QString& url)
    {
        m_url = url;
        m_keyDir = m_dir.filePath(QStringLiteral("keys"));
        auto inv = core::Inventory::open(m_url);
        ASSERT_TRUE(inv) << inv.error().message.toStdString();
        m_inv = std::move(*inv);
        auto policy = core::loadDefaultPolicy();
        ASSERT_TRUE(policy);
        m_policy = *policy;
    }

    // Grades and stores the pack; returns the grade id.
    QString store(const PackTruth& t)
    {
        const core::Assessment a = assessmentOf(t);
        auto g = core::gradeAssessment(m_policy, a);
        EXPECT_TRUE(g);
        auto s = m_inv->storeGrade(a, *g, QStringLiteral("tester"), t.gradedAt);
        EXPECT_TRUE(s) << (s ? std::string() : s.error().message.toStdString());
        m_truth[t.serial] = t;
        return s ? s->gradeId : QString();
    }

    // Signs and stores the certificate of a grade in-process; returns the certificate id.
    QString certify(const QString& gradeId)
    {
        auto key = core::SiteKey::loadOrCreate(m_keyDir);
        EXPECT_TRUE(key);
        auto graded = core::findGradedPack(*m_inv, gradeId);
        EXPECT_TRUE(graded && *graded);
        core::IssueContext ctx { QStringLiteral("Test site"), QStringLiteral("bench-1"),
            QStringLiteral("op"), QStringLiteral("grader"), QStringLiteral("0.0-test"),
            QDateTime::currentDateTimeUtc(), QString() };
        auto data = core::certificateFromGradedPack(**graded, ctx);
        EXPECT_TRUE(data);
        auto cert = core::signCertificate(*data, *key);
        EXPECT_TRUE(cert) << (cert ? std::string() : cert.error().message.toStdString());
        auto ok = core::storeCertificate(*m_inv, gradeId, *cert, QStringLiteral("op"));
        EXPECT_TRUE(ok);
        return cert->certificateId();
    }

    // `count` reusable packs graded now, each certified; returns their certificate ids.
    QStringList certifiedPacks(int count)
    {
        QStringList ids;
        for (int i = 0; i < count; ++i) {
            const PackTruth t { QStringLiteral("UP%1").arg(i, 3, 10, QLatin1Char('0')),
                QStringLiteral("VIN%1").arg(i), 0.85 + 0.001 * i, 0.004, QString() };
            ids << certify(store(t));
        }
        return ids;
    }

    ToolResult cli(const QStringList& args, int timeoutMs = 60000)
    {
        return runTool(binPath(QStringLiteral("cli/packgrade-cli")), args, timeoutMs);
    }

    QTemporaryDir m_dir;
    QString m_url;
    QString m_keyDir;
    std::unique_ptr<core::Inventory> m_inv;
    core::GradingPolicy m_policy;
    std::map<QString, PackTruth> m_truth;
};

inline QJsonObject jsonOf(const ToolResult& r)
{
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace pg::test
