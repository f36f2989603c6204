#include "procedure_sequence.h"

#include <cmath>

namespace pg::core {

SequenceProcedure::SequenceProcedure(std::vector<std::unique_ptr<Procedure>> steps)
    : m_steps(std::move(steps))
    , m_startS(m_steps.size(), NAN)
    , m_endS(m_steps.size(), NAN)
{
}

bool SequenceProcedure::passive() const { return m_current < m_steps.size() && m_steps[m_current]->passive(); }

void SequenceProcedure::requestStop()
{
    m_stopRequested = true;
    m_events.append(QStringLiteral("stop early requested"));
    if (m_current < m_steps.size())
        m_steps[m_current]->requestStop();
    else
        finish(QStringLiteral("stopped early"));
}

Setpoint SequenceProcedure::step(const StepInput& in)
{
    if (m_current >= m_steps.size()) {
        finish(QStringLiteral("the plan has no steps"));
        return {};
    }
    Procedure& p = *m_steps[m_current];
    if (std::isnan(m_startS[m_current])) {
        m_startS[m_current] = in.load.timeS;
        m_events.append(QStringLiteral("step %1: %2").arg(m_current + 1).arg(p.name()));
    }
    const Setpoint sp = p.done() ? Setpoint {} : p.step(in);
    for (const QString& e : p.takeEvents())
        m_events.append(QStringLiteral("[%1] %2").arg(p.name(), e));
    if (!p.done())
        return sp;
    endCurrent(in.load.timeS);
    return {}; // off between steps
}

void SequenceProcedure::endCurrent(double timeS)
{
    Procedure& p = *m_steps[m_current];
    m_endS[m_current] = timeS;
    ++m_current;
    if (p.stopsPlan()) {
        m_stopsPlan = true;
        finish(QStringLiteral("the plan stops after %1: the pack is not to be tested further").arg(p.name()));
    } else if (m_stopRequested) {
        finish(QStringLiteral("stopped early after %1").arg(p.name()));
    } else if (m_current == m_steps.size()) {
        finish(QStringLiteral("all %1 steps done").arg(m_steps.size()));
    }
}

QJsonObject SequenceProcedure::result() const
{
    QJsonArray steps;
    for (std::size_t k = 0; k < m_steps.size(); ++k) {
        const auto time = [](double t) { return std::isnan(t) ? QJsonValue() : QJsonValue(t); };
        steps.append(QJsonObject { { QStringLiteral("type"), m_steps[k]->name() }, { QStringLiteral("start_s"), time(m_startS[k]) },
            { QStringLiteral("end_s"), time(m_endS[k]) }, { QStringLiteral("completed"), m_steps[k]->done() },
            { QStringLiteral("result"), m_steps[k]->result() } });
    }
    return { { QStringLiteral("steps"), steps } };
}

} // namespace pg::core
