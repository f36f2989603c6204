// The inventory's detail view and its model on a small real SQLite inventory: the model passes
// QAbstractItemModelTester through filters and sorts; a pack's history, sessions and audit trail
// match the file read by python3's sqlite3; re-grading stores a new grade; the certificate
// preview is drawn by the PDF code and printing through QPrinter gives a PDF that pdftotext reads.
#include "app/gui/certificate_preview.h"
#include "app/gui/inventory_page_model.h"
#include "app/gui/inventory_view.h"
#include "app/gui/pack_detail_view.h"
#include "core/grade_review.h"
#include "gui_fixture.h"

#include <QAbstractItemModelTester>
#include <QPrinter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

namespace {

using namespace pg;
using Model = app::InventoryPageModel;

class SmallInventory : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("small.sqlite"));
        auto inv = core::Inventory::open(QStringLiteral("sqlite:") + m_file);
        ASSERT_TRUE(inv) << inv.error().message.toStdString();
        m_inventory = std::move(*inv);
        auto policy = core::loadDefaultPolicy();
        ASSERT_TRUE(policy);
        m_policy = *policy;
        std::vector<std::pair<core::Assessment, core::GradeResult>> graded;
        for (int i = 0; i < 240; ++i) {
            const core::Assessment a
                = test::modularPack(QStringLiteral("PK-S-%1").arg(i, 4, 10, QLatin1Char('0')),
                    0.55 + 0.4 * (i % 10) / 10.0, i % 9);
            graded.emplace_back(a, *core::gradeAssessment(m_policy, a));
        }
        ASSERT_TRUE(m_inventory->storeGrades(graded, QStringLiteral("bench-1")));
    }

    // Stores a second, later grade and two test sessions for PK-S-0042.
    core::StoredGrade giveHistory()
    {
        const core::Assessment a = test::modularPack(QStringLiteral("PK-S-0042"), 0.82, 3);
        auto stored = m_inventory->storeGrade(a, *core::gradeAssessment(m_policy, a),
            QStringLiteral("bench-2"), QStringLiteral("2099-01-02T10:00:00.000Z"));
        EXPECT_TRUE(stored);
        QSqlQuery q(m_inventory->database());
        for (int s = 0; s < 2; ++s) {
            q.prepare(QStringLiteral(
                "INSERT INTO sessions (id, pack_id, bench, operator_id, started_at, folder) "
                "VALUES (?, ?, 'bench-2', 'a.technician', ?, ?)"));
            q.addBindValue(core::newUuid());
            q.addBindValue(stored->packId);
            q.addBindValue(QStringLiteral("2099-01-0%1T08:00:00.000Z").arg(s + 1));
            q.addBindValue(QStringLiteral("/var/lib/packgrade/sessions/PK-S-0042-%1").arg(s + 1));
            EXPECT_TRUE(q.exec());
        }
        return *stored;
    }

    int rowOf(const Model* m, const QString& serial)
    {
        EXPECT_TRUE(test::waitUntil([m] { return !m->isCounting(); }));
        return static_cast<int>(
            test::loadedRows(m, 0, m->rowCount(), Model::SerialColumn).indexOf(serial));
    }

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<core::Inventory> m_inventory;
    core::GradingPolicy m_policy;
};

TEST_F(SmallInventory, PageModelPassesTheModelTester)
{
    Model model(m_inventory.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(test::waitUntil([&] { return model.isIdle(); }));
    EXPECT_EQ(model.rowCount(), 240);
    model.sort(Model::GradeColumn, Qt::DescendingOrder);
    EXPECT_EQ(test::loadedRows(&model, 0, 240, Model::SerialColumn),
        test::pythonSql(m_file,
            QStringLiteral("SELECT serial FROM packs ORDER BY last_grade DESC, serial DESC")));
    core::SearchQuery q;
    q.grade = QStringLiteral("recycle");
    model.setFilter(q);
    ASSERT_TRUE(test::waitUntil([&] { return model.isIdle(); }));
    EXPECT_EQ(QStringList { QString::number(model.rowCount()) },
        test::pythonSql(
            m_file, QStringLiteral("SELECT COUNT(*) FROM packs WHERE last_grade = 'recycle'")));
    model.sort(Model::ChemistryColumn, Qt::AscendingOrder); // no index: order kept, no error
    EXPECT_TRUE(model.lastError().isEmpty());
}

TEST_F(SmallInventory, DetailShowsHistorySessionsAndAudit)
{
    const core::StoredGrade latest = giveHistory();
    const QString grade = m_inventory->packBySerial(QStringLiteral("PK-S-0042"))->value().lastGrade;
    ASSERT_TRUE(core::approveGrade(*m_inventory, latest, grade, QStringLiteral("b.grader")));
    app::InventoryView view(m_inventory.get());
    view.resize(1280, 800);
    view.show();
    view.detail()->setPolicy(m_policy);
    view.detail()->setUser(QStringLiteral("b.grader"));
    const int row = rowOf(view.model(), QStringLiteral("PK-S-0042"));
    ASSERT_GE(row, 0);
    view.table()->selectRow(row);
    const app::PackDetailView* d = view.detail();
    ASSERT_TRUE(test::waitUntil(
        [d] { return d->pack().serial == QLatin1String("PK-S-0042") && !d->historyLoading(); }));
    const QString pack = QStringLiteral("(SELECT id FROM packs WHERE serial = 'PK-S-0042')");
    EXPECT_EQ(QStringList { QString::number(d->gradesTable()->rowCount()) },
        test::pythonSql(
            m_file, QStringLiteral("SELECT COUNT(*) FROM grades WHERE pack_id = ") + pack));
    EXPECT_EQ(d->gradesTable()->rowCount(), 2);
    EXPECT_EQ(d->sessionsTable()->rowCount(), 2);
    EXPECT_EQ(d->sessionsTable()->item(1, 3)->text(),
        QStringLiteral("/var/lib/packgrade/sessions/PK-S-0042-2"));
    const QStringList actions = test::pythonSql(m_file,
        QStringLiteral("SELECT action FROM audit_log WHERE entity_id = '%1' ORDER BY at, id")
            .arg(latest.gradeId));
    ASSERT_EQ(d->auditTable()->rowCount(), actions.size());
    QStringList shownActions;
    for (int r = 0; r < d->auditTable()->rowCount(); ++r)
        shownActions << d->auditTable()->item(r, 2)->text();
    EXPECT_EQ(shownActions, actions); // same order: by time (entries in one ms may swap)
    EXPECT_TRUE(actions.contains(QStringLiteral("grade.approve")));
    EXPECT_TRUE(actions.contains(QStringLiteral("grade.store")));
    // The pack line names what the inventory knows and leaves out what it does not (it read
    // "VIN  · part  ·" for a pack without them).
    const QStringList known = test::pythonSql(m_file,
        QStringLiteral("SELECT COALESCE(vin, '') || '|' || COALESCE(part_number, '') FROM packs "
                       "WHERE serial = 'PK-S-0042'"));
    ASSERT_EQ(known.size(), 1);
    const QString vin = known.first().section(QLatin1Char('|'), 0, 0);
    const QString part = known.first().section(QLatin1Char('|'), 1);
    const QString header = d->headerText();
    EXPECT_TRUE(header.contains(QStringLiteral("PK-S-0042")));
    EXPECT_EQ(header.contains(QStringLiteral("VIN ")), !vin.isEmpty()) << header.toStdString();
    EXPECT_EQ(header.contains(QStringLiteral("part ")), !part.isEmpty()) << header.toStdString();
    if (!vin.isEmpty()) {
        EXPECT_TRUE(header.contains(QStringLiteral("VIN ") + vin)) << header.toStdString();
    }
    EXPECT_FALSE(header.contains(QStringLiteral("·  ·"))) << header.toStdString();
    test::screenshot(view, QStringLiteral("inventory-detail"));
}

TEST_F(SmallInventory, RegradeStoresANewGrade)
{
    app::PackDetailView detail(m_inventory.get());
    detail.setPolicy(m_policy);
    detail.setUser(QStringLiteral("b.grader"));
    auto pack = m_inventory->packBySerial(QStringLiteral("PK-S-0007"));
    ASSERT_TRUE(pack && pack->has_value());
    detail.showPack(**pack);
    ASSERT_TRUE(test::waitUntil([&] { return !detail.historyLoading(); }));
    EXPECT_EQ(detail.gradesTable()->rowCount(), 1);
    auto r = detail.regrade();
    ASSERT_TRUE(r) << r.error().message.toStdString();
    ASSERT_TRUE(test::waitUntil([&] { return !detail.historyLoading(); }));
    EXPECT_EQ(detail.gradesTable()->rowCount(), 2);
    const QStringList rows = test::pythonSql(m_file,
        QStringLiteral(
            "SELECT g.grade, a.actor FROM grades g JOIN audit_log a ON a.entity_id = g.id "
            "WHERE g.pack_id = '%1' ORDER BY g.graded_at DESC LIMIT 1")
            .arg((*pack)->id));
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.first(), r->grade.grade + QStringLiteral("|b.grader"));
}

TEST_F(SmallInventory, CertificatePreviewAndPrintToPdf)
{
    if (!test::haveProgram(QStringLiteral("pdftotext")))
        GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    app::PackDetailView detail(m_inventory.get());
    detail.resize(900, 1000);
    detail.setPolicy(m_policy);
    detail.setUser(QStringLiteral("b.grader"));
    core::IssueContext context;
    context.siteName = QStringLiteral("Test site");
    context.benchId = QStringLiteral("bench-1");
    context.softwareVersion = QStringLiteral("0.1.0-test");
    detail.setSigning(core::SiteKey::fromSeed(QByteArray(32, '\x05')), context);
    // A pack that the policy sends to reuse (SoH 0.91, no weak module).
    auto pack = m_inventory->packBySerial(QStringLiteral("PK-S-0009"));
    ASSERT_TRUE(pack && pack->has_value());
    ASSERT_EQ((*pack)->lastGrade, QStringLiteral("reuse"));
    detail.showPack(**pack);
    ASSERT_TRUE(test::waitUntil([&] { return !detail.historyLoading(); }));
    // The button's way: read, signed and drawn on the reader thread.
    QSignalSpy shown(&detail, &app::PackDetailView::certificateShown);
    ASSERT_TRUE(detail.certificateButton()->isEnabled());
    detail.certificateButton()->click();
    EXPECT_TRUE(detail.certificateLoading());
    ASSERT_TRUE(test::waitUntil([&] { return !shown.isEmpty(); }));
    ASSERT_TRUE(shown.at(0).at(0).toBool());
    const QImage image = detail.preview()->image();
    // The same pages as the GUI thread's own drawing of the same certificate.
    auto ok = detail.previewCertificate();
    ASSERT_TRUE(ok) << ok.error().message.toStdString();
    EXPECT_EQ(image.size(), detail.preview()->image().size());
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), qRound(210.0 * 4.0)) << "A4 at 4 dots/mm";
    // Not blank: the drawing put dark pixels on the page.
    int dark = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            dark += qGray(image.pixel(x, y)) < 100 ? 1 : 0;
    EXPECT_GT(dark, 500);
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString pdf = m_dir.filePath(QStringLiteral("printed.pdf"));
    printer.setOutputFileName(pdf);
    ASSERT_TRUE(detail.preview()->print(printer));
    const test::ToolResult text
        = test::runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains("PK-S-0009")) << text.out.left(400).toStdString();
    EXPECT_TRUE(text.out.toLower().contains("reuse"));
    test::screenshot(detail, QStringLiteral("certificate-preview"));
}

// A pack needing a retest gets no certificate: the preview says so and shows nothing.
TEST_F(SmallInventory, NoCertificateForRetest)
{
    app::PackDetailView detail(m_inventory.get());
    detail.setPolicy(m_policy);
    detail.setSigning(core::SiteKey::fromSeed(QByteArray(32, '\x05')), {});
    QStringList retest = test::pythonSql(
        m_file, QStringLiteral("SELECT serial FROM packs WHERE last_grade = 'retest' LIMIT 1"));
    if (retest.isEmpty())
        GTEST_SKIP() << "the policy graded no pack of this set as retest";
    auto pack = m_inventory->packBySerial(retest.first());
    ASSERT_TRUE(pack && pack->has_value());
    detail.showPack(**pack);
    ASSERT_TRUE(test::waitUntil([&] { return !detail.historyLoading(); }));
    auto ok = detail.previewCertificate();
    ASSERT_FALSE(ok);
    EXPECT_TRUE(ok.error().message.contains(retest.first()));
    EXPECT_TRUE(ok.error().message.contains(QStringLiteral("retest")));
    EXPECT_FALSE(detail.preview()->hasCertificate());
    // The reader thread's way says the same.
    QSignalSpy shown(&detail, &app::PackDetailView::certificateShown);
    detail.requestCertificate();
    ASSERT_TRUE(test::waitUntil([&] { return !shown.isEmpty(); }));
    EXPECT_FALSE(shown.at(0).at(0).toBool());
    EXPECT_FALSE(detail.preview()->hasCertificate());
}

} // namespace
