// The bench screens driven for real, offscreen: the in-process simulator serves its load over
// SCPI on TCP, and what the screens show is checked against the simulator's own state (its pack
// model and its load's on/off switch), never against what the GUI computed.
#include "app/gui/bench_controller.h"
#include "app/gui/cell_chart.h"
#include "app/gui/live_page.h"
#include "app/gui/main_window.h"
#include "app/gui/run_page.h"
#include "app/gui/sim_host.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <gtest/gtest.h>

using pg::app::MainWindow;

namespace {

class GuiBench : public ::testing::Test {
protected:
    void SetUp() override
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings and data folders of tests only
        ASSERT_TRUE(m_sessions.isValid());
        m_window = std::make_unique<MainWindow>();
        m_window->bench().setSessionRoot(m_sessions.path());
        m_window->bench().setSampleIntervalMs(0); // as fast as the simulator answers
        m_window->show();
    }
    void TearDown() override
    {
        m_window.reset();
        QStandardPaths::setTestModeEnabled(false);
    }
    void startSimulator(const char* spec, double speed)
    {
        auto ok = m_window->bench().startSimulator(
            QStringLiteral(":/sim/") + QLatin1String(spec), speed);
        ASSERT_TRUE(ok) << ok.error().toStdString();
    }
    // Waits (running events) until `done` or the timeout.
    static bool waitFor(const std::function<bool()>& done, int timeoutMs)
    {
        for (int waited = 0; waited < timeoutMs; waited += 20) {
            if (done())
                return true;
            QTest::qWait(20);
        }
        return done();
    }
    // The simulator's load or supply on and current through the pack (the output switches on
    // a moment before the plan's current reaches the pack).
    static bool waitForCurrent(pg::app::SimHost* sim)
    {
        return waitFor(
            [sim] {
                const auto s = sim->state();
                return (s.loadOn || s.supplyOn) && std::abs(s.currentA) > 0.1;
            },
            20000);
    }
    QJsonObject sessionJson(const QString& dir) const
    {
        QFile f(QDir(dir).filePath(QStringLiteral("session.json")));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << dir.toStdString();
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QTemporaryDir m_sessions;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(GuiBench, LiveCellVoltagesMatchTheSimulatedPack)
{
    startSimulator("stationary-16s-weak-cell.json", 10);
    m_window->showScreen(MainWindow::Screen::Live);
    QSignalSpy samples(&m_window->bench(), &pg::app::BenchController::liveSample);
    ASSERT_TRUE(samples.wait(3000));
    ASSERT_TRUE(samples.wait(3000)); // a second one: the chart shows a fresh reading
    const std::vector<double> shown = m_window->livePage()->cellChart().shownVoltages();
    const auto truth = m_window->bench().simHost()->state();
    ASSERT_EQ(shown.size(), truth.groupVoltagesV.size());
    ASSERT_EQ(shown.size(), 16U);
    for (std::size_t i = 0; i < shown.size(); ++i)
        EXPECT_NEAR(shown[i], truth.groupVoltagesV[i], 0.002)
            << "cell " << i + 1; // at rest: mV-stable
    double sum = 0;
    for (double v : truth.groupVoltagesV)
        sum += v;
    const QString text = m_window->livePage()->readoutText(QStringLiteral("voltage"));
    ASSERT_TRUE(text.endsWith(QLatin1String(" V"))) << text.toStdString();
    EXPECT_NEAR(text.chopped(2).toDouble(), sum, 0.02);
}

TEST_F(GuiBench, QuickPlanCompletesAndIsRecorded)
{
    startSimulator("stationary-16s-healthy.json", 100);
    QSignalSpy sessions(&m_window->bench(), &pg::app::BenchController::runSessionFinished);
    QSignalSpy finished(&m_window->bench(), &pg::app::BenchController::runFinished);
    m_window->showScreen(MainWindow::Screen::Run);
    m_window->runPage()->selectPlan(QStringLiteral("quick"));
    m_window->runPage()->findChild<QPushButton*>(QStringLiteral("startRun"))->click();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_EQ(finished.at(0).at(0).toString(), QStringLiteral("completed"));
    EXPECT_TRUE(m_window->runPage()->outcomeText().startsWith(QLatin1String("Completed")));
    ASSERT_EQ(sessions.size(), 1); // the whole plan is one session
    const QString dir = sessions.at(0).at(0).toString();
    // The quick plan from resources/plans ran, as `simulate --plan quick` runs it.
    EXPECT_EQ(
        sessionJson(dir).value(QStringLiteral("procedure")).toString(), QStringLiteral("quick"));
    EXPECT_TRUE(QFile::exists(QDir(dir).filePath(QStringLiteral("steps.json"))));
    EXPECT_TRUE(QFile::exists(QDir(dir).filePath(QStringLiteral("bms_snapshot.json"))));
    EXPECT_EQ(
        sessionJson(dir).value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    // The recorded terminal voltage is the pack's, as the simulator's model has it (at rest).
    QFile series(QDir(dir).filePath(QStringLiteral("timeseries.csv")));
    ASSERT_TRUE(series.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = series.readAll().trimmed().split('\n');
    ASSERT_GT(lines.size(), 2);
    const QList<QByteArray> header = lines.front().split(',');
    const QList<QByteArray> last = lines.back().split(',');
    const double recordedV = last.value(static_cast<int>(header.indexOf("voltage_v"))).toDouble();
    double truthV = 0;
    for (double v : m_window->bench().simHost()->state().groupVoltagesV)
        truthV += v;
    EXPECT_NEAR(recordedV, truthV, 0.01);
    EXPECT_FALSE(m_window->bench().simHost()->state().loadOn);
}

TEST_F(GuiBench, AbortButtonSwitchesTheSimulatorsLoadOff)
{
    startSimulator("stationary-16s-healthy.json", 20);
    QSignalSpy sessions(&m_window->bench(), &pg::app::BenchController::runSessionFinished);
    QSignalSpy finished(&m_window->bench(), &pg::app::BenchController::runFinished);
    m_window->showScreen(MainWindow::Screen::Run);
    m_window->runPage()->selectPlan(QStringLiteral("capacity"));
    m_window->runPage()->start();
    pg::app::SimHost* sim = m_window->bench().simHost();
    // The capacity test charges to full first, then discharges: the simulator's supply, then its
    // load, comes on.
    ASSERT_TRUE(waitForCurrent(sim)) << "neither the load nor the supply came on with current";
    QPushButton* abort = m_window->runPage()->abortButton();
    ASSERT_TRUE(abort->isEnabled());
    QTest::mouseClick(abort, Qt::LeftButton);
    ASSERT_TRUE(finished.wait(10000));
    const auto state = sim->state();
    EXPECT_FALSE(state.loadOn);
    EXPECT_FALSE(state.supplyOn);
    EXPECT_NEAR(state.currentA, 0.0, 1e-9);
    EXPECT_EQ(finished.at(0).at(0).toString(), QStringLiteral("aborted"));
    EXPECT_TRUE(m_window->runPage()->outcomeText().startsWith(QLatin1String("ABORTED")));
    ASSERT_EQ(sessions.size(), 1);
    const QJsonObject session = sessionJson(sessions.at(0).at(0).toString());
    EXPECT_EQ(session.value(QStringLiteral("outcome")).toString(), QStringLiteral("aborted"));
}

TEST_F(GuiBench, ProfileDetectedFromAFoxBmsRecording)
{
    // The trace is a foxBMS 2 bench recording (../shared/data/README); its ids must rank the
    // foxbms2 profile first.
    m_window->connectTo(QStringLiteral("replay:")
            + pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"))
            + QStringLiteral("@0"),
        500000);
    ASSERT_NE(m_window->transport(), nullptr);
    QSignalSpy frames(&m_window->bench(), &pg::app::BenchController::framesReceived);
    ASSERT_TRUE(frames.wait(5000));
    const auto ranking = m_window->bench().profileRanking();
    ASSERT_FALSE(ranking.empty());
    EXPECT_EQ(ranking.front().profile, QStringLiteral("foxbms2"));
    EXPECT_GT(ranking.front().idsSeen, 0);
}

TEST_F(GuiBench, EveryScreenCanBeShownAndResultPageReplaced)
{
    for (int i = 0; i < static_cast<int>(MainWindow::Screen::Count); ++i) {
        const auto screen = static_cast<MainWindow::Screen>(i);
        ASSERT_TRUE(m_window->showScreenByKey(MainWindow::screenKey(screen)));
        EXPECT_EQ(m_window->currentScreen(), screen);
    }
    EXPECT_FALSE(m_window->showScreenByKey(QStringLiteral("nonsense")));
    auto* result = new QWidget;
    m_window->showScreen(MainWindow::Screen::Result);
    m_window->setResultPage(result);
    EXPECT_EQ(m_window->screenWidget(MainWindow::Screen::Result), result);
    EXPECT_EQ(m_window->currentScreen(), MainWindow::Screen::Result);
    EXPECT_TRUE(result->isVisible());
}

TEST_F(GuiBench, EscapeKeyAbortsAndTheLoadGoesOff)
{
    startSimulator("stationary-16s-healthy.json", 20);
    QSignalSpy finished(&m_window->bench(), &pg::app::BenchController::runFinished);
    m_window->showScreen(MainWindow::Screen::Run);
    m_window->runPage()->selectPlan(QStringLiteral("capacity"));
    m_window->runPage()->start();
    pg::app::SimHost* sim = m_window->bench().simHost();
    ASSERT_TRUE(waitForCurrent(sim)) << "neither the load nor the supply came on with current";
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        GTEST_SKIP() << "this platform plugin cannot make the window active, so no key reaches its "
                        "shortcuts";
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_EQ(finished.at(0).at(0).toString(), QStringLiteral("aborted"));
    EXPECT_FALSE(sim->state().loadOn);
    EXPECT_FALSE(sim->state().supplyOn);
}

TEST_F(GuiBench, LiveTemperatureGridShowsWhatTheFoxBmsFrameCarries)
{
    // 0x260 f_CellTemperatures (PROTOCOLS.md 5): byte 0 is the multiplexer, bytes 2..7 six sensors
    // as signed degC, sensor = 6 * mux + k. The trace's frame is 260#01 00 19 19 19 19 1A 1A,
    // decoded here by hand: sensors 6..11 read 25, 25, 25, 25, 26, 26 degC. Their flags are 0,
    // valid only with foxBMS 2 v1.7.0's polarity (tests/core/pack_snapshot_test.cpp), hence the
    // mapping with that polarity.
    ASSERT_TRUE(m_window->bench().setProfile(
        pg::test::dataPath(QStringLiteral("profiles/foxbms2_v1_7_flags.json"))));
    m_window->showScreen(MainWindow::Screen::Live);
    QSignalSpy samples(&m_window->bench(), &pg::app::BenchController::liveSample);
    m_window->connectTo(QStringLiteral("replay:")
            + pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"))
            + QStringLiteral("@0"),
        500000);
    ASSERT_TRUE(samples.wait(5000));
    auto* grid = m_window->livePage()->findChild<QTableWidget*>();
    ASSERT_NE(grid, nullptr);
    const int columns = grid->columnCount();
    // The recording may arrive in more than one batch: wait until sensor 11 has been shown.
    ASSERT_TRUE(waitFor([&] { return grid->item(11 / columns, 11 % columns) != nullptr; }, 5000));
    const double expected[] = { 25, 25, 25, 25, 26, 26 };
    for (int k = 0; k < 6; ++k) {
        const int sensor = 6 + k;
        const QTableWidgetItem* item = grid->item(sensor / columns, sensor % columns);
        ASSERT_NE(item, nullptr) << "sensor " << sensor;
        EXPECT_DOUBLE_EQ(item->text().toDouble(), expected[k]) << "sensor " << sensor;
    }
    const QTableWidgetItem* unseen = grid->item(0, 0);
    ASSERT_NE(unseen, nullptr);
    EXPECT_EQ(unseen->text(), QStringLiteral("—")); // sensor 0 is in no frame of the trace
}
