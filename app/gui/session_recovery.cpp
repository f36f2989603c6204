#include "session_recovery.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

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

QMessageBox* offerToCloseInterrupted(QWidget* parent, const QString& root)
{
    const std::vector<core::SessionStatus> found = interruptedSessions(root);
    if (found.empty())
        return nullptr;
    QStringList list;
    for (const core::SessionStatus& s : found)
        list << Text::tr("• %1 (%2, started %3)").arg(s.dir, s.procedure, s.started);
    auto* box = new QMessageBox(QMessageBox::Warning, Text::tr("Interrupted test sessions"),
        Text::tr("%n test session(s) were left running when PackGrade stopped last time:", nullptr,
            static_cast<int>(found.size())),
        QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("interruptedSessions"));
    box->setInformativeText(
        Text::tr("%1\n\nClose them now: each is marked interrupted and sealed with every sample "
                 "it has, and can then be graded. To continue one instead, leave it and run "
                 "`packgrade-cli session resume DIR` (simulated packs).")
            .arg(list.join(QLatin1Char('\n'))));
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
