// Procedures that only read the pack with the load off: pre-check and OCV rest.
#include "ocv_library.h"
#include "procedure.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <deque>

namespace pg::core {

namespace {

std::vector<double> cellsOf(const StepInput& in, int series)
{
    if (in.bms && !in.bms->cellVoltagesV.empty())
        return in.bms->cellVoltagesV;
    return { series > 0 ? in.load.voltageV / series : in.load.voltageV };
}

QJsonArray numbers(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

bool dtcIsHazard(const QString& dtc, const QStringList& hazardDtcs)
{
    return std::any_of(hazardDtcs.begin(), hazardDtcs.end(),
        [&](const QString& h) { return dtc.contains(h, Qt::CaseInsensitive); });
}

QJsonArray hazardsOf(const BmsReading& r, const SafetyLimits& limits, const PreCheckOptions& o)
{
    QJsonArray hazards;
    for (std::size_t k = 0; k < r.cellVoltagesV.size(); ++k) {
        if (r.cellVoltagesV[k] < limits.hazardFloorV)
            hazards.append(QStringLiteral("cell %1 at %2 V, under the %3 V floor of the chemistry (copper dissolution)")
                               .arg(k).arg(r.cellVoltagesV[k], 0, 'f', 3).arg(limits.hazardFloorV));
    }
    for (const QString& dtc : r.dtcs) {
        if (dtcIsHazard(dtc, o.hazardDtcs))
            hazards.append(QStringLiteral("trouble code %1 (swelling or thermal)").arg(dtc));
    }
    return hazards;
}

// Rest until every cell settles: |dV/dt| over a window under the threshold, or the maximum time.
class OcvProcedure : public Procedure {
public:
    OcvProcedure(PackRating pack, OcvOptions o)
        : m_pack(std::move(pack))
        , m_o(o)
    {
        m_table = chemistryOcvTable(m_pack.chemistry, &m_tableWhy);
    }
    QString name() const override { return QStringLiteral("ocv"); }
    Setpoint step(const StepInput& in) override
    {
        const double t = in.load.timeS;
        if (m_startS < 0) {
            m_startS = t;
            setPhase(QStringLiteral("rest until dV/dt < %1 mV/min").arg(m_o.thresholdVPerS * 60e3, 0, 'g', 3));
        }
        m_history.push_back({ t, cellsOf(in, m_pack.series) });
        while (m_history.size() > 2 && t - m_history[1].first >= m_o.windowS)
            m_history.pop_front();
        m_dvdt = slope();
        const double elapsed = t - m_startS;
        if (elapsed >= m_o.minS && m_dvdt < m_o.thresholdVPerS)
            finish(QStringLiteral("OCV settled after %1 s").arg(elapsed, 0, 'f', 0));
        else if (elapsed >= m_o.maxS)
            finish(QStringLiteral("OCV not settled after the maximum of %1 s (dV/dt %2 mV/min)")
                       .arg(m_o.maxS).arg(m_dvdt * 60e3, 0, 'f', 3));
        return {};
    }
    QJsonObject result() const override;

private:
    double slope() const
    {
        const auto& [t0, v0] = m_history.front();
        const auto& [t1, v1] = m_history.back();
        if (t1 - t0 < m_o.windowS || v0.size() != v1.size())
            return INFINITY;
        double worst = 0;
        for (std::size_t k = 0; k < v0.size(); ++k)
            worst = std::max(worst, std::abs(v1[k] - v0[k]) / (t1 - t0));
        return worst;
    }

    PackRating m_pack;
    OcvOptions m_o;
    std::shared_ptr<const models::OcvTable> m_table;
    QString m_tableWhy;
    std::deque<std::pair<double, std::vector<double>>> m_history;
    double m_startS = -1;
    double m_dvdt = INFINITY;
};

QJsonObject OcvProcedure::result() const
{
    if (m_history.empty())
        return {};
    const std::vector<double>& v = m_history.back().second;
    QJsonObject r { { QStringLiteral("ocv_v"), numbers(v) },
        { QStringLiteral("settled"), m_dvdt < m_o.thresholdVPerS },
        { QStringLiteral("dv_dt_v_per_s"), std::isfinite(m_dvdt) ? QJsonValue(m_dvdt) : QJsonValue() },
        { QStringLiteral("rest_s"), m_history.back().first - m_startS } };
    if (!m_table) {
        r[QStringLiteral("soc_error")] = m_tableWhy;
        return r;
    }
    std::vector<double> soc;
    for (double x : v)
        soc.push_back(m_table->socFromOcv(x));
    r[QStringLiteral("soc")] = numbers(soc);
    r[QStringLiteral("ocv_table")] = QString::fromStdString(m_table->source());
    return r;
}

class PreCheckProcedure : public Procedure {
public:
    PreCheckProcedure(SafetyLimits limits, PreCheckOptions o)
        : m_limits(limits)
        , m_o(std::move(o))
    {
    }
    QString name() const override { return QStringLiteral("precheck"); }
    bool passive() const override { return true; }
    Setpoint step(const StepInput& in) override
    {
        const double t = in.load.timeS;
        if (m_startS < 0) {
            m_startS = t;
            setPhase(QStringLiteral("reading the pack at rest"));
        }
        if (in.bms)
            m_findings = preCheckFindings(*in.bms, m_limits, m_o);
        if (t - m_startS < m_o.durationS)
            return {};
        if (m_findings.value(QStringLiteral("verdict")).toString() == QLatin1String("recycle-hazard")) {
            m_stopsPlan = true;
            finish(QStringLiteral("recycle hazard: ") + m_findings.value(QStringLiteral("hazards")).toArray().first().toString());
        } else {
            finish(QStringLiteral("pre-check read, the pack may be tested"));
        }
        return {};
    }
    QJsonObject result() const override { return m_findings; }

private:
    SafetyLimits m_limits;
    PreCheckOptions m_o;
    QJsonObject m_findings;
    double m_startS = -1;
};

QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

} // namespace

QJsonObject preCheckFindings(const BmsReading& r, const SafetyLimits& limits, const PreCheckOptions& o)
{
    QJsonObject f;
    if (!r.cellVoltagesV.empty()) {
        const auto [lo, hi] = std::minmax_element(r.cellVoltagesV.begin(), r.cellVoltagesV.end());
        f[QStringLiteral("min_cell_v")] = *lo;
        f[QStringLiteral("max_cell_v")] = *hi;
        f[QStringLiteral("cell_spread_v")] = *hi - *lo;
        f[QStringLiteral("weakest_cell")] = static_cast<int>(lo - r.cellVoltagesV.begin());
    }
    if (!r.temperaturesC.empty()) {
        const auto [lo, hi] = std::minmax_element(r.temperaturesC.begin(), r.temperaturesC.end());
        f[QStringLiteral("min_temp_c")] = *lo;
        f[QStringLiteral("max_temp_c")] = *hi;
    }
    f[QStringLiteral("bms_soc_pct")] = optionalNumber(r.socPct);
    f[QStringLiteral("bms_soh_pct")] = optionalNumber(r.sohPct);
    f[QStringLiteral("dtcs")] = QJsonArray::fromStringList(r.dtcs);
    f[QStringLiteral("isolation_fault")] = r.isolationFault;
    const QJsonArray hazards = hazardsOf(r, limits, o);
    f[QStringLiteral("hazards")] = hazards;
    f[QStringLiteral("verdict")] = hazards.isEmpty() ? QStringLiteral("testable") : QStringLiteral("recycle-hazard");
    // Provisional grade input until the tests measure: the BMS's own state of health.
    f[QStringLiteral("provisional_soh")] = r.sohPct ? QJsonValue(*r.sohPct / 100.0) : QJsonValue();
    return f;
}

std::unique_ptr<Procedure> makeOcvProcedure(const PackRating& pack, const OcvOptions& options)
{
    return std::make_unique<OcvProcedure>(pack, options);
}

std::unique_ptr<Procedure> makePreCheckProcedure(const PackRating&, const SafetyLimits& limits, const PreCheckOptions& options)
{
    return std::make_unique<PreCheckProcedure>(limits, options);
}

} // namespace pg::core
