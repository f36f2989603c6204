#include "session_recovery.h"

#include "app/sim/session_meta.h"
#include "core/session_files.h"
#include "run_worker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <algorithm>

namespace pg::app {

namespace {

    struct Text {
        Q_DECLARE_TR_FUNCTIONS(SessionRecovery)
    };

} // namespace

std::vector<core::SessionStatus> interruptedSessions(const QString& root)
{
    std::vector<core::SessionStatus> out;
    for (const core::SessionStatus& s : core::listSessions(root))
        if (s.interrupted())
            out.push_back(s);
    return out;
}

QStringList closeSessions(const std::vector<core::SessionStatus>& sessions)
{
    QStringList lines;
    for (const core::SessionStatus& s : sessions) {
        auto closed = core::closeSession(s.dir);
        lines << (closed ? Text::tr("%1: closed (interrupted, every sample kept)").arg(s.dir)
                         : Text::tr("%1: not closed: %2").arg(s.dir, closed.error().message));
    }
    return lines;
}

AttemptSteps attemptSteps(const QString& dir)
{
    AttemptSteps out;
    QFile f(QDir(dir).filePath(QStringLiteral("events.jsonl")));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    // SequenceProcedure announces each step as "step N: name".
    static const QRegularExpression kStep(QStringLiteral("^step (\\d+): (\\S+)$"));
    while (!f.atEnd()) {
        const QJsonObject e = QJsonDocument::fromJson(f.readLine()).object();
        const auto m = kStep.match(e.value(QStringLiteral("text")).toString());
        if (!m.hasMatch())
            continue;
        if (!out.interrupted.isEmpty())
            out.done << out.interrupted;
        out.interrupted = m.captured(2);
    }
    return out;
}

tl::expected<QString, core::Error> describeResume(const QString& dir)
{
    auto resume = core::planResume(dir);
    if (!resume)
        return tl::unexpected(resume.error());
    const sim::ResumedPlan again = sim::resumedPlan(dir, *resume);
    auto plan = planFor(again.plan);
    if (!plan)
        return tl::unexpected(core::Error { core::kExitBadInput, plan.error() });
    const QStringList steps = planProcedureSteps(*plan);
    const AttemptSteps attempt = attemptSteps(dir);
    const QString arrow = QStringLiteral(" → ");
    QStringList lines;
    lines << Text::tr("Session %1: %2 %3 (%4).")
                 .arg(dir, again.wholePlan ? Text::tr("plan") : Text::tr("procedure"), plan->name,
                     steps.join(arrow));
    lines << (attempt.done.isEmpty() ? Text::tr("Finished before the interruption: none.")
                                     : Text::tr("Finished before the interruption: %1.")
                                           .arg(attempt.done.join(QStringLiteral(", "))));
    lines << (attempt.interrupted.isEmpty()
            ? Text::tr("Cut short: the plan had not reached its first step.")
            : Text::tr("Cut short: %1.").arg(attempt.interrupted));
    const bool precheck = steps.contains(QStringLiteral("precheck"));
    lines << (precheck
            ? Text::tr("Resume runs in the same folder. First the BMS snapshot, the identity and "
                       "the safety pre-check at rest run again (the pack may have changed while "
                       "PackGrade was down), then:")
            : Text::tr("Resume runs in the same folder. First the BMS snapshot and the identity "
                       "are read again, before the load is switched on, then:"));
    if (again.wholePlan)
        lines << Text::tr("%1 — every step runs again, the finished ones too: a grade is made "
                          "from one unbroken run of the plan.")
                     .arg(steps.join(arrow));
    else
        lines << resume->why + QLatin1Char('.');
    int n = 1;
    while (QDir(dir).exists(QStringLiteral("attempts/%1").arg(n)))
        ++n;
    lines << Text::tr("The interrupted attempt is kept, sealed, in %1.")
                 .arg(QDir(dir).filePath(QStringLiteral("attempts/%1").arg(n)));
    if (QFile::exists(QDir(dir).filePath(QStringLiteral("pack_spec.json"))))
        lines << Text::tr("Simulated pack: it restarts at the state of charge the attempt left it "
                          "(the charge it took out is subtracted).");
    else
        lines << Text::tr("Connect the same pack on the Bench screen before resuming.");
    return lines.join(QLatin1Char('\n'));
}

QMessageBox* confirmResume(
    QWidget* parent, const QString& dir, std::function<void(const QString& dir)> resume)
{
    auto text = describeResume(dir);
    auto* box = new QMessageBox(text ? QMessageBox::Question : QMessageBox::Warning,
        Text::tr("Resume the interrupted session"),
        text ? Text::tr("Resume %1?").arg(QDir(dir).dirName())
             : Text::tr("%1 cannot be resumed.").arg(dir),
        QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("resumeConfirm"));
    box->setInformativeText(text ? *text
                                 : Text::tr("%1\n\nClose it instead: its data is kept and can be "
                                            "graded.")
                                       .arg(text.error().message));
    if (text) {
        QPushButton* go = box->addButton(Text::tr("&Resume"), QMessageBox::AcceptRole);
        go->setObjectName(QStringLiteral("resumeSession"));
        QObject::connect(go, &QPushButton::clicked, parent, [resume, dir] { resume(dir); });
        box->addButton(QMessageBox::Cancel);
    } else {
        box->addButton(QMessageBox::Ok);
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->show();
    return box;
}

QMessageBox* offerToCloseInterrupted(
    QWidget* parent, const QString& root, std::function<void(const QString& dir)> resume)
{
    const std::vector<core::SessionStatus> found = interruptedSessions(root);
    if (found.empty())
        return nullptr;
    QStringList list;
    for (const core::SessionStatus& s : found)
        list << Text::tr("• %1 (%2, started %3)").arg(s.dir, s.procedure, s.started);
    // The latest one is what a technician coming back to the bench was running.
    const core::SessionStatus latest = *std::max_element(
        found.begin(), found.end(), [](const core::SessionStatus& a, const core::SessionStatus& b) {
            return a.started < b.started;
        });
    auto* box = new QMessageBox(QMessageBox::Warning, Text::tr("Interrupted test sessions"),
        Text::tr("%n test session(s) were left running when PackGrade stopped last time:", nullptr,
            static_cast<int>(found.size())),
        QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("interruptedSessions"));
    box->setInformativeText(resume
            ? Text::tr("%1\n\nResume continues the latest one (%2) in its folder; you will "
                       "see what runs again first. Close marks each one interrupted and seals "
                       "it with every sample it has; it can then be graded.")
                  .arg(list.join(QLatin1Char('\n')), QDir(latest.dir).dirName())
            : Text::tr("%1\n\nClose them now: each is marked interrupted and sealed with every "
                       "sample it has, and can then be graded. To continue one instead, leave "
                       "it and run `packgrade-cli session resume DIR` (simulated packs).")
                  .arg(list.join(QLatin1Char('\n'))));
    if (resume) {
        QPushButton* again = box->addButton(Text::tr("&Resume the latest…"), QMessageBox::YesRole);
        again->setObjectName(QStringLiteral("resumeLatest"));
        const QString dir = latest.dir;
        QObject::connect(again, &QPushButton::clicked, parent,
            [parent, dir, resume] { confirmResume(parent, dir, resume); });
    }
    QPushButton* close = box->addButton(Text::tr("Close them"), QMessageBox::AcceptRole);
    close->setObjectName(QStringLiteral("closeSessions"));
    box->addButton(Text::tr("Leave them"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QObject::connect(close, &QPushButton::clicked, parent, [parent, found] {
        auto* done = new QMessageBox(QMessageBox::Information, Text::tr("Sessions closed"),
            closeSessions(found).join(QLatin1Char('\n')), QMessageBox::Ok, parent);
        done->setAttribute(Qt::WA_DeleteOnClose);
        done->setWindowModality(Qt::WindowModal);
        done->show();
    });
    box->show();
    return box;
}

} // namespace pg::app
