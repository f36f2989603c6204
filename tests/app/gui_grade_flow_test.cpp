// Issue 10's done-means, through the whole window: connect to the simulator, run the quick plan,
// see the grade on the Result screen, find the pack in the Inventory screen, open its certificate.
// Truth the GUI did not produce: `packgrade-cli grade --session` run as a separate process on the
// same folder, the inventory read with python3's sqlite3, the PDF read by pdftotext and checked by
// `packgrade-cli verify`.
#include "app/gui/app_settings.h"
#include "app/gui/bench_controller.h"
#include "app/gui/certificate_preview.h"
#include "app/gui/grade_text.h"
#include "app/gui/grading_screens.h"
#include "app/gui/inventory_page_model.h"
#include "app/gui/inventory_view.h"
#include "app/gui/main_window.h"
#include "app/gui/pack_detail_view.h"
#include "app/gui/result_view.h"
#include "app/gui/run_page.h"
#include "app/gui/session_recovery.h"
#include "core/session_recorder.h"
#include "gui_fixture.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>

using pg::app::MainWindow;

namespace {

class GuiGradeFlow : public ::testing::Test {
protected:
    void SetUp() override
    {
        QStandardPaths::setTestModeEnabled(true);
        ASSERT_TRUE(m_dir.isValid());
        m_window = std::make_unique<MainWindow>();
        m_settings = pg::app::AppSettings::load();
        m_settings.databaseUrl = QStringLiteral("sqlite:") + dbFile();
        m_settings.keyDir = m_dir.filePath(QStringLiteral("keys"));
        m_settings.currentUser = QStringLiteral("b.grader");
        m_settings.siteName = QStringLiteral("Test site");
        m_settings.benchName = QStringLiteral("bench-7");
        auto opened = m_window->grading().open(m_settings);
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        m_window->bench().setSessionRoot(m_dir.filePath(QStringLiteral("sessions")));
        m_window->bench().setSampleIntervalMs(0);
        m_window->resize(1280, 800);
        m_window->show();
    }
    void TearDown() override
    {
        m_window.reset();
        QStandardPaths::setTestModeEnabled(false);
    }
    QString dbFile() const { return m_dir.filePath(QStringLiteral("inventory.sqlite")); }
    // `packgrade-cli certificate SERIAL` on inventory file `db`, issued as this window's user at
    // its site and bench; the signed content of the JSON it writes.
    QJsonObject cliCertificate(const QString& db, const QString& serial, const char* name)
    {
        const QString json = m_dir.filePath(QLatin1String(name) + QStringLiteral(".json"));
        const pg::test::ToolResult r
            = pg::test::runTool(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
                { QStringLiteral("certificate"), serial, QStringLiteral("--db"),
                    QStringLiteral("sqlite:") + db, QStringLiteral("--out"),
                    m_dir.filePath(QLatin1String(name) + QStringLiteral(".pdf")),
                    QStringLiteral("--json-out"), json, QStringLiteral("--key-dir"),
                    m_settings.keyDir, QStringLiteral("--site"), m_settings.siteName,
                    QStringLiteral("--bench"), m_settings.benchName, QStringLiteral("--operator"),
                    m_settings.currentUser, QStringLiteral("--grader"), m_settings.currentUser,
                    QStringLiteral("--json") });
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        QFile f(json);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << json.toStdString();
        return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("certificate")).toObject();
    }
    QJsonObject cliGrade(const QString& dir)
    {
        const pg::test::ToolResult r
            = pg::test::runTool(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
                { QStringLiteral("grade"), QStringLiteral("--session"), dir,
                    QStringLiteral("--no-store"), QStringLiteral("--json") });
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out).object();
    }

    QTemporaryDir m_dir;
    pg::app::AppSettings m_settings;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(GuiGradeFlow, QuickPlanIsGradedShownStoredAndCertified)
{
    ASSERT_TRUE(
        m_window->bench().startSimulator(QStringLiteral(":/sim/stationary-16s-healthy.json"), 100));
    QSignalSpy graded(&m_window->bench(), &pg::app::BenchController::runGraded);
    QSignalSpy finished(&m_window->bench(), &pg::app::BenchController::runFinished);
    m_window->showScreen(MainWindow::Screen::Run);
    m_window->runPage()->selectPlan(QStringLiteral("quick"));
    m_window->runPage()->findChild<QPushButton*>(QStringLiteral("startRun"))->click();
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_EQ(finished.at(0).at(0).toString(), QStringLiteral("completed"));
    ASSERT_EQ(graded.size(), 1);
    const auto run = graded.at(0).at(0).value<pg::app::GradedRun>();
    ASSERT_TRUE(run.graded) << run.error.toStdString();
    EXPECT_TRUE(run.error.isEmpty()) << run.error.toStdString();

    // The Result screen shows the grade the CLI gives the same folder.
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::Result);
    pg::app::ResultView* result = m_window->grading().resultView();
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(m_window->screenWidget(MainWindow::Screen::Result), result);
    const QJsonObject cli = cliGrade(run.sessionDir);
    const QString cliGradeName = cli.value(QStringLiteral("grade")).toString();
    ASSERT_FALSE(cliGradeName.isEmpty());
    EXPECT_EQ(result->finalGrade(), cliGradeName);
    EXPECT_EQ(result->gradeLabel()->text(), pg::app::gradeTitle(cliGradeName));
    EXPECT_EQ(cli.value(QStringLiteral("pack_serial")).toString(),
        run.graded->session.assessment.packSerial);
    EXPECT_EQ(
        result->rulesTable()->rowCount(), cli.value(QStringLiteral("rules")).toArray().size());

    // The inventory holds it (python's sqlite3), and the Inventory screen finds it.
    const QString serial = cli.value(QStringLiteral("pack_serial")).toString();
    const QStringList rows = pg::test::pythonSql(dbFile(),
        QStringLiteral(
            "SELECT p.serial, p.last_grade, g.id FROM packs p JOIN grades g ON g.pack_id = p.id"));
    ASSERT_EQ(rows.size(), 1);
    const QStringList sql = rows.first().split(QLatin1Char('|'));
    EXPECT_EQ(sql.value(0), serial);
    EXPECT_EQ(sql.value(1), cliGradeName);
    EXPECT_EQ(sql.value(2), run.graded->stored->gradeId);
    m_window->showScreen(MainWindow::Screen::Inventory);
    pg::app::InventoryView* inventory = m_window->grading().inventoryView();
    ASSERT_NE(inventory, nullptr);
    EXPECT_EQ(m_window->screenWidget(MainWindow::Screen::Inventory), inventory);
    inventory->searchEdit()->setText(serial.left(8));
    inventory->applySearch();
    auto* model = inventory->model();
    ASSERT_TRUE(pg::test::waitUntil([model] { return model->isIdle(); }));
    ASSERT_EQ(inventory->model()->rowCount(), 1);
    EXPECT_EQ(pg::test::loadedRows(model, 0, 1, pg::app::InventoryPageModel::SerialColumn),
        QStringList { serial });
    inventory->openRow(0);
    ASSERT_TRUE(pg::test::waitUntil([inventory] {
        return !inventory->detail()->historyLoading()
            && !inventory->detail()->pack().serial.isEmpty();
    }));
    EXPECT_EQ(inventory->detail()->gradesTable()->rowCount(), 1);

    // The quick plan measures neither capacity nor resistance: the CLI grades the pack retest, and
    // a retest has no certificate, so the detail view refuses to draw one.
    ASSERT_EQ(cliGradeName, QStringLiteral("retest")) << "the quick plan measures no capacity";
    EXPECT_FALSE(inventory->detail()->previewCertificate());
    EXPECT_FALSE(inventory->detail()->preview()->hasCertificate());

    // The grader overrides on the Result screen (a reason is required) and signs: a PDF that
    // pdftotext reads and `packgrade-cli verify` calls valid.
    if (!pg::test::haveProgram(QStringLiteral("pdftotext")))
        GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    m_window->showScreen(MainWindow::Screen::Result);
    result->overrideCombo()->setCurrentIndex(
        result->overrideCombo()->findData(QStringLiteral("recycle")));
    const QString reason = QStringLiteral("owner asked for recycling; no full test wanted");
    result->reasonEdit()->setText(reason);
    ASSERT_TRUE(result->overrideButton()->isEnabled());
    result->overrideButton()->click();
    ASSERT_EQ(result->finalGrade(), QStringLiteral("recycle"))
        << result->statusLabel()->text().toStdString();
    // The inventory as it is now (graded, reviewed, not signed), copied by SQLite itself: the CLI
    // issues its own certificate of the same graded pack from the copy below.
    const QString copy = m_dir.filePath(QStringLiteral("inventory-copy.sqlite"));
    pg::test::pythonSql(dbFile(), QStringLiteral("VACUUM INTO '%1'").arg(copy));
    ASSERT_TRUE(QFile::exists(copy));
    QString pdf;
    QObject::connect(
        result, &pg::app::ResultView::certificateSigned, [&](const QString& p) { pdf = p; });
    ASSERT_TRUE(result->signButton()->isEnabled());
    result->signButton()->click();
    ASSERT_TRUE(QFile::exists(pdf)) << result->statusLabel()->text().toStdString();
    const pg::test::ToolResult text
        = pg::test::runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
    EXPECT_TRUE(text.out.contains(serial.toUtf8()));
    const QString pub = QDir(m_settings.keyDir).filePath(QStringLiteral("site-ed25519.pub"));
    const pg::test::ToolResult verify
        = pg::test::runTool(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
            { QStringLiteral("verify"), pdf, QStringLiteral("--json"), QStringLiteral("--trust"),
                pub, QStringLiteral("--key-dir"), m_dir.filePath(QStringLiteral("no-keys")) });
    EXPECT_EQ(verify.exitCode, 0) << verify.err.toStdString();
    const QJsonObject v = QJsonDocument::fromJson(verify.out).object();
    EXPECT_TRUE(v.value(QStringLiteral("valid")).toBool()) << verify.out.toStdString();
    EXPECT_EQ(pg::test::pythonSql(dbFile(),
                  QStringLiteral("SELECT last_grade FROM packs WHERE serial = '%1'").arg(serial)),
        QStringList { QStringLiteral("recycle") });
    EXPECT_EQ(pg::test::pythonSql(dbFile(),
                  QStringLiteral("SELECT id FROM certificates WHERE grade_id = '%1'")
                      .arg(run.graded->stored->gradeId)),
        QStringList { v.value(QStringLiteral("certificate_id")).toString() });

    // One mapping from a graded pack to a certificate: the window's certificate (stored with its
    // envelope, so `packgrade-cli certificate` re-exports it) and the one the CLI signs for the
    // same graded pack and review state the same, but for the certificate's id and issue time.
    const QJsonObject fromWindow = cliCertificate(dbFile(), serial, "window");
    const QJsonObject fromCli = cliCertificate(copy, serial, "cli");
    EXPECT_EQ(fromWindow.value(QStringLiteral("certificateId")).toString(),
        v.value(QStringLiteral("certificate_id")).toString())
        << "the CLI re-exports the certificate the window signed";
    EXPECT_NE(fromCli.value(QStringLiteral("certificateId")), fromWindow.value(QStringLiteral("certificateId")));
    for (const QJsonObject& c : { fromWindow, fromCli })
        EXPECT_EQ(c.value(QStringLiteral("grading")).toObject().value(QStringLiteral("grade")).toString(),
            QStringLiteral("recycle"))
            << "the override is the grade a certificate states";
    const auto comparable = [](const QJsonObject& c) {
        QByteArray doc = QJsonDocument(c).toJson();
        for (const char* key : { "certificateId", "issuedAt" })
            doc.replace(c.value(QLatin1String(key)).toString().toUtf8(), QByteArray("<") + key + '>');
        return doc.toStdString();
    };
    EXPECT_EQ(comparable(fromWindow), comparable(fromCli));

    // Back on the Inventory screen, the pack's certificate (the override in force) is previewed.
    m_window->showScreen(MainWindow::Screen::Inventory);
    inventory->refresh();
    inventory->applySearch();
    ASSERT_TRUE(pg::test::waitUntil([model] { return model->isIdle(); }));
    ASSERT_EQ(inventory->model()->rowCount(), 1);
    ASSERT_EQ(pg::test::loadedRows(model, 0, 1, pg::app::InventoryPageModel::SerialColumn),
        QStringList { serial });
    inventory->openRow(0);
    ASSERT_TRUE(pg::test::waitUntil([inventory] {
        return !inventory->detail()->historyLoading()
            && inventory->detail()->pack().lastGrade == QLatin1String("recycle");
    }));
    const auto preview = inventory->detail()->previewCertificate();
    ASSERT_TRUE(preview) << preview.error().message.toStdString();
    EXPECT_TRUE(inventory->detail()->preview()->hasCertificate());
    EXPECT_FALSE(inventory->detail()->preview()->image().isNull());
}

TEST_F(GuiGradeFlow, InterruptedSessionIsOfferedAndClosed)
{
    // A session as a crash leaves it: marked running by a program that no longer exists.
    const QString root = m_dir.filePath(QStringLiteral("sessions"));
    const QString dir = QDir(root).filePath(QStringLiteral("crashed"));
    {
        auto rec = pg::core::SessionRecorder::create(
            dir, { { QStringLiteral("procedure"), QStringLiteral("quick") } });
        ASSERT_TRUE(rec) << rec.error().toStdString();
        std::unique_ptr<pg::core::SessionRecorder> owned(*rec);
        owned->sample({ 0.0, 52.0, 0.0 }, std::nullopt);
    }
    QFile meta(QDir(dir).filePath(QStringLiteral("session.json")));
    ASSERT_TRUE(meta.open(QIODevice::ReadOnly));
    QJsonObject m = QJsonDocument::fromJson(meta.readAll()).object();
    meta.close();
    ASSERT_EQ(m.value(QStringLiteral("outcome")).toString(), QStringLiteral("running"));
    m[QStringLiteral("pid")] = 2147483000; // no such process
    ASSERT_TRUE(meta.open(QIODevice::WriteOnly | QIODevice::Truncate));
    meta.write(QJsonDocument(m).toJson());
    meta.close();

    QMessageBox* box = m_window->offerToCloseInterruptedSessions();
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->informativeText().contains(dir));
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("Resume continues the latest one")));
    EXPECT_NE(box->findChild<QPushButton*>(QStringLiteral("resumeLatest")), nullptr)
        << "Resume is offered too (tests/app/gui_resume_test.cpp resumes)";
    box->findChild<QPushButton*>(QStringLiteral("closeSessions"))->click();
    ASSERT_TRUE(meta.open(QIODevice::ReadOnly));
    EXPECT_EQ(QJsonDocument::fromJson(meta.readAll())
                  .object()
                  .value(QStringLiteral("outcome"))
                  .toString(),
        QStringLiteral("interrupted"));
    EXPECT_TRUE(QFile::exists(QDir(dir).filePath(QStringLiteral("manifest.json"))));
    EXPECT_EQ(m_window->offerToCloseInterruptedSessions(), nullptr) << "nothing left to close";
}
