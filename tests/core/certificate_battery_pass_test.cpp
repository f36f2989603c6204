// The certificate's passport-facing section against the EU Battery Pass JSON Schemas v1.2.0,
// validated by Python's jsonschema (tests/tools/validate_battery_pass.py), and the grade->status
// map.
#include "certificate_fixture.h"
#include "core/certificate_json.h"
#include "core/signed_certificate.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QJsonArray>
#include <gtest/gtest.h>

using namespace pg;

TEST(CertificateBatteryPass, GradesMapToBatteryStatus)
{
    EXPECT_EQ(core::batteryStatusForGrade(QStringLiteral("reuse")), QStringLiteral("Reused"));
    EXPECT_EQ(
        core::batteryStatusForGrade(QStringLiteral("repurpose")), QStringLiteral("Repurposed"));
    EXPECT_EQ(core::batteryStatusForGrade(QStringLiteral("recycle")), QStringLiteral("Waste"));
    EXPECT_TRUE(core::batteryStatusForGrade(QStringLiteral("retest")).isEmpty());
}

TEST(CertificateBatteryPass, SectionCarriesTheResultsUnderPassportNames)
{
    const QJsonObject bp = core::batteryPassSection(test::fullCertificate());
    const QJsonObject cond
        = bp[QStringLiteral("performance")][QStringLiteral("batteryCondition")].toObject();
    EXPECT_DOUBLE_EQ(
        cond[QStringLiteral("remainingCapacity")][QStringLiteral("remainingCapacityValue")]
            .toDouble(),
        1.548874);
    EXPECT_DOUBLE_EQ(
        cond[QStringLiteral("capacityFade")][QStringLiteral("capacityFadeValue")].toDouble(),
        22.56);
    EXPECT_DOUBLE_EQ(cond[QStringLiteral("internalResistanceIncrease")][0]
                         [QStringLiteral("internalResistanceIncreaseValue")]
                             .toDouble(),
        25.0);
    EXPECT_DOUBLE_EQ(cond[QStringLiteral("powerFade")].toDouble(), 16.67);
    EXPECT_EQ(cond[QStringLiteral("negativeEvents")].toArray().size(), 2);
    EXPECT_EQ(
        bp[QStringLiteral("generalProductInformation")][QStringLiteral("batteryStatus")].toString(),
        QStringLiteral("Repurposed"));
}

TEST(CertificateBatteryPass, ValidatesAgainstTheSchemas)
{
    QString why;
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), &why);
    if (python.isEmpty())
        GTEST_SKIP() << why.toStdString();
    QTemporaryDir dir;
    for (const core::CertificateData& d : { test::exampleCertificate(), test::fullCertificate() }) {
        const QString path = dir.filePath(QStringLiteral("cert.json"));
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(core::signCertificate(d, test::seededKey('a')).value().envelope());
        f.close();
        const auto r = test::runTool(python,
            { test::toolPath(QStringLiteral("validate_battery_pass.py")), path,
                test::sharedDataPath(QStringLiteral("batterypass")) });
        EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    }
}

TEST(CertificateBatteryPass, ValidatorCatchesAWrongStatusAndAnUnknownName)
{
    QString why;
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), &why);
    if (python.isEmpty())
        GTEST_SKIP() << why.toStdString();
    QJsonObject content = core::certificateToJson(test::exampleCertificate());
    QJsonObject bp = content[QStringLiteral("batteryPass")].toObject();
    QJsonObject general = bp[QStringLiteral("generalProductInformation")].toObject();
    general[QStringLiteral("batteryStatus")] = QStringLiteral("Repurpose");
    bp[QStringLiteral("generalProductInformation")] = general;
    QJsonObject perf = bp[QStringLiteral("performance")].toObject();
    QJsonObject cond = perf[QStringLiteral("batteryCondition")].toObject();
    cond[QStringLiteral("remainingCapacityAh")] = 1.5;
    perf[QStringLiteral("batteryCondition")] = cond;
    bp[QStringLiteral("performance")] = perf;
    content[QStringLiteral("batteryPass")] = bp;
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("bad.json")));
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(content).toJson());
    f.close();
    const auto r = test::runTool(python,
        { test::toolPath(QStringLiteral("validate_battery_pass.py")), f.fileName(),
            test::sharedDataPath(QStringLiteral("batterypass")) });
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains("batteryStatus")) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains("remainingCapacityAh")) << r.out.toStdString();
}
