#include "run_page.h"

#include "app/sim/session_meta.h"
#include "bench_controller.h"
#include "core/session_files.h"
#include "core/session_state.h"
#include "error_dialog.h"
#include "language.h"
#include "trend_plot.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontMetrics>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace pg::app {

namespace {

    enum StepColumn { StepName, StepPhase, StepProgress, StepLeft, StepOutcome, StepColumns };

    QString durationText(double s)
    {
        const int total = static_cast<int>(std::max(0.0, s));
        if (total >= 3600)
            return QObject::tr("%1 h %2 min")
                .arg(total / 3600)
                .arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
        if (total >= 60)
            return QObject::tr("%1 min %2 s")
                .arg(total / 60)
                .arg(total % 60, 2, 10, QLatin1Char('0'));
        return QObject::tr("%1 s").arg(total);
    }

} // namespace

QString RunPage::outcomeTitle(const QString& outcome)
{
    if (outcome == QLatin1String("completed"))
        return tr("completed");
    if (outcome == QLatin1String("not completed"))
        return tr("not completed");
    if (outcome == QLatin1String("aborted"))
        return tr("aborted");
    return outcome;
}

QString RunPage::phaseTitle(const QString& phase)
{
    // The phases of core's procedures (procedure.cpp, procedure_capacity.cpp, procedure_rest.cpp).
    static const char* const kFixed[] = { QT_TR_NOOP("rest"), QT_TR_NOOP("discharge pulse"),
        QT_TR_NOOP("rest after discharge pulse"), QT_TR_NOOP("charge pulse"),
        QT_TR_NOOP("rest after charge pulse"), QT_TR_NOOP("C/3 discharge to the next level"),
        QT_TR_NOOP("CC-CV charge to full"), QT_TR_NOOP("rest before discharge"),
        QT_TR_NOOP("CC discharge to the cut-off of the pack and the weakest cell"),
        QT_TR_NOOP("rest after discharge"), QT_TR_NOOP("charge back to the storage SoC"),
        QT_TR_NOOP("rest after the charge"), QT_TR_NOOP("reading the pack at rest") };
    for (const char* fixed : kFixed)
        if (phase == QLatin1String(fixed))
            return tr(fixed);
    // Numbers in core's phases are written in the C locale; shown in the user's.
    auto local = [](const QString& c) {
        bool ok = false;
        const double v = c.toDouble(&ok);
        const int dot = c.indexOf(QLatin1Char('.'));
        if (!ok || c.contains(QLatin1Char('e'), Qt::CaseInsensitive))
            return c;
        return localNumber(v, dot < 0 ? 0 : static_cast<int>(c.size()) - dot - 1);
    };
    static const QRegularExpression level(QStringLiteral("^level (\\d+): (.+)$"));
    static const QRegularExpression taper(
        QStringLiteral("^CC-CV charge to full \\(taper at ([0-9.]+) A\\)$"));
    static const QRegularExpression restUntil(
        QStringLiteral("^rest until dV/dt < ([0-9.eE+-]+) mV/min$"));
    if (const auto m = level.match(phase); m.hasMatch())
        return tr("level %1: %2").arg(m.captured(1), phaseTitle(m.captured(2)));
    if (const auto m = taper.match(phase); m.hasMatch())
        return tr("CC-CV charge to full (taper at %1 A)").arg(local(m.captured(1)));
    if (const auto m = restUntil.match(phase); m.hasMatch())
        return tr("rest until dV/dt < %1 mV/min").arg(local(m.captured(1)));
    return phase;
}

QString RunPage::eventTitle(const QString& event)
{
    static const QRegularExpression phase(QStringLiteral("^(\\[[^\\]]+\\] )?phase: (.+)$"));
    static const QRegularExpression step(QStringLiteral("^(\\[[^\\]]+\\] )?step (\\d+): (.+)$"));
    if (const auto m = phase.match(event); m.hasMatch())
        return m.captured(1) + tr("phase: %1").arg(phaseTitle(m.captured(2)));
    if (const auto m = step.match(event); m.hasMatch())
        return m.captured(1) + tr("step %1: %2").arg(m.captured(2), m.captured(3));
    return event;
}

RunPage::RunPage(BenchController& bench, QWidget* parent)
    : QWidget(parent)
    , m_bench(bench)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(split);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    m_steps = new QTableWidget(0, StepColumns, left);
    m_steps->setHorizontalHeaderLabels(
        { tr("Step"), tr("Phase"), tr("Progress"), tr("Time left"), tr("Outcome") });
    m_steps->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_steps->horizontalHeader()->setSectionResizeMode(StepPhase, QHeaderView::Stretch);
    m_steps->setColumnWidth(StepName, 80);
    m_steps->setColumnWidth(StepProgress, 110);
    m_steps->setColumnWidth(StepLeft, 130);
    m_steps->setColumnWidth(StepOutcome, 110);
    m_steps->setWordWrap(true);
    left->setMinimumWidth(620);
    m_steps->verticalHeader()->hide();
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    lv->addWidget(m_steps, 1);
    m_limits = new QLabel(left);
    m_limits->setObjectName(QStringLiteral("safetyLimits"));
    m_limits->setWordWrap(true);
    auto* limitsBox
        = new QGroupBox(tr("Safety limits in force (any breach switches the load off)"), left);
    auto* lb = new QVBoxLayout(limitsBox);
    lb->addWidget(m_limits);
    lv->addWidget(limitsBox);
    m_log = new QPlainTextEdit(left);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    lv->addWidget(m_log, 1);
    auto* curves = new QSplitter(Qt::Vertical, split);
    m_voltage = new TrendPlot(tr("terminal"), tr("V"), QColor(40, 90, 200), curves);
    m_current = new TrendPlot(tr("current, + discharge"), tr("A"), QColor(200, 80, 30), curves);
    split->addWidget(left);
    split->addWidget(curves);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    connect(&m_bench, &BenchController::runProgress, this, &RunPage::onProgress);
    connect(&m_bench, &BenchController::runStepFinished, this, &RunPage::onStepFinished);
    connect(&m_bench, &BenchController::runSessionFinished, this, &RunPage::onSessionFinished);
    connect(&m_bench, &BenchController::runFinished, this, &RunPage::onFinished);
    connect(&m_bench, &BenchController::connectionChanged, this, &RunPage::showLimits);
    loadPlans();
    showLimits();
    setRunning(false);
}

QWidget* RunPage::buildControls()
{
    auto* w = new QWidget(this);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Plan:"), w));
    m_plan = new QComboBox(w);
    m_plan->setObjectName(QStringLiteral("plan"));
    // Long plan names (German ones more so) elide instead of widening the window.
    m_plan->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_plan->setMinimumContentsLength(32);
    row->addWidget(m_plan, 1);
    m_start = new QPushButton(tr("&Start"), w);
    m_start->setObjectName(QStringLiteral("startRun"));
    m_start->setMinimumHeight(48);
    connect(m_start, &QPushButton::clicked, this, &RunPage::start);
    row->addWidget(m_start);
    m_abort = new QPushButton(tr("ABORT — load off  [Esc]"), w);
    m_abort->setObjectName(QStringLiteral("abortRun"));
    m_abort->setMinimumSize(260, 48);
    QFont f = m_abort->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.4);
    m_abort->setFont(f);
    m_abort->setStyleSheet(QStringLiteral(
        "QPushButton { background: rgb(200,30,30); color: white; border-radius: 6px; }"
        "QPushButton:disabled { background: rgb(150,110,110); color: rgb(230,230,230); }"));
    // Wide enough for its text in the big bold font in every language.
    m_abort->setMinimumWidth(
        std::max(260, QFontMetrics(f).horizontalAdvance(m_abort->text()) + 40));
    connect(m_abort, &QPushButton::clicked, this, &RunPage::abort);
    row->addWidget(m_abort);
    m_outcome = new QLabel(w);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    m_outcome->setMinimumWidth(260);
    m_outcome->setWordWrap(true);
    row->addWidget(m_outcome, 1);
    return w;
}

void RunPage::loadPlans()
{
    // The test plans (resources/plans, run by core::runPlan as `simulate --plan` runs them), then
    // single procedures for a technician who needs just one.
    for (const QString& name :
        { QStringLiteral("quick"), QStringLiteral("standard"), QStringLiteral("full") }) {
        const auto plan = planFor(name);
        if (!plan)
            continue;
        m_plan->addItem(
            tr("Plan %1: %2").arg(name, planProcedureSteps(*plan).join(QStringLiteral(" → "))),
            name);
        m_plan->setItemData(m_plan->count() - 1, plan->description, Qt::ToolTipRole);
    }
    m_plan->addItem(tr("Capacity alone: charge to full, C/3 discharge to the cut-off"),
        QStringLiteral("capacity"));
    m_plan->addItem(tr("HPPC alone: pulses at 9 SoC levels"), QStringLiteral("hppc"));
}

void RunPage::selectPlan(const QString& name)
{
    for (int i = 0; i < m_plan->count(); ++i)
        if (m_plan->itemData(i).toString() == name || m_plan->itemText(i) == name)
            m_plan->setCurrentIndex(i);
}

void RunPage::showLimits()
{
    const core::SafetyLimits l = m_bench.limits();
    const core::PackRating r = m_bench.rating();
    m_limits->setText(tr("Pack: %1, %2 cells in series, %3 Ah\n"
                         "Cell voltage: procedures stop at %4–%5 V; safety stop outside %6–%7 V\n"
                         "Temperature: stop above %8 °C or below %9 °C (sensor fault)\n"
                         "Current: at most %10 A · BMS silent for %11 s: stop")
                          .arg(r.chemistry.toUpper())
                          .arg(r.series)
                          .arg(localNumber(r.capacityAh, 1))
                          .arg(localNumber(l.cutoffMinV, 2))
                          .arg(localNumber(l.cutoffMaxV, 2))
                          .arg(localNumber(l.cellMinV, 2))
                          .arg(localNumber(l.cellMaxV, 2))
                          .arg(localNumber(l.maxTempC, 0))
                          .arg(localNumber(l.minPlausibleTempC, 0))
                          .arg(localNumber(l.maxCurrentA, 0))
                          .arg(localNumber(l.bmsTimeoutS, 0)));
}

void RunPage::start()
{
    const QString name = m_plan->currentData().toString();
    const auto plan = planFor(name);
    if (!plan) {
        showErrorDialog(this, tr("Cannot start the test"), plan.error());
        return;
    }
    if (auto ok = m_bench.startRun(name); !ok) {
        showErrorDialog(this, tr("Cannot start the test"), ok.error());
        return;
    }
    showSteps(*plan, tr("started plan %1: %2"));
}

void RunPage::showSteps(const core::TestPlan& plan, const QString& title)
{
    m_running = planProcedureSteps(plan);
    m_steps->setRowCount(0);
    for (const QString& s : std::as_const(m_running)) {
        const int row = m_steps->rowCount();
        m_steps->insertRow(row);
        m_steps->setItem(row, StepName, new QTableWidgetItem(s));
        m_steps->setItem(row, StepPhase, new QTableWidgetItem(tr("waiting")));
        auto* bar = new QProgressBar(m_steps);
        bar->setRange(0, 1000);
        bar->setValue(0);
        m_steps->setCellWidget(row, StepProgress, bar);
        m_steps->setItem(row, StepLeft, new QTableWidgetItem(QStringLiteral("—")));
        m_steps->setItem(row, StepOutcome, new QTableWidgetItem);
    }
    m_voltage->clear();
    m_current->clear();
    m_curveStartS = -1;
    m_log->appendPlainText(title.arg(plan.name, m_running.join(QStringLiteral(", "))));
    m_outcome->setText(tr("Running…"));
    m_outcome->setStyleSheet(QString());
    showLimits();
    setRunning(true);
}

tl::expected<void, QString> RunPage::resume(const QString& dir)
{
    auto fail = [this](const QString& why) {
        m_log->appendPlainText(tr("cannot resume: %1").arg(why));
        return tl::expected<void, QString>(tl::unexpect, why);
    };
    if (m_bench.isRunning())
        return fail(tr("a test is running; abort it first"));
    // Checked before anything in the folder moves.
    auto status = core::planResume(dir);
    if (!status)
        return fail(status.error().message);
    const QString spec = QDir(dir).filePath(QStringLiteral("pack_spec.json"));
    const bool simulated = QFile::exists(spec);
    if (!simulated && !m_bench.isConnected())
        return fail(tr("%1 was recorded on the bench: connect the same pack first (Bench "
                       "screen)")
                        .arg(dir));
    const sim::ResumedPlan again = sim::resumedPlan(dir, *status);
    const auto plan = planFor(again.plan);
    if (!plan)
        return fail(plan.error());
    auto prepared = core::prepareResume(dir);
    if (!prepared)
        return fail(prepared.error().message);
    m_log->appendPlainText(tr("resuming %1: %2; the interrupted attempt is kept in %3")
                               .arg(dir, prepared->why, prepared->attemptDir));
    if (simulated) {
        // The simulated pack died with the program: it restarts where the attempt left it.
        auto resumeSpec = sim::writeResumeSpec(dir, *prepared);
        if (!resumeSpec)
            return fail(resumeSpec.error().message);
        const double speed = m_bench.simHost() != nullptr
            ? m_bench.simulatorSpeed()
            : core::readJsonFileObject(
                QDir(prepared->attemptDir).filePath(QStringLiteral("session.json")))
                  .value(QStringLiteral("plan"))
                  .toObject()
                  .value(QStringLiteral("speed"))
                  .toDouble(1.0);
        m_bench.disconnectAll();
        if (auto started = m_bench.startSimulator(*resumeSpec, speed); !started)
            return fail(started.error());
    }
    const int levels = !again.wholePlan && prepared->procedure == QLatin1String("hppc")
        ? prepared->levelsLeft
        : 0;
    if (auto ok = m_bench.startRun(again.plan, dir, levels); !ok)
        return fail(ok.error());
    showSteps(*plan, tr("resumed plan %1: %2 (the snapshot and pre-check first)"));
    return {};
}

void RunPage::abort()
{
    if (!m_bench.isRunning())
        return;
    m_bench.abortRun();
    m_log->appendPlainText(tr("ABORT requested: switching the load off"));
    m_outcome->setText(tr("Aborting: switching the load off…"));
}

QString RunPage::outcomeText() const
{
    return m_outcome->text();
}

void RunPage::onProgress(const RunProgress& p)
{
    if (p.step < 0 || p.step >= m_steps->rowCount())
        return;
    for (int earlier = 0; earlier < p.step; ++earlier)
        markStepDone(earlier);
    m_steps->item(p.step, StepPhase)->setText(phaseTitle(p.phase));
    auto* bar = qobject_cast<QProgressBar*>(m_steps->cellWidget(p.step, StepProgress));
    const double fraction = p.estimatedS > 0 ? std::min(0.99, p.elapsedS / p.estimatedS) : 0.0;
    bar->setValue(static_cast<int>(fraction * 1000));
    bar->setFormat(QStringLiteral("%1 %").arg(localNumber(fraction * 100, 0)));
    m_steps->item(p.step, StepLeft)
        ->setText(tr("about %1").arg(durationText(p.estimatedS - p.elapsedS)));
    for (const QString& e : p.events)
        m_log->appendPlainText(eventTitle(e));
    for (const auto& m : p.samples) {
        if (m_curveStartS < 0)
            m_curveStartS = m.timeS;
        m_voltage->add(m.timeS - m_curveStartS, m.voltageV);
        m_current->add(m.timeS - m_curveStartS, m.currentA);
    }
    if (!p.samples.empty()) {
        m_voltage->refresh();
        m_current->refresh();
    }
}

void RunPage::markStepDone(int step)
{
    if (step < 0 || step >= m_steps->rowCount())
        return;
    auto* bar = qobject_cast<QProgressBar*>(m_steps->cellWidget(step, StepProgress));
    bar->setValue(1000);
    bar->setFormat(QStringLiteral("100 %"));
    m_steps->item(step, StepLeft)->setText(tr("done"));
}

void RunPage::onStepFinished(int step, const QString& outcome, const QString& detail)
{
    if (step < 0 || step >= m_steps->rowCount())
        return;
    m_steps->item(step, StepOutcome)
        ->setText(detail.isEmpty() ? outcomeTitle(outcome)
                                   : outcomeTitle(outcome) + QStringLiteral(": ") + detail);
    if (outcome == QLatin1String("completed"))
        markStepDone(step);
}

void RunPage::onSessionFinished(
    const QString& dir, const QString& outcome, const QString& reason, const QJsonObject& estimates)
{
    m_log->appendPlainText(
        tr("plan %1%2 — session %3")
            .arg(outcomeTitle(outcome),
                reason.isEmpty() ? QString() : QStringLiteral(" (") + reason + QLatin1Char(')'),
                dir));
    if (outcome == QLatin1String("completed"))
        m_log->appendPlainText(tr("grading the session (as `packgrade-cli grade --session`)…"));
    else if (!dir.isEmpty())
        m_log->appendPlainText(tr("not graded: the plan did not complete; "
                                  "`packgrade-cli grade --session %1` grades what was measured")
                                   .arg(dir));
    Q_EMIT sessionFinished(dir, outcome, estimates);
}

void RunPage::onFinished(const QString& outcome)
{
    const bool ok = outcome == QLatin1String("completed");
    m_outcome->setText(ok ? tr("Completed. The session is graded on the Result screen.")
                          : tr("ABORTED — the load is off. See the log for why."));
    m_outcome->setStyleSheet(ok ? QStringLiteral("color: rgb(30,140,60); font-weight: bold")
                                : QStringLiteral("color: rgb(200,30,30); font-weight: bold"));
    setRunning(false);
}

void RunPage::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_plan->setEnabled(!running);
    m_abort->setEnabled(running);
}

} // namespace pg::app
