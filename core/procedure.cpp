#include "procedure.h"

#include "procedure_util.h"

#include <algorithm>
#include <limits>

namespace pg::core {

QStringList Procedure::takeEvents()
{
    QStringList out;
    out.swap(m_events);
    return out;
}

void Procedure::setPhase(const QString& phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    m_events.append(QStringLiteral("phase: ") + phase);
}

void Procedure::finish(const QString& why)
{
    m_done = true;
    m_events.append(QStringLiteral("done: ") + why);
}

namespace {

using detail::maxCellV;
using detail::minCellV;

// How much larger the next level's pulse drop may be than the last one's: lower SoC (higher R0,
// steeper OCV) and a pulse that lasts a sample longer than asked at high simulator speed.
constexpr double kDropGrowth = 1.5;

class HppcProcedure : public Procedure {
public:
    HppcProcedure(PackRating pack, SafetyLimits limits, HppcOptions o)
        : m_pack(std::move(pack))
        , m_limits(limits)
        , m_o(o)
    {
        m_pulseA = std::min(m_pack.capacityAh * m_o.pulseCRate, m_limits.maxCurrentA);
    }
    QString name() const override { return QStringLiteral("hppc"); }
    QJsonObject result() const override
    {
        QJsonObject o { { QStringLiteral("levels_planned"), m_o.levels },
            { QStringLiteral("levels_pulsed"), m_pulsed } };
        if (!m_skipped.isEmpty())
            o[QStringLiteral("skipped")] = m_skipped;
        return o;
    }
    Setpoint step(const StepInput& in) override
    {
        const double t = in.load.timeS;
        if (m_stageStartS < 0)
            enterStage(0, t);
        advance(in, t);
        switch (m_stage) {
        case 1:
            return { Setpoint::Mode::Discharge, m_pulseA, 0 };
        case 3:
            return { Setpoint::Mode::Charge, 0.75 * m_pulseA, m_chargeLimitV };
        case 5:
            return { Setpoint::Mode::Discharge, m_pack.capacityAh / 3.0, 0 };
        default:
            return {};
        }
    }

private:
    // Stages: 0 rest, 1 discharge pulse, 2 rest, 3 charge pulse, 4 rest, 5 C/3 to the next level.
    void advance(const StepInput& in, double t)
    {
        const double inStage = t - m_stageStartS;
        const double durations[] = { m_o.restS, m_o.pulseS, m_o.pulseRestS, m_o.pulseS, m_o.pulseRestS };
        if (m_stage == 1)
            trackPulse(in);
        if (m_stage < 5 && inStage >= durations[m_stage]) {
            if (m_stage == 4 && m_level + 1 >= m_o.levels) {
                finish(QStringLiteral("%1 levels done").arg(m_o.levels));
                return;
            }
            if (m_stage == 0 && skipLevel(in))
                return;
            if (m_stage == 1)
                m_dropV = std::max(
                    m_restMinV - m_pulseMinV, (m_restPackV - m_pulsePackV) / m_pack.series);
            if (m_stage == 2) // the supply's CV limit keeps the highest cell under its maximum
                m_chargeLimitV = in.load.voltageV + std::max(0.0, m_limits.cutoffMaxV - maxCellV(in, m_pack.series));
            enterStage(m_stage + 1, t);
            return;
        }
        if (m_stage == 1 && minCellV(in, m_pack.series) <= m_limits.cutoffMinV) {
            finish(QStringLiteral("the discharge pulse reached the cut-off at level %1").arg(m_level + 1));
            return;
        }
        if (m_stage == 5) {
            m_stepAh += in.load.currentA * std::max(0.0, t - m_lastS) / 3600.0;
            if (minCellV(in, m_pack.series) <= m_limits.cutoffMinV) {
                finish(QStringLiteral("the cut-off was reached before level %1").arg(m_level + 2));
                return;
            }
            if (m_stepAh >= m_o.stepSoc * m_pack.capacityAh) {
                ++m_level;
                enterStage(0, t);
            }
        }
        m_lastS = t;
    }
    // The weakest cell and the pack at the end of the rest, and their lowest under the pulse.
    void trackPulse(const StepInput& in)
    {
        m_pulseMinV = std::min(m_pulseMinV, minCellV(in, m_pack.series));
        m_pulsePackV = std::min(m_pulsePackV, in.load.voltageV);
    }
    // Before a level's discharge pulse: the weakest cell at rest less the drop the previous
    // level's pulse caused (the larger of the weakest cell's and the mean cell's, grown by
    // kDropGrowth for the lower SoC and a pulse that ends a sample late) must stay above the
    // cut-off; otherwise the HPPC stops descending here, in order, and says why. At 1000x one
    // sample is 5-20 s of simulated time, and an aged pack's weakest cell near empty falls
    // through the cut-off and the safety floor within one sample: predicting beats reacting.
    bool skipLevel(const StepInput& in)
    {
        const double restV = minCellV(in, m_pack.series);
        m_restMinV = restV;
        m_restPackV = in.load.voltageV;
        m_pulseMinV = restV;
        m_pulsePackV = in.load.voltageV;
        const double expectedV = restV - kDropGrowth * m_dropV;
        if (m_dropV <= 0 || expectedV >= m_limits.cutoffMinV)
            return false;
        const QString why = QStringLiteral(
            "level %1 skipped: the weakest cell rests at %2 V and the previous pulse "
            "took %3 V off it; a pulse here would take it to about %4 V, under the "
            "cut-off of %5 V")
                                .arg(m_level + 1)
                                .arg(restV, 0, 'f', 3)
                                .arg(m_dropV, 0, 'f', 3)
                                .arg(expectedV, 0, 'f', 3)
                                .arg(m_limits.cutoffMinV);
        m_skipped = QJsonObject { { QStringLiteral("level"), m_level + 1 },
            { QStringLiteral("rest_min_cell_v"), restV },
            { QStringLiteral("previous_drop_v"), m_dropV },
            { QStringLiteral("expected_min_cell_v"), expectedV },
            { QStringLiteral("cutoff_v"), m_limits.cutoffMinV }, { QStringLiteral("why"), why } };
        finish(QStringLiteral("%1 of %2 levels done; %3").arg(m_level).arg(m_o.levels).arg(why));
        return true;
    }
    void enterStage(int stage, double t)
    {
        static const char* const kNames[] = { "rest", "discharge pulse", "rest after discharge pulse", "charge pulse",
            "rest after charge pulse", "C/3 discharge to the next level" };
        m_stage = stage;
        m_pulsed += stage == 1 ? 1 : 0;
        m_stageStartS = t;
        m_lastS = t;
        m_stepAh = 0;
        setPhase(QStringLiteral("level %1: %2").arg(m_level + 1).arg(QLatin1String(kNames[stage])));
    }

    PackRating m_pack;
    SafetyLimits m_limits;
    HppcOptions m_o;
    double m_pulseA = 0;
    double m_chargeLimitV = 0;
    int m_stage = 0;
    int m_level = 0;
    double m_stageStartS = -1;
    double m_lastS = 0;
    double m_stepAh = 0;
    double m_restMinV = 0, m_restPackV = 0, m_pulseMinV = 0, m_pulsePackV = 0;
    double m_dropV = 0; // what the last discharge pulse took off the weakest cell
    int m_pulsed = 0;
    QJsonObject m_skipped;
};

} // namespace

std::unique_ptr<Procedure> makeHppcProcedure(const PackRating& pack, const SafetyLimits& limits, const HppcOptions& options)
{
    return std::make_unique<HppcProcedure>(pack, limits, options);
}

} // namespace pg::core
