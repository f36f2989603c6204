// `packgrade-cli export`: the JSON file validated against docs/export.schema.json by Python's
// jsonschema, the CSV read back by Python's csv module, both compared with the stored truth.
#include "core/certificate_fixture.h"
#include "core/export_fixture.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace pg;
using pg::test::ExportInventory;
using pg::test::PackTruth;

namespace {

QString schemaPath()
{
    return QStringLiteral(PACKGRADE_SOURCE_DIR "/docs/export.schema.json");
}

QString validator()
{
    return test::toolPath(QStringLiteral("validate_export.py"));
}

class ExportFile : public ExportInventory {
protected:
    void SetUp() override
    {
        ExportInventory::SetUp();
        // A VIN with a comma, quotes and non-ASCII text: what breaks naive CSV writers.
        const PackTruth packs[] = {
            { QStringLiteral("A-001"), QStringLiteral("WVW,\"ZZZ\" Ünïcødé"), 0.91, 0.004,
                QStringLiteral("2026-03-01T08:00:00.000Z") },
            { QStringLiteral("A-002"), QStringLiteral("JN1AZ0CP5BT000001"), 0.72, 0.004,
                QStringLiteral("2026-05-31T23:59:59.999Z") },
            { QStringLiteral("A-003"), QString(), 0.45, 0.004,
                QStringLiteral("2026-06-01T00:00:00.000Z") },
            { QStringLiteral("A-004"), QStringLiteral("=HYPERLINK(1)"), 0.80, 0.02,
                QStringLiteral("2026-09-15T12:00:00.000Z") },
        };
        for (const PackTruth& t : packs)
            m_grades << store(t);
        m_certified = certify(m_grades[0]);
    }

    test::ToolResult exportTo(
        const QString& format, const QString& path, const QStringList& extra = {})
    {
        return cli(QStringList { QStringLiteral("export"), QStringLiteral("--format"), format,
                       QStringLiteral("--out"), path, QStringLiteral("--db"), m_url,
                       QStringLiteral("--json") }
            + extra);
    }

    QStringList m_grades;
    QString m_certified;
};

} // namespace

TEST_F(ExportFile, JsonValidatesAgainstThePublishedSchema)
{
    QString why;
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), &why);
    if (python.isEmpty())
        GTEST_SKIP() << why.toStdString();
    const QString path = m_dir.filePath(QStringLiteral("e.json"));
    const auto r = exportTo(QStringLiteral("json"), path);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(test::jsonOf(r)[QStringLiteral("count")].toInt(), 4);
    const auto valid
        = test::runTool(python, { validator(), QStringLiteral("json"), schemaPath(), path });
    EXPECT_EQ(valid.exitCode, 0) << valid.err.toStdString();

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonArray records
        = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("records")].toArray();
    ASSERT_EQ(records.size(), 4);
    for (const QJsonValue& v : records) {
        const QJsonObject rec = v.toObject();
        const PackTruth& t = m_truth.at(rec[QStringLiteral("serial_number")].toString());
        EXPECT_DOUBLE_EQ(rec[QStringLiteral("soh_capacity")].toDouble(), t.soh);
        EXPECT_NEAR(
            rec[QStringLiteral("soh_capacity_low")].toDouble(), t.soh - 1.96 * t.sohStderr, 1e-12);
        EXPECT_NEAR(rec[QStringLiteral("remaining_capacity_ah")].toDouble(), t.soh * 60.0, 1e-9);
        EXPECT_EQ(rec[QStringLiteral("vin")].toString(), t.vin);
        EXPECT_EQ(
            rec[QStringLiteral("graded_at")].toString(), t.gradedAt.left(19) + QLatin1Char('Z'));
        const bool certified = t.serial == QLatin1String("A-001");
        EXPECT_EQ(
            rec[QStringLiteral("certificate_id")].toString(), certified ? m_certified : QString());
    }

    // The schema check itself can fail: a record without its serial is caught.
    QJsonObject doc = QJsonDocument::fromJson([&] {
        file.seek(0);
        return file.readAll();
    }())
                          .object();
    QJsonArray broken = doc[QStringLiteral("records")].toArray();
    QJsonObject first = broken[0].toObject();
    first.remove(QStringLiteral("serial_number"));
    first[QStringLiteral("grade")] = QStringLiteral("excellent");
    broken[0] = first;
    doc[QStringLiteral("records")] = broken;
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile out(bad);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(doc).toJson());
    out.close();
    const auto invalid
        = test::runTool(python, { validator(), QStringLiteral("json"), schemaPath(), bad });
    EXPECT_EQ(invalid.exitCode, 1);
    EXPECT_TRUE(invalid.err.contains("serial_number")) << invalid.err.toStdString();
    EXPECT_TRUE(invalid.err.contains("excellent")) << invalid.err.toStdString();
}

TEST_F(ExportFile, CsvReadsBackWithPythonsCsvModule)
{
    const QString path = m_dir.filePath(QStringLiteral("e.csv"));
    const auto r = exportTo(QStringLiteral("csv"), path);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const auto read = test::runTool(
        QStringLiteral("/usr/bin/python3"), { validator(), QStringLiteral("csv"), path });
    ASSERT_EQ(read.exitCode, 0) << read.err.toStdString();
    const QJsonArray rows = QJsonDocument::fromJson(read.out).array();
    ASSERT_EQ(rows.size(), 4) << read.out.toStdString();
    const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        const PackTruth& t = m_truth.at(row[QStringLiteral("serial_number")].toString());
        const QString vin = row[QStringLiteral("vin")].toString();
        // Text a spreadsheet would run as a formula is defused with a leading apostrophe.
        EXPECT_EQ(vin, t.vin.startsWith(QLatin1Char('=')) ? QLatin1Char('\'') + t.vin : t.vin);
        EXPECT_DOUBLE_EQ(row[QStringLiteral("soh_capacity")].toString().toDouble(), t.soh);
        EXPECT_DOUBLE_EQ(row[QStringLiteral("nominal_capacity_ah")].toString().toDouble(), 60.0);
        EXPECT_TRUE(iso.match(row[QStringLiteral("graded_at")].toString()).hasMatch());
        EXPECT_EQ(
            row[QStringLiteral("battery_status")].toString().isEmpty(), t.soh == 0.80); // retest
    }
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBF"
                                 "certificate_id,"));
    EXPECT_EQ(bytes.count("\r\n"), 5); // header + 4 records, RFC 4180 line ends
}

TEST_F(ExportFile, SinceKeepsPacksGradedFromThatDay)
{
    const QString path = m_dir.filePath(QStringLiteral("s.json"));
    const auto r = exportTo(
        QStringLiteral("json"), path, { QStringLiteral("--since"), QStringLiteral("2026-06-01") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(test::jsonOf(r)[QStringLiteral("count")].toInt(), 2); // A-003 (midnight) and A-004
    const auto late = exportTo(QStringLiteral("csv"), path,
        { QStringLiteral("--since"), QStringLiteral("2026-06-01T00:00:00.001Z") });
    EXPECT_EQ(test::jsonOf(late)[QStringLiteral("count")].toInt(), 1);
}

TEST_F(ExportFile, BadInputIsNamed)
{
    const auto since = exportTo(QStringLiteral("json"), m_dir.filePath(QStringLiteral("x.json")),
        { QStringLiteral("--since"), QStringLiteral("last tuesday") });
    EXPECT_EQ(since.exitCode, 2);
    EXPECT_TRUE(since.err.contains("--since 'last tuesday'")) << since.err.toStdString();
    const QString nowhere = m_dir.filePath(QStringLiteral("missing/dir/x.json"));
    const auto write = exportTo(QStringLiteral("json"), nowhere);
    EXPECT_EQ(write.exitCode, 1);
    EXPECT_TRUE(write.err.contains(nowhere.toUtf8())) << write.err.toStdString();
    const auto format = exportTo(QStringLiteral("xlsx"), m_dir.filePath(QStringLiteral("x.xlsx")));
    EXPECT_EQ(format.exitCode, 2);
}
