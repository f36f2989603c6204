// Certificates of graded packs from the inventory (issue 9): `packgrade-cli certificate ID`.
// Truth: the assessments the test stored (export_fixture.h), the default policy's published
// thresholds, and `verify` / pdftotext reading the files back.
#include "core/export_fixture.h"

#include <QFile>
#include <QSqlQuery>

using namespace pg;
using pg::test::ExportInventory;
using pg::test::PackTruth;

namespace {

long long rows(core::Inventory& inv, const QString& sql)
{
    QSqlQuery q(inv.database());
    EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
    return q.value(0).toLongLong();
}

} // namespace

TEST_F(ExportInventory, CertificateOfAGradeIsSignedStoredAndReexported)
{
    const QString gradeId = store(
        { QStringLiteral("LEAF-0042"), QStringLiteral("SJNFAAZE0U1234567"), 0.86, 0.005, {} });
    const QString pdf = m_dir.filePath(QStringLiteral("c.pdf"));
    const QString json = m_dir.filePath(QStringLiteral("c.json"));
    const QStringList args { QStringLiteral("certificate"), gradeId, QStringLiteral("--out"), pdf,
        QStringLiteral("--json-out"), json, QStringLiteral("--db"), m_url,
        QStringLiteral("--key-dir"), m_keyDir, QStringLiteral("--site"),
        QStringLiteral("Test site"), QStringLiteral("--json") };
    const auto first = cli(args);
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    const QString id = test::jsonOf(first)[QStringLiteral("certificate_id")].toString();
    EXPECT_FALSE(test::jsonOf(first)[QStringLiteral("reissued_from_inventory")].toBool());

    const auto verified = cli({ QStringLiteral("verify"), pdf, QStringLiteral("--json"),
        QStringLiteral("--key-dir"), m_keyDir });
    ASSERT_EQ(verified.exitCode, 0) << verified.err.toStdString();
    const QJsonObject v = test::jsonOf(verified);
    EXPECT_TRUE(v[QStringLiteral("valid")].toBool());
    EXPECT_EQ(v[QStringLiteral("certificate_id")].toString(), id);
    EXPECT_EQ(v[QStringLiteral("serial_number")].toString(), QStringLiteral("LEAF-0042"));
    EXPECT_DOUBLE_EQ(v[QStringLiteral("soh_capacity")].toDouble(), 0.86);
    EXPECT_EQ(v[QStringLiteral("grade")].toString(),
        QStringLiteral("reuse")); // 0.86 - 1.96 x 0.005 >= 0.80
    EXPECT_EQ(v[QStringLiteral("battery_status")].toString(), QStringLiteral("Reused"));

    QFile file(json);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject content = QJsonDocument::fromJson(file.readAll())
                                    .object()[QStringLiteral("certificate")]
                                    .toObject();
    const QJsonObject testPart = content[QStringLiteral("test")].toObject();
    EXPECT_NEAR(testPart[QStringLiteral("measuredCapacityAh")].toDouble(), 0.86 * 60.0, 1e-9);
    EXPECT_NEAR(
        testPart[QStringLiteral("measuredCapacityStderrAh")].toDouble(), 0.005 * 60.0, 1e-9);
    EXPECT_EQ(content[QStringLiteral("battery")].toObject()[QStringLiteral("vin")].toString(),
        QStringLiteral("SJNFAAZE0U1234567"));
    const QJsonArray rules
        = content[QStringLiteral("grading")].toObject()[QStringLiteral("rules")].toArray();
    ASSERT_FALSE(rules.isEmpty());
    bool sawSoh = false;
    for (const QJsonValue& r : rules) {
        EXPECT_TRUE(r[QStringLiteral("passed")].toBool())
            << r[QStringLiteral("name")].toString().toStdString();
        if (r[QStringLiteral("name")].toString() == QLatin1String("soh_capacity_min")) {
            sawSoh = true;
            EXPECT_NEAR(r[QStringLiteral("value")].toDouble(), 0.86 - 1.96 * 0.005, 1e-9);
            EXPECT_DOUBLE_EQ(r[QStringLiteral("threshold")].toDouble(), 0.80); // policy ev_reuse
        }
    }
    EXPECT_TRUE(sawSoh);
    EXPECT_EQ(rows(*m_inv, QStringLiteral("SELECT COUNT(*) FROM certificates")), 1);

    // Again, by serial: the stored certificate comes back (same id), nothing is re-signed.
    QStringList again = args;
    again[1] = QStringLiteral("LEAF-0042");
    const auto second = cli(again);
    ASSERT_EQ(second.exitCode, 0) << second.err.toStdString();
    EXPECT_EQ(test::jsonOf(second)[QStringLiteral("certificate_id")].toString(), id);
    EXPECT_TRUE(test::jsonOf(second)[QStringLiteral("reissued_from_inventory")].toBool());
    EXPECT_EQ(rows(*m_inv, QStringLiteral("SELECT COUNT(*) FROM certificates")), 1);
    if (test::haveProgram(QStringLiteral("pdftotext"))) {
        const auto text = test::runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
        EXPECT_TRUE(text.out.contains("LEAF-0042"));
        // pdftotext may break the id where the page wraps it (its width depends on the random
        // id's glyphs), so the id is looked for with the whitespace taken out.
        EXPECT_TRUE(QString::fromUtf8(text.out).remove(QRegularExpression(QStringLiteral("\\s"))).contains(id))
            << id.toStdString() << " not in:\n" << text.out.toStdString();
    }
}

TEST_F(ExportInventory, RetestGradeGetsNoCertificateAndNothingIsStored)
{
    // 0.80 +- 1.96 x 0.02 straddles the 0.80 reuse threshold: the grade is retest.
    const QString gradeId = store({ QStringLiteral("RT-1"), QString(), 0.80, 0.02, {} });
    const auto r = cli({ QStringLiteral("certificate"), gradeId, QStringLiteral("--out"),
        m_dir.filePath(QStringLiteral("r.pdf")), QStringLiteral("--db"), m_url,
        QStringLiteral("--key-dir"), m_keyDir });
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.contains("retest")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("RT-1")) << r.err.toStdString();
    EXPECT_EQ(rows(*m_inv, QStringLiteral("SELECT COUNT(*) FROM certificates")), 0);
    EXPECT_FALSE(QFile::exists(m_dir.filePath(QStringLiteral("r.pdf"))));
}

TEST_F(ExportInventory, UnknownIdNamesTheInventory)
{
    const auto r = cli({ QStringLiteral("certificate"), QStringLiteral("no-such-pack"),
        QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.pdf")), QStringLiteral("--db"),
        m_url, QStringLiteral("--key-dir"), m_keyDir });
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("no-such-pack")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("inv.sqlite")) << r.err.toStdString();
}

TEST_F(ExportInventory, RecycledPackShowsTheRulesThatFailed)
{
    // 0.45 is below every application's capacity threshold in the default policy.
    const QString gradeId = store({ QStringLiteral("RC-1"), QString(), 0.45, 0.005, {} });
    auto graded = core::findGradedPack(*m_inv, gradeId);
    ASSERT_TRUE(graded && *graded);
    auto data = core::certificateFromGradedPack(**graded, {});
    ASSERT_TRUE(data);
    EXPECT_EQ(data->grade, QStringLiteral("recycle"));
    bool failedCapacity = false;
    for (const core::CertificateRule& r : data->rules)
        failedCapacity
            |= r.name == QLatin1String("soh_capacity_min") && !r.passed && r.value < r.threshold;
    EXPECT_TRUE(failedCapacity);
}
