// The capacity test and the charge to full it starts with.
#include "procedure.h"
#include "procedure_util.h"

#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

using detail::maxCellV;
using detail::minCellV;

// CC-CV to the chemistry's maximum. The supply's voltage limit is the pack voltage plus the
// headroom of the highest cell (never above series x maximum): even if all of it went to that
// cell it would reach its maximum and no more, however long until the next sample. So an
// unbalanced pack is charged until its fullest cell is full (the one a capacity test measures
// from), never past it, and the current tapers as that cell arrives.
class CcCvCharger {
public:
    CcCvCharger(const PackRating& pack, const SafetyLimits& limits, const CapacityOptions& o)
        : m_series(pack.series)
        , m_cellMaxV(limits.cutoffMaxV)
        , m_currentA(std::min(o.chargeCRate * pack.capacityAh, limits.maxCurrentA))
        , m_taperA(o.taperCRate * pack.capacityAh)
        , m_packMaxV(limits.cutoffMaxV * pack.series)
        , m_limitV(m_packMaxV)
    {
    }
    // True once the current has tapered under the cut-off in CV.
    bool full(const StepInput& in)
    {
        const double t = in.load.timeS;
        if (m_startS < 0)
            m_startS = t;
        m_headroomV = m_cellMaxV - maxCellV(in, m_series);
        const double wanted = std::min(m_packMaxV, in.load.voltageV + m_headroomV);
        if (m_startS == t || wanted < m_limitV - 0.001 || wanted > m_limitV + 0.01) // fewer commands
            m_limitV = wanted;
        m_chargedAh += std::max(0.0, -in.load.currentA) * std::max(0.0, t - m_lastS) / 3600.0;
        m_lastS = t;
        return t - m_startS > 30.0 && -in.load.currentA < m_taperA;
    }
    // The current also falls as the fullest cell nears its maximum (from 50 mV below it), so a
    // slow sample rate cannot let much charge through past it between two samples.
    Setpoint setpoint() const
    {
        const double approach = std::clamp(m_headroomV / kApproachV, 0.0, 1.0);
        return { Setpoint::Mode::Charge, std::max(2.0 * m_taperA, m_currentA * approach), m_limitV };
    }
    double chargedAh() const { return m_chargedAh; }
    double taperA() const { return m_taperA; }

private:
    int m_series;
    double m_cellMaxV;
    double m_currentA;
    double m_taperA;
    static constexpr double kApproachV = 0.05;
    double m_packMaxV;
    double m_limitV;
    double m_headroomV = 1.0;
    double m_startS = -1;
    double m_lastS = 0;
    double m_chargedAh = 0;
};

class ChargeProcedure : public Procedure {
public:
    ChargeProcedure(const PackRating& pack, const SafetyLimits& limits, const CapacityOptions& o)
        : m_charger(pack, limits, o)
        , m_restS(o.restS)
    {
    }
    QString name() const override { return QStringLiteral("charge"); }
    Setpoint step(const StepInput& in) override
    {
        const double t = in.load.timeS;
        if (m_restStartS < 0) {
            setPhase(QStringLiteral("CC-CV charge to full (taper at %1 A)").arg(m_charger.taperA(), 0, 'f', 3));
            if (!m_charger.full(in))
                return m_charger.setpoint();
            m_restStartS = t;
            setPhase(QStringLiteral("rest after the charge"));
        }
        if (t - m_restStartS >= m_restS)
            finish(QStringLiteral("charged to full, %1 Ah in").arg(m_charger.chargedAh(), 0, 'f', 3));
        return {};
    }
    QJsonObject result() const override { return { { QStringLiteral("charged_ah"), m_charger.chargedAh() } }; }

private:
    CcCvCharger m_charger;
    double m_restS;
    double m_restStartS = -1;
};

class CapacityProcedure : public Procedure {
public:
    CapacityProcedure(PackRating pack, SafetyLimits limits, CapacityOptions o)
        : m_pack(std::move(pack))
        , m_limits(limits)
        , m_o(std::move(o))
        , m_charger(m_pack, m_limits, m_o)
    {
    }
    QString name() const override { return QStringLiteral("capacity"); }
    Setpoint step(const StepInput& in) override
    {
        const double t = in.load.timeS;
        if (m_stageStartS < 0)
            enter(m_o.chargeFirst ? Stage::Charge : Stage::RestFull, t);
        count(in, t);
        advance(in, t);
        return setpoint();
    }
    void requestStop() override
    {
        if (m_stage != Stage::Discharge || m_done) {
            finish(QStringLiteral("stopped early by the user"));
            return;
        }
        m_stoppedEarly = true;
        m_o.storageSoc.reset();
        m_events.append(QStringLiteral("stopped early: rest, then a partial capacity from the two rested OCVs"));
        m_pendingStop = true;
    }
    QJsonObject result() const override
    {
        QJsonObject r { { QStringLiteral("charged_to_full"), m_o.chargeFirst }, { QStringLiteral("stopped_early"), m_stoppedEarly },
            { QStringLiteral("charge_ah"), m_charger.chargedAh() }, { QStringLiteral("discharged_ah"), m_dischargedAh },
            { QStringLiteral("reached_cutoff"), m_reachedCutoff } };
        if (m_o.storageSoc)
            r[QStringLiteral("storage_charge_ah")] = m_storageAh;
        return r;
    }

private:
    enum class Stage { Charge, RestFull, Discharge, RestEmpty, Storage };

    void count(const StepInput& in, double t)
    {
        const double dtH = std::max(0.0, t - m_lastS) / 3600.0;
        m_lastS = t;
        if (m_stage == Stage::Discharge)
            m_dischargedAh += in.load.currentA * dtH;
        if (m_stage == Stage::Storage)
            m_storageAh -= in.load.currentA * dtH;
    }
    void advance(const StepInput& in, double t)
    {
        const double inStage = t - m_stageStartS;
        switch (m_stage) {
        case Stage::Charge:
            if (m_charger.full(in))
                enter(Stage::RestFull, t);
            break;
        case Stage::RestFull:
            if (inStage >= m_o.restS)
                enter(Stage::Discharge, t);
            break;
        case Stage::Discharge:
            if (m_pendingStop) {
                enter(Stage::RestEmpty, t);
            } else if (minCellV(in, m_pack.series) <= m_limits.cutoffMinV) {
                m_reachedCutoff = true;
                enter(Stage::RestEmpty, t);
            }
            break;
        case Stage::RestEmpty:
            if (inStage < m_o.finalRestS)
                break;
            if (!m_o.storageSoc)
                finish(QStringLiteral("discharged %1 Ah %2").arg(m_dischargedAh, 0, 'f', 3)
                           .arg(m_stoppedEarly ? QStringLiteral("(stopped early)") : QStringLiteral("to the cut-off")));
            else
                enter(Stage::Storage, t);
            break;
        case Stage::Storage:
            if (m_storageAh >= *m_o.storageSoc * m_dischargedAh || maxCellV(in, m_pack.series) >= m_limits.cutoffMaxV)
                finish(QStringLiteral("charged back %1 Ah to a storage SoC of %2").arg(m_storageAh, 0, 'f', 3).arg(*m_o.storageSoc));
            break;
        }
    }
    Setpoint setpoint() const
    {
        if (m_done)
            return {};
        switch (m_stage) {
        case Stage::Charge:
            return m_charger.setpoint();
        case Stage::Discharge:
            return { Setpoint::Mode::Discharge, std::min(m_o.dischargeCRate * m_pack.capacityAh, m_limits.maxCurrentA), 0 };
        case Stage::Storage:
            return { Setpoint::Mode::Charge, std::min(m_pack.capacityAh / 3.0, m_limits.maxCurrentA),
                m_limits.cutoffMaxV * m_pack.series };
        default:
            return {};
        }
    }
    void enter(Stage stage, double t)
    {
        static const char* const kNames[] = { "CC-CV charge to full", "rest before discharge",
            "CC discharge to the cut-off of the pack and the weakest cell", "rest after discharge",
            "charge back to the storage SoC" };
        m_stage = stage;
        m_stageStartS = t;
        setPhase(QLatin1String(kNames[static_cast<int>(stage)]));
    }

    PackRating m_pack;
    SafetyLimits m_limits;
    CapacityOptions m_o;
    CcCvCharger m_charger;
    Stage m_stage = Stage::Charge;
    double m_stageStartS = -1;
    double m_lastS = 0;
    double m_dischargedAh = 0;
    double m_storageAh = 0;
    bool m_reachedCutoff = false;
    bool m_stoppedEarly = false;
    bool m_pendingStop = false;
};

} // namespace

std::unique_ptr<Procedure> makeCapacityProcedure(const PackRating& pack, const SafetyLimits& limits,
    const CapacityOptions& options)
{
    return std::make_unique<CapacityProcedure>(pack, limits, options);
}

std::unique_ptr<Procedure> makeChargeProcedure(const PackRating& pack, const SafetyLimits& limits,
    const CapacityOptions& options)
{
    return std::make_unique<ChargeProcedure>(pack, limits, options);
}

} // namespace pg::core
