#include "session_assessment.h"

#include "models/capacity.h"
#include "models/cell_capacity.h"
#include "models/ecm_fit.h"
#include "ocv_library.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <optional>

namespace pg::core {

namespace {

QJsonObject estimate(const models::Estimate& e)
{
    QJsonArray warnings;
    for (const auto& w : e.warnings)
        warnings.append(QString::fromStdString(w));
    return { { QStringLiteral("value"), e.value }, { QStringLiteral("stderr"), e.stderrValue },
        { QStringLiteral("method"), QString::fromStdString(e.method) }, { QStringLiteral("warnings"), warnings } };
}

models::TimeSeries slice(const models::TimeSeries& s, std::size_t from, std::size_t to)
{
    models::TimeSeries out;
    out.source = s.source;
    for (std::size_t k = from; k < to && k < s.size(); ++k) {
        out.timeS.push_back(s.timeS[k]);
        out.currentA.push_back(s.currentA[k]);
        out.voltageV.push_back(s.voltageV[k]);
    }
    return out;
}

QJsonObject assessHppc(const models::TimeSeries& s, const PackRating& pack)
{
    QJsonArray pulses;
    double sum = 0, sumW = 0;
    const double threshold = 0.5 * pack.capacityAh; // a 1C pulse after a rest
    for (std::size_t k = 1; k < s.size(); ++k) {
        if (!(s.currentA[k] > threshold && std::abs(s.currentA[k - 1]) < 0.05 * threshold))
            continue;
        std::size_t from = k;
        while (from > 0 && s.timeS[k] - s.timeS[from] < 5.0)
            --from;
        std::size_t to = k;
        while (to < s.size() && s.timeS[to] - s.timeS[k] < 50.0)
            ++to;
        models::EcmFitOptions o;
        o.rcCount = 2;
        auto fit = models::fitEcm(slice(s, from, to), o);
        QJsonObject p { { QStringLiteral("time_s"), s.timeS[k] } };
        if (!fit) {
            p[QStringLiteral("error")] = QString::fromStdString(fit.error().toString());
        } else {
            p[QStringLiteral("r0_ohm")] = estimate(fit->r0Ohm);
            p[QStringLiteral("r1_ohm")] = fit->r1Ohm.value;
            p[QStringLiteral("r2_ohm")] = fit->r2Ohm.value;
            p[QStringLiteral("rmse_v")] = fit->rmseV;
            const double w = 1.0 / std::max(1e-12, fit->r0Ohm.stderrValue * fit->r0Ohm.stderrValue);
            sum += w * fit->r0Ohm.value;
            sumW += w;
        }
        pulses.append(p);
    }
    QJsonObject out { { QStringLiteral("pulses"), pulses } };
    if (sumW > 0)
        out[QStringLiteral("r0_ohm")] = QJsonObject { { QStringLiteral("value"), sum / sumW },
            { QStringLiteral("stderr"), 1.0 / std::sqrt(sumW) }, { QStringLiteral("method"), QStringLiteral("hppc-2rc-vp, inverse-variance mean over pulses") } };
    return out;
}

} // namespace

namespace {

    // Each series element's voltage at the samples of `s` (cells.csv shares timeseries.csv's
    // time stamps): one series per element, or none when cells.csv is missing or does not cover
    // `s`.
    std::vector<models::TimeSeries> cellSeries(const models::TimeSeries& s, const QString& dir)
    {
        QFile f(QDir(dir).filePath(QStringLiteral("cells.csv")));
        if (dir.isEmpty() || !f.open(QIODevice::ReadOnly))
            return {};
        const QList<QByteArray> header = f.readLine().trimmed().split(',');
        const auto cells = std::count_if(header.begin(), header.end(),
            [](const QByteArray& h) { return h.startsWith("cell_"); });
        std::vector<models::TimeSeries> out(static_cast<std::size_t>(cells));
        std::size_t k = 0;
        while (!f.atEnd() && k < s.size()) {
            const QList<QByteArray> cols = f.readLine().trimmed().split(',');
            if (cols.size() != header.size() || cols[0].toDouble() < s.timeS[k] - 5e-4)
                continue; // before the slice, or a row cut short by a crash
            while (k < s.size() && s.timeS[k] < cols[0].toDouble() - 5e-4)
                ++k; // a sample without a BMS reading
            if (k >= s.size() || std::abs(s.timeS[k] - cols[0].toDouble()) > 5e-4)
                continue;
            for (qsizetype c = 0; c < cells; ++c) {
                models::TimeSeries& cs = out[static_cast<std::size_t>(c)];
                cs.timeS.push_back(s.timeS[k]);
                cs.currentA.push_back(s.currentA[k]);
                cs.voltageV.push_back(cols[c + 1].toDouble());
            }
            ++k;
        }
        return out;
    }

    // A capacity test stopped before the cut-off: the charge between the two rested OCV points over
    // the SoC change the OCV table reads. The pack holds what its weakest series element holds, and
    // the same charge moves that element's SoC the most: each element's capacity from its own
    // rested voltages (cells.csv), the smallest is the pack's. Without per-cell voltages, the mean
    // cell (pack voltage / series), said in the method.
    QJsonObject partialCapacityOf(
        const models::TimeSeries& s, const PackRating& pack, const QString& dir)
    {
        QString why;
        const auto table = chemistryOcvTable(pack.chemistry, &why);
        if (!table)
            return { { QStringLiteral("capacity_error"), why } };
        std::optional<models::CapacityResult> weakest;
        int weakestCell = -1, cellCount = 0;
        for (const models::TimeSeries& cs : cellSeries(s, dir)) {
            auto cap = models::partialCapacity(cs, *table);
            if (cap && (!weakest || cap->capacityAh.value < weakest->capacityAh.value)) {
                weakest = *cap;
                weakestCell = cellCount;
            }
            ++cellCount;
        }
        if (weakest) {
            return {
                { QStringLiteral("basis"),
                    QStringLiteral(
                        "the weakest series element's rested voltages (cells.csv, %1 elements)")
                        .arg(cellCount) },
                { QStringLiteral("capacity_ah"), estimate(weakest->capacityAh) },
                { QStringLiteral("soh_capacity"), weakest->capacityAh.value / pack.capacityAh },
                { QStringLiteral("start_soc"), weakest->startSoc },
                { QStringLiteral("end_soc"), weakest->endSoc },
                { QStringLiteral("weakest_cell"), weakestCell }
            };
        }
        models::TimeSeries perCell = s;
        for (double& v : perCell.voltageV)
            v /= std::max(1, pack.series);
        auto cap = models::partialCapacity(perCell, *table);
        if (!cap)
            return { { QStringLiteral("capacity_error"),
                QString::fromStdString(cap.error().toString()) } };
        return { { QStringLiteral("basis"),
                     QStringLiteral(
                         "the mean cell (pack voltage / series): no per-cell voltages") },
            { QStringLiteral("capacity_ah"), estimate(cap->capacityAh) },
            { QStringLiteral("soh_capacity"), cap->capacityAh.value / pack.capacityAh },
            { QStringLiteral("start_soc"), cap->startSoc },
            { QStringLiteral("end_soc"), cap->endSoc } };
    }

    QJsonValue estimateOrNull(const models::Estimate& e)
    {
        return e.valid() ? QJsonValue(estimate(e)) : QJsonValue();
    }

    // Per-cell capacities of a capacity test (charge to full, rest, discharge to the weakest
    // cell's floor, rest) from the cells' rested voltages (cells.csv): models::
    // estimateCellCapacities. {"error": why} when the session cannot give them.
    QJsonObject cellCapacityOf(const models::TimeSeries& s, const PackRating& pack, const QString& dir)
    {
        QString why;
        const auto table = chemistryOcvTable(pack.chemistry, &why);
        if (!table)
            return { { QStringLiteral("error"), why } };
        const std::vector<models::TimeSeries> cells = cellSeries(s, dir);
        if (cells.empty() || cells.front().size() == 0)
            return { { QStringLiteral("error"),
                QStringLiteral("no per-cell voltages in cells.csv during the test") } };
        std::vector<std::vector<double>> volts;
        for (const models::TimeSeries& c : cells)
            volts.push_back(c.voltageV);
        auto r = models::estimateCellCapacities(s, cells.front().timeS, volts, *table);
        if (!r)
            return { { QStringLiteral("error"), QString::fromStdString(r.error().toString()) } };
        QJsonArray list;
        for (const models::CellCapacity& c : r->cells) {
            QJsonObject o { { QStringLiteral("cell"), c.index },
                { QStringLiteral("determinable"), c.determinable },
                { QStringLiteral("capacity_ah"), estimateOrNull(c.capacityAh) },
                { QStringLiteral("start_ocv_v"), c.startOcvV }, { QStringLiteral("end_ocv_v"), c.endOcvV },
                { QStringLiteral("start_soc"), c.startSoc }, { QStringLiteral("end_soc"), c.endSoc },
                { QStringLiteral("start_slope_v_per_soc"), c.startSlopeVPerSoc },
                { QStringLiteral("end_slope_v_per_soc"), c.endSlopeVPerSoc } };
            if (!c.determinable)
                o[QStringLiteral("reason")] = QString::fromStdString(c.reason);
            list.append(o);
        }
        QJsonArray warnings;
        for (const std::string& w : r->warnings)
            warnings.append(QString::fromStdString(w));
        return { { QStringLiteral("cells"), list }, { QStringLiteral("charge_ah"), r->chargeAh },
            { QStringLiteral("from_s"), r->fromS }, { QStringLiteral("to_s"), r->toS },
            { QStringLiteral("determinable"), r->determinable },
            { QStringLiteral("min_ah"), estimateOrNull(r->minAh) },
            { QStringLiteral("max_ah"), estimateOrNull(r->maxAh) },
            { QStringLiteral("mean_ah"), estimateOrNull(r->meanAh) },
            { QStringLiteral("sigma_ah"), std::isfinite(r->sigmaAh) ? QJsonValue(r->sigmaAh) : QJsonValue() },
            { QStringLiteral("relative_spread"), estimateOrNull(r->relativeSpread) },
            { QStringLiteral("weakest_cell"), r->weakestCell },
            { QStringLiteral("strongest_cell"), r->strongestCell },
            { QStringLiteral("ocv_table"), QString::fromStdString(table->source()) },
            { QStringLiteral("warnings"), warnings } };
    }

// The estimates of one step from its own slice of the time series.
QJsonObject assessSeries(const models::TimeSeries& s, const QString& procedure,
    const PackRating& pack, bool partial = false, const QString& dir = {})
{
    if (partial) {
        QJsonObject out = partialCapacityOf(s, pack, dir);
        out[QStringLiteral("procedure")] = procedure;
        return out;
    }
    QJsonObject out { { QStringLiteral("procedure"), procedure }, { QStringLiteral("samples"), static_cast<double>(s.size()) } };
    if (procedure == QLatin1String("capacity")) {
        auto cap = models::fullDischargeCapacity(s);
        if (cap) {
            out[QStringLiteral("capacity_ah")] = estimate(cap->capacityAh);
            out[QStringLiteral("soh_capacity")] = cap->capacityAh.value / pack.capacityAh;
        } else {
            out[QStringLiteral("capacity_error")] = QString::fromStdString(cap.error().toString());
        }
        if (!dir.isEmpty())
            out[QStringLiteral("cell_capacity")] = cellCapacityOf(s, pack, dir);
    } else if (procedure == QLatin1String("hppc")) {
        const QJsonObject hppc = assessHppc(s, pack);
        out[QStringLiteral("hppc")] = hppc;
        if (hppc.contains(QStringLiteral("r0_ohm")))
            out[QStringLiteral("r0_ohm")] = hppc[QStringLiteral("r0_ohm")];
    }
    return out;
}

models::TimeSeries sliceByTime(const models::TimeSeries& s, double fromS, double toS)
{
    std::size_t from = 0, to = 0;
    while (from < s.size() && s.timeS[from] < fromS)
        ++from;
    to = from;
    while (to < s.size() && s.timeS[to] <= toS)
        ++to;
    return slice(s, from > 0 ? from - 1 : from, to); // one sample of the rest before the step
}

} // namespace

bool reachedCutoff(const QJsonObject& step)
{
    const QJsonObject result = step.value(QStringLiteral("result")).toObject();
    // Steps recorded before the capacity procedure said so: a completed step went to the cut-off.
    return result.contains(QStringLiteral("reached_cutoff")) ? result.value(QStringLiteral("reached_cutoff")).toBool()
                                                            : step.value(QStringLiteral("completed")).toBool();
}

QJsonObject asLowerBound(const QJsonObject& estimates, const PackRating& pack)
{
    QJsonObject out = estimates;
    const QJsonObject counted = out.value(QStringLiteral("capacity_ah")).toObject();
    for (const char* key : { "capacity_ah", "soh_capacity", "cell_capacity" })
        out.remove(QLatin1String(key));
    out[QStringLiteral("capacity_not_measured")] = QStringLiteral(
        "the capacity step ended before its discharge reached the cut-off (the weakest cell's floor) and was not stopped "
        "by the user: the charge counted is a lower bound of the capacity, not a measurement");
    if (counted.value(QStringLiteral("value")).isDouble() && pack.capacityAh > 0) {
        QJsonObject bound = counted;
        bound[QStringLiteral("method")] = QStringLiteral("coulomb count of a discharge stopped before the cut-off (lower bound)");
        out[QStringLiteral("capacity_lower_bound_ah")] = bound;
        out[QStringLiteral("soh_capacity_lower_bound")] = bound.value(QStringLiteral("value")).toDouble() / pack.capacityAh;
    }
    return out;
}

QJsonObject assessSession(const QString& dir, const QString& procedure, const PackRating& pack)
{
    auto series = models::readTimeSeriesFile(QDir(dir).filePath(QStringLiteral("timeseries.csv")).toStdString());
    if (!series)
        return { { QStringLiteral("error"), QString::fromStdString(series.error().toString()) } };
    return assessSeries(*series, procedure, pack, false, dir);
}

QJsonObject assessPlanSteps(const QString& dir, const QJsonObject& steps, const PackRating& pack)
{
    auto series = models::readTimeSeriesFile(QDir(dir).filePath(QStringLiteral("timeseries.csv")).toStdString());
    if (!series)
        return { { QStringLiteral("error"), QString::fromStdString(series.error().toString()) } };
    QJsonObject out;
    QJsonArray perStep;
    for (const QJsonValue& v : steps.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject step = v.toObject();
        const QString type = step.value(QStringLiteral("type")).toString();
        QJsonObject e { { QStringLiteral("type"), type }, { QStringLiteral("result"), step.value(QStringLiteral("result")) } };
        const double endS = step.value(QStringLiteral("end_s")).isDouble() ? step.value(QStringLiteral("end_s")).toDouble() : INFINITY;
        if ((type == QLatin1String("capacity") || type == QLatin1String("hppc")) && step.value(QStringLiteral("start_s")).isDouble()) {
            const QJsonObject result = step.value(QStringLiteral("result")).toObject();
            const bool partial = type == QLatin1String("capacity") && result.value(QStringLiteral("stopped_early")).toBool();
            QJsonObject a = assessSeries(
                sliceByTime(*series, step.value(QStringLiteral("start_s")).toDouble(), endS), type,
                pack, partial, dir);
            const QStringList boundKeys { QStringLiteral("capacity_lower_bound_ah"), QStringLiteral("soh_capacity_lower_bound"),
                QStringLiteral("capacity_not_measured") };
            if (type == QLatin1String("capacity") && !partial && !reachedCutoff(step)) {
                a = asLowerBound(a, pack);
                if (!out.contains(QStringLiteral("capacity_ah"))) { // an earlier step's measurement stands
                    for (const QString& key : boundKeys) {
                        if (a.contains(key))
                            out[key] = a[key];
                    }
                }
            } else if (a.contains(QStringLiteral("capacity_ah"))) {
                for (const QString& key : boundKeys)
                    out.remove(key);
            }
            for (const QString& key : { QStringLiteral("capacity_ah"), QStringLiteral("soh_capacity"), QStringLiteral("r0_ohm"), QStringLiteral("hppc"), QStringLiteral("cell_capacity") }) {
                if (a.contains(key))
                    out[key] = a[key]; // the last step that measured it
            }
            e[QStringLiteral("estimates")] = a;
        }
        perStep.append(e);
    }
    out[QStringLiteral("steps")] = perStep;
    return out;
}

} // namespace pg::core
