// The result screen driven for real (offscreen) against a real SQLite inventory. Expected values
// come from the policy file read here with QJsonDocument, from the assessment the test built, from
// NASA's B0005 capacity file, from SQL run by python3's sqlite3 module and from poppler's
// pdftotext and the packgrade-cli verifier run as separate processes.
#include "app/gui/fade_plot.h"
#include "app/gui/result_tables.h"
#include "app/gui/result_view.h"
#include "gui_fixture.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

namespace {

using namespace pg;

QJsonObject policyJson()
{
    QFile f(QStringLiteral(RESOURCES_DIR "/policies/default.json"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(f.readAll()).object();
}

double policyValue(
    const QJsonObject& policy, const char* chemistry, const char* app, const char* key)
{
    return policy[QStringLiteral("chemistries")][QLatin1String(chemistry)][QLatin1String(app)]
                 [QLatin1String(key)][QStringLiteral("value")]
                     .toDouble();
}

int findRow(QTableWidget* t, const QString& application, const QString& rule)
{
    for (int r = 0; r < t->rowCount(); ++r) {
        if (t->item(r, app::RuleName)->text() == rule
            && t->item(r, app::RuleApplication)->text() == application)
            return r;
    }
    return -1;
}

class ResultViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("inventory.sqlite"));
        auto inv = core::Inventory::open(QStringLiteral("sqlite:") + m_file);
        ASSERT_TRUE(inv) << inv.error().message.toStdString();
        m_inventory = std::move(*inv);
        auto policy = core::loadDefaultPolicy();
        ASSERT_TRUE(policy);
        m_assessment = test::modularPack(QStringLiteral("PK-RV-000317"), 0.84, 3);
        auto grade = core::gradeAssessment(*policy, m_assessment);
        ASSERT_TRUE(grade);
        m_grade = *grade;
        auto stored = m_inventory->storeGrade(m_assessment, m_grade, QStringLiteral("bench-1"));
        ASSERT_TRUE(stored);
        m_stored = *stored;
        m_view = std::make_unique<app::ResultView>(m_inventory.get());
        m_view->resize(1280, 860);
        m_view->setResult(m_assessment, m_grade, m_stored);
        m_view->setUser(QStringLiteral("b.grader"));
    }

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<core::Inventory> m_inventory;
    core::Assessment m_assessment;
    core::GradeResult m_grade;
    core::StoredGrade m_stored;
    std::unique_ptr<app::ResultView> m_view;
};

TEST_F(ResultViewTest, RulesShowPolicyThresholdsAndConservativeMargins)
{
    const QJsonObject policy = policyJson();
    const double z = policy[QStringLiteral("interval_z")][QStringLiteral("value")].toDouble();
    const double threshold = policyValue(policy, "nmc", "ev_reuse", "soh_capacity_min");
    QTableWidget* rules = m_view->rulesTable();
    EXPECT_EQ(rules->rowCount(), static_cast<int>(m_grade.rules.size()));
    const int row = findRow(rules, QStringLiteral("EV reuse"), QStringLiteral("soh_capacity_min"));
    ASSERT_GE(row, 0);
    const double lower = 0.84 - z * 0.006; // the conservative end of the measured interval
    EXPECT_EQ(rules->item(row, app::RuleThreshold)->text(),
        QStringLiteral("≥ %1 %").arg(threshold * 100.0, 0, 'f', 1));
    EXPECT_EQ(rules->item(row, app::RuleMeasured)->text(),
        QStringLiteral("%1 %").arg(lower * 100.0, 0, 'f', 1));
    EXPECT_EQ(rules->item(row, app::RuleMargin)->text(),
        QStringLiteral("%1 %").arg((lower - threshold) * 100.0, 0, 'f', 1));
    const double spreadMax = policyValue(policy, "nmc", "ev_reuse", "cell_voltage_spread_max_v");
    const int spreadRow
        = findRow(rules, QStringLiteral("EV reuse"), QStringLiteral("cell_voltage_spread_max_v"));
    ASSERT_GE(spreadRow, 0);
    EXPECT_EQ(rules->item(spreadRow, app::RuleThreshold)->text(),
        QStringLiteral("≤ %1 mV").arg(spreadMax * 1000.0, 0, 'f', 1));
}

TEST_F(ResultViewTest, GradeInLargeColouredTypeAndWeakModuleMarked)
{
    QLabel* grade = m_view->gradeLabel();
    EXPECT_EQ(grade->text(), m_grade.grade.toUpper());
    EXPECT_GT(grade->font().pointSizeF(), 2.0 * m_view->font().pointSizeF());
    QTableWidget* modules = m_view->modulesTable();
    ASSERT_EQ(modules->rowCount(), 8);
    for (int r = 0; r < 8; ++r) {
        const bool marked = !modules->item(r, app::ModuleNote)->text().isEmpty();
        EXPECT_EQ(marked, r == 2) << "module " << r + 1 << ": only module 3 was built weak";
    }
    // The projection as a grader sees it: NASA B0005's first 100 cycles stand in for the pack's
    // capacity history (the inventory keeps no per-pack cycle history yet).
    const test::CapacityHistory h = test::nasaB0005(100);
    models::FadeOptions options;
    options.nominalAh = 2.0;
    options.bootstrapSamples = 40;
    auto fade = models::fitFade(h.cycle, h.capacityAh, options, "B0005");
    ASSERT_TRUE(fade);
    m_view->setFade(h.cycle, h.capacityAh, *fade);
    test::screenshot(*m_view, QStringLiteral("result-view"));
}

TEST_F(ResultViewTest, OverrideNeedsReasonAndIsStoredInTheAuditLog)
{
    m_view->overrideCombo()->setCurrentIndex(
        m_view->overrideCombo()->findData(QStringLiteral("recycle")));
    EXPECT_FALSE(m_view->overrideButton()->isEnabled());
    EXPECT_FALSE(m_view->overrideTo(QStringLiteral("recycle"), QStringLiteral("  ")));
    EXPECT_EQ(test::pythonSql(m_file,
                  QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'grade.o%'")),
        QStringList { QStringLiteral("0") });
    const QString before = core::utcNow();
    const QString reason = QStringLiteral("electrolyte smell at module 3 during inspection");
    m_view->reasonEdit()->setText(reason);
    ASSERT_TRUE(m_view->overrideButton()->isEnabled());
    m_view->overrideButton()->click();
    EXPECT_EQ(m_view->finalGrade(), QStringLiteral("recycle"));
    const QStringList audit = test::pythonSql(m_file,
        QStringLiteral("SELECT actor, entity_id, json_extract(detail,'$.reason'), "
                       "json_extract(detail,'$.to'), at "
                       "FROM audit_log WHERE action = 'grade.override'"));
    ASSERT_EQ(audit.size(), 1);
    const QStringList cells = audit.first().split(QLatin1Char('|'));
    EXPECT_EQ(cells[0], QStringLiteral("b.grader"));
    EXPECT_EQ(cells[1], m_stored.gradeId);
    EXPECT_EQ(cells[2], reason);
    EXPECT_EQ(cells[3], QStringLiteral("recycle"));
    EXPECT_GE(cells[4], before);
    EXPECT_EQ(test::pythonSql(m_file,
                  QStringLiteral("SELECT last_grade FROM packs WHERE serial = 'PK-RV-000317'")),
        QStringList { QStringLiteral("recycle") });
    // The policy's grade row stays as the policy made it.
    EXPECT_EQ(test::pythonSql(m_file, QStringLiteral("SELECT grade FROM grades")),
        QStringList { m_grade.grade });
}

TEST_F(ResultViewTest, SignWritesACertificateThatVerifies)
{
    if (!test::haveProgram(QStringLiteral("pdftotext")))
        GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    EXPECT_FALSE(m_view->signButton()->isEnabled()) << "signing needs a review and a key first";
    core::IssueContext context;
    context.siteName = QStringLiteral("Test site");
    context.benchId = QStringLiteral("bench-1");
    context.operatorName = QStringLiteral("a.technician");
    context.softwareVersion = QStringLiteral("0.1.0-test");
    m_view->setSigning(core::SiteKey::fromSeed(QByteArray(32, '\x07')), context, m_dir.path());
    ASSERT_TRUE(m_view->approve());
    ASSERT_TRUE(m_view->signButton()->isEnabled());
    QString pdf;
    QObject::connect(
        m_view.get(), &app::ResultView::certificateSigned, [&](const QString& p) { pdf = p; });
    m_view->signButton()->click();
    ASSERT_TRUE(QFile::exists(pdf)) << m_view->statusLabel()->text().toStdString();
    const test::ToolResult text
        = test::runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
    EXPECT_TRUE(text.out.contains("PK-RV-000317"));
    // Trust exactly the key that signed (its public key file), and no site key of this machine.
    const core::SiteKey key = core::SiteKey::fromSeed(QByteArray(32, '\x07'));
    const QString pub = m_dir.filePath(QStringLiteral("bench.pub"));
    QFile pubFile(pub);
    ASSERT_TRUE(pubFile.open(QIODevice::WriteOnly));
    pubFile.write(core::publicKeyFileText(key.publicKey()));
    pubFile.close();
    const test::ToolResult verify
        = test::runTool(test::binPath(QStringLiteral("cli/packgrade-cli")),
            { QStringLiteral("verify"), pdf, QStringLiteral("--json"), QStringLiteral("--trust"),
                pub, QStringLiteral("--key-dir"), m_dir.filePath(QStringLiteral("no-keys")) });
    EXPECT_EQ(verify.exitCode, 0) << verify.err.toStdString();
    const QJsonObject v = QJsonDocument::fromJson(verify.out).object();
    EXPECT_TRUE(v[QStringLiteral("valid")].toBool()) << verify.out.toStdString();
    EXPECT_TRUE(v[QStringLiteral("trusted_key")].toBool()) << verify.out.toStdString();
    const QStringList rows = test::pythonSql(m_file,
        QStringLiteral(
            "SELECT c.id, a.actor FROM certificates c JOIN audit_log a ON a.action = "
            "'certificate.sign' "
            "AND json_extract(a.detail,'$.certificate_id') = c.id WHERE c.grade_id = '%1'")
            .arg(m_stored.gradeId));
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(
        rows.first(), v[QStringLiteral("certificate_id")].toString() + QStringLiteral("|b.grader"));
    EXPECT_FALSE(m_view->signButton()->isEnabled()) << "one certificate per review";
}

TEST(FadePlot, DrawsNasaHistoryFitAndBand)
{
    const test::CapacityHistory h = test::nasaB0005(100);
    ASSERT_EQ(h.cycle.size(), 100U);
    models::FadeOptions options;
    options.nominalAh = 2.0; // NASA: 2.0 Ah nominal 18650
    options.bootstrapSamples = 40;
    auto fade = models::fitFade(h.cycle, h.capacityAh, options, "B0005");
    ASSERT_TRUE(fade);
    app::FadePlot plot;
    plot.resize(640, 360);
    plot.setFade(h.cycle, h.capacityAh, *fade);
    auto measured = plot.measuredGraph()->data();
    ASSERT_EQ(measured->size(), 100);
    for (int i = 0; i < 100; ++i) {
        EXPECT_DOUBLE_EQ(measured->at(i)->key, h.cycle[static_cast<std::size_t>(i)]);
        EXPECT_NEAR(measured->at(i)->value, 50.0 * h.capacityAh[static_cast<std::size_t>(i)], 1e-9);
    }
    auto fitted = plot.fittedGraph()->data();
    auto lo = plot.bandLowGraph()->data();
    auto hi = plot.bandHighGraph()->data();
    ASSERT_EQ(lo->size(), fitted->size());
    for (int i = 0; i < fitted->size(); ++i) {
        EXPECT_LE(lo->at(i)->value, fitted->at(i)->value + 1e-9);
        EXPECT_GE(hi->at(i)->value, fitted->at(i)->value - 1e-9);
    }
    EXPECT_EQ(plot.itemCount(), 6) << "80/70/60 % lines and their labels";
}

} // namespace
