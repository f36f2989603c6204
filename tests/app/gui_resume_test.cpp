// Resume in the GUI (issue 10 with the session notes): the real `packgrade` program runs the
// quick plan against its in-process simulator and is killed (SIGKILL) in the middle of the OCV
// step; a new window finds the session interrupted, offers to resume it, says what that means,
// and resumes it through the same core code as `packgrade-cli session resume` with progress on
// the Test run page. Truth the GUI did not produce: the same interrupted folder resumed by the
// real `packgrade-cli session resume` in another process, both graded by `packgrade-cli grade
// --session`, and the files the recorder wrote (session.json, steps.json, attempts/1).
#include "app/gui/app_settings.h"
#include "app/gui/bench_controller.h"
#include "app/gui/grading_screens.h"
#include "app/gui/main_window.h"
#include "app/gui/run_page.h"
#include "app/gui/session_recovery.h"
#include "cli_session_fixture.h"
#include "core/session_state.h"
#include "gui_fixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>

using pg::app::MainWindow;

namespace {

QString findSession(const QString& root)
{
    QDirIterator it(
        root, { QStringLiteral("session.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (!f.contains(QLatin1String("/attempts/")))
            return QFileInfo(f).absolutePath();
    }
    return {};
}

bool fileContains(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(text);
}

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = QDir(to).filePath(it.fileName());
        if (QFileInfo(path).isDir() ? !copyTree(path, target) : !QFile::copy(path, target))
            return false;
    }
    return true;
}

// Step types and whether each completed, from steps.json.
QStringList stepsOf(const QString& dir)
{
    QStringList out;
    const QJsonArray steps
        = pg::test::readJsonFile(QDir(dir).filePath(QStringLiteral("steps.json")))
              .value(QStringLiteral("steps"))
              .toArray();
    for (const QJsonValue& s : steps)
        out << s.toObject().value(QStringLiteral("type")).toString()
                + (s.toObject().value(QStringLiteral("completed")).toBool()
                        ? QStringLiteral(":completed")
                        : QStringLiteral(":not completed"));
    return out;
}

QJsonObject cliGrade(const QString& dir)
{
    const pg::test::ToolResult r
        = pg::test::runTool(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
            { QStringLiteral("grade"), QStringLiteral("--session"), dir,
                QStringLiteral("--no-store"), QStringLiteral("--json") },
            300000);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

TEST(GuiResume, KilledPlanIsResumedFromTheWindowLikeTheCli)
{
    const QString gui = pg::test::binPath(QStringLiteral("gui/packgrade"));
    if (!QFile::exists(gui))
        GTEST_SKIP() << gui.toStdString()
                     << " is not built (cmake --build build --target packgrade)";
    QTemporaryDir home;
    ASSERT_TRUE(home.isValid());

    // 1. The real program, in a home of its own, runs the quick plan slowly enough to be killed
    //    in the OCV step (60 s of simulated rest at 5x: 12 s or more of real time).
    QProcess program;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    program.setProcessEnvironment(env);
    program.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    program.start(gui,
        { QStringLiteral("--simulate"), QStringLiteral(":/sim/stationary-16s-healthy.json"),
            QStringLiteral("--speed"), QStringLiteral("5"), QStringLiteral("--run"),
            QStringLiteral("quick") });
    ASSERT_TRUE(program.waitForStarted(30000));
    const QString root = home.filePath(QStringLiteral("data/PackGrade/PackGrade/sessions"));
    QString dir;
    const bool inOcv = pg::test::waitUntil(
        [&] {
            if (dir.isEmpty())
                dir = findSession(root);
            return !dir.isEmpty()
                && fileContains(QDir(dir).filePath(QStringLiteral("events.jsonl")), "step 2: ocv");
        },
        180000);
    if (!inOcv) {
        program.kill();
        program.waitForFinished(10000);
        FAIL() << "the GUI never reached the OCV step under " << root.toStdString();
    }
    program.kill(); // SIGKILL: no chance to close the session
    ASSERT_TRUE(program.waitForFinished(30000));
    auto status = pg::core::sessionStatus(dir);
    ASSERT_TRUE(status) << status.error().message.toStdString();
    ASSERT_TRUE(status->interrupted()) << "outcome " << status->outcome.toStdString();
    const QJsonObject killed
        = pg::test::readJsonFile(QDir(dir).filePath(QStringLiteral("session.json")));
    const QString serial = killed.value(QStringLiteral("pack_serial")).toString();
    ASSERT_TRUE(serial.startsWith(QLatin1String("SIM-")));

    // The truth to compare with: the same folder resumed by the CLI, in another process.
    QTemporaryDir cliRoot;
    const QString cliDir = cliRoot.filePath(QStringLiteral("cli-copy"));
    ASSERT_TRUE(copyTree(dir, cliDir));
    const pg::test::CliResult cli
        = pg::test::runCli({ QStringLiteral("session"), QStringLiteral("resume"), cliDir,
            QStringLiteral("--speed"), QStringLiteral("100"), QStringLiteral("--json") });
    ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();

    // 2. The window restarts (this process), connected to the simulator, and offers to resume.
    QStandardPaths::setTestModeEnabled(true);
    auto window = std::make_unique<MainWindow>();
    pg::app::AppSettings settings = pg::app::AppSettings::load();
    settings.databaseUrl
        = QStringLiteral("sqlite:") + home.filePath(QStringLiteral("inventory.sqlite"));
    settings.keyDir = home.filePath(QStringLiteral("keys"));
    settings.currentUser = QStringLiteral("b.grader");
    ASSERT_TRUE(window->grading().open(settings));
    window->bench().setSessionRoot(root);
    window->bench().setSampleIntervalMs(0);
    ASSERT_TRUE(
        window->bench().startSimulator(QStringLiteral(":/sim/stationary-16s-healthy.json"), 100));
    window->resize(1280, 800);
    window->show();
    QMessageBox* offer = window->offerToCloseInterruptedSessions();
    ASSERT_NE(offer, nullptr);
    auto* resumeLatest = offer->findChild<QPushButton*>(QStringLiteral("resumeLatest"));
    ASSERT_NE(resumeLatest, nullptr) << "the window offers Resume, not only Close";
    resumeLatest->click();
    QMessageBox* confirm = nullptr;
    ASSERT_TRUE(pg::test::waitUntil(
        [&] {
            confirm = window->findChild<QMessageBox*>(QStringLiteral("resumeConfirm"));
            return confirm != nullptr;
        },
        30000));
    // What resuming means: the steps done and cut short (from the killed run's events), what runs
    // again, and that the pre-check comes first.
    const QString said = confirm->informativeText();
    EXPECT_TRUE(said.contains(QStringLiteral("Finished before the interruption: precheck.")))
        << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Cut short: ocv."))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("safety pre-check"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("attempts/1"))) << said.toStdString();

    QSignalSpy finished(&window->bench(), &pg::app::BenchController::runFinished);
    QSignalSpy graded(&window->bench(), &pg::app::BenchController::runGraded);
    confirm->findChild<QPushButton*>(QStringLiteral("resumeSession"))->click();
    EXPECT_EQ(window->currentScreen(), MainWindow::Screen::Run);
    EXPECT_TRUE(window->bench().isRunning());
    auto* steps = window->runPage()->findChild<QTableWidget*>();
    ASSERT_NE(steps, nullptr);
    EXPECT_EQ(steps->rowCount(), 2) << "precheck and ocv on the Test run page";
    ASSERT_TRUE(finished.wait(300000) || !finished.isEmpty());
    ASSERT_EQ(finished.at(0).at(0).toString(), QStringLiteral("completed"));
    ASSERT_TRUE(graded.size() == 1 || graded.wait(120000));
    const auto run = graded.at(0).at(0).value<pg::app::GradedRun>();
    EXPECT_EQ(QDir(run.sessionDir).absolutePath(), QDir(dir).absolutePath());
    ASSERT_TRUE(run.graded) << run.error.toStdString();
    for (int row = 0; row < steps->rowCount(); ++row)
        EXPECT_TRUE(steps->item(row, 4)->text().startsWith(QLatin1String("completed")))
            << "step " << row << ": " << steps->item(row, 4)->text().toStdString();

    // 3. The folder: completed, the same pack, the killed attempt whole in attempts/1, every
    //    plan step done; the same as the CLI made of the copy.
    const QJsonObject meta
        = pg::test::readJsonFile(QDir(dir).filePath(QStringLiteral("session.json")));
    EXPECT_EQ(meta.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    EXPECT_EQ(meta.value(QStringLiteral("pack_serial")).toString(), serial);
    const QJsonObject from = meta.value(QStringLiteral("resumed_from")).toObject();
    EXPECT_EQ(from.value(QStringLiteral("attempt")).toString(), QStringLiteral("attempts/1"));
    EXPECT_TRUE(from.contains(QStringLiteral("soc_at_interrupt")));
    const QJsonObject attempt
        = pg::test::readJsonFile(QDir(dir).filePath(QStringLiteral("attempts/1/session.json")));
    EXPECT_EQ(attempt.value(QStringLiteral("outcome")).toString(), QStringLiteral("interrupted"));
    EXPECT_EQ(
        attempt.value(QStringLiteral("session_id")), killed.value(QStringLiteral("session_id")));
    EXPECT_TRUE(QFile::exists(QDir(dir).filePath(QStringLiteral("attempts/1/manifest.json"))));
    const QStringList guiSteps = stepsOf(dir);
    EXPECT_EQ(guiSteps,
        (QStringList { QStringLiteral("precheck:completed"), QStringLiteral("ocv:completed") }));
    EXPECT_EQ(guiSteps, stepsOf(cliDir)) << "packgrade-cli session resume runs the same steps";
    const QJsonObject cliMeta
        = pg::test::readJsonFile(QDir(cliDir).filePath(QStringLiteral("session.json")));
    EXPECT_EQ(cliMeta.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    EXPECT_EQ(cliMeta.value(QStringLiteral("pack_serial")).toString(), serial);
    EXPECT_EQ(cliMeta.value(QStringLiteral("resumed_from"))
                  .toObject()
                  .value(QStringLiteral("soc_at_interrupt")),
        from.value(QStringLiteral("soc_at_interrupt")))
        << "both restart the simulated pack where the attempt left it";

    // Gradeable, as the CLI grades it, and the grade the CLI gives its own resume.
    const QJsonObject guiGrade = cliGrade(dir);
    const QJsonObject cliResumeGrade = cliGrade(cliDir);
    ASSERT_FALSE(guiGrade.value(QStringLiteral("grade")).toString().isEmpty());
    EXPECT_EQ(
        guiGrade.value(QStringLiteral("grade")), cliResumeGrade.value(QStringLiteral("grade")));
    EXPECT_EQ(guiGrade.value(QStringLiteral("pack_serial")).toString(), serial);
    EXPECT_EQ(run.graded->grade.grade, guiGrade.value(QStringLiteral("grade")).toString());
    EXPECT_EQ(window->offerToCloseInterruptedSessions(), nullptr) << "nothing left interrupted";
    window.reset();
    QStandardPaths::setTestModeEnabled(false);
}
