#pragma once

#include "run_worker.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace pg::app {

class BenchController;
class TrendPlot;

// The Test run screen: choose a plan, start it, follow each step (phase, progress, time left),
// see the safety limits in force and the voltage and current curves as they come, and abort with
// one big button (the runner switches the load off before anything else).
class RunPage : public QWidget {
    Q_OBJECT
public:
    explicit RunPage(BenchController& bench, QWidget* parent = nullptr);

    // Plans quick, standard, full (resources/plans) and single procedures capacity, hppc.
    void selectPlan(const QString& name);
    void start();
    // Continues the interrupted session `dir` as `packgrade-cli session resume` does (core::
    // prepareResume; a simulated pack restarts from pack_spec_resume.json): its plan runs again
    // into the same folder, with progress here. The bench must be connected for a bench session.
    tl::expected<void, QString> resume(const QString& dir);
    void abort();
    QString outcomeText() const;
    QPushButton* abortButton() const { return m_abort; }
    // A run or step outcome ("completed", "not completed", "aborted") as the screen shows it.
    static QString outcomeTitle(const QString& outcome);
    // A procedure's phase as core names it ("level 3: discharge pulse") in the user's language;
    // a phase this screen does not know stays as core wrote it.
    static QString phaseTitle(const QString& phase);
    // A line of core's run log ("[hppc] phase: level 1: rest", "step 2: capacity") in the user's
    // language where this screen knows its form; other lines stay as core wrote them.
    static QString eventTitle(const QString& event);

Q_SIGNALS:
    // The plan has ended: its session folder and estimates (for the Result screen).
    void sessionFinished(
        const QString& sessionDir, const QString& outcome, const QJsonObject& estimates);

private:
    QWidget* buildControls();
    void showSteps(const core::TestPlan& plan, const QString& title);
    void loadPlans();
    void showLimits();
    void onProgress(const RunProgress& progress);
    void onStepFinished(int step, const QString& outcome, const QString& detail);
    void onSessionFinished(const QString& dir, const QString& outcome, const QString& reason,
        const QJsonObject& estimates);
    void markStepDone(int step);
    void onFinished(const QString& outcome);
    void setRunning(bool running);

    BenchController& m_bench;
    QComboBox* m_plan = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_abort = nullptr;
    QTableWidget* m_steps = nullptr;
    QLabel* m_limits = nullptr;
    QLabel* m_outcome = nullptr;
    QPlainTextEdit* m_log = nullptr;
    TrendPlot* m_voltage = nullptr;
    TrendPlot* m_current = nullptr;
    QStringList m_running;
    double m_curveStartS = -1;
};

} // namespace pg::app
