#pragma once

#include "procedure.h"

#include <QJsonArray>
#include <vector>

namespace pg::core {

// Procedures run one after another under one runner (one safety supervision): the load is off
// between them, each one's events are tagged with its name, and each one's time span and
// findings are kept. A procedure that stops the plan (a recycle hazard) ends the sequence.
class SequenceProcedure : public Procedure {
public:
    explicit SequenceProcedure(std::vector<std::unique_ptr<Procedure>> steps);
    QString name() const override { return QStringLiteral("plan"); }
    Setpoint step(const StepInput& in) override;
    bool passive() const override;
    // Stops the current step in its own way; the plan ends after it.
    void requestStop() override;
    // {steps: [{type, start_s, end_s, completed, result}]}: also the steps not reached.
    QJsonObject result() const override;
    // The step running now (index into the plan's procedure steps) and its phase.
    std::size_t currentIndex() const { return m_current; }
    QString currentPhase() const
    {
        return m_current < m_steps.size() ? m_steps[m_current]->phase() : phase();
    }

private:
    void endCurrent(double timeS);

    std::vector<std::unique_ptr<Procedure>> m_steps;
    std::vector<double> m_startS, m_endS;
    std::size_t m_current = 0;
    bool m_stopRequested = false;
};

} // namespace pg::core
