#include "session_assessment.h"

#include "ocv_library.h"

#include "models/capacity.h"
#include "models/ecm_fit.h"

#include <QDir>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

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

// A capacity test stopped before the cut-off: the charge between the two rested OCV points over
// the SoC change the OCV table reads from the mean cell voltage (pack voltage / series).
QJsonObject partialCapacityOf(const models::TimeSeries& s, const PackRating& pack)
{
    QString why;
    const auto table = chemistryOcvTable(pack.chemistry, &why);
    if (!table)
        return { { QStringLiteral("capacity_error"), why } };
    models::TimeSeries perCell = s;
    for (double& v : perCell.voltageV)
        v /= std::max(1, pack.series);
    auto cap = models::partialCapacity(perCell, *table);
    if (!cap)
        return { { QStringLiteral("capacity_error"), QString::fromStdString(cap.error().toString()) } };
    return { { QStringLiteral("capacity_ah"), estimate(cap->capacityAh) },
        { QStringLiteral("soh_capacity"), cap->capacityAh.value / pack.capacityAh },
        { QStringLiteral("start_soc"), cap->startSoc }, { QStringLiteral("end_soc"), cap->endSoc } };
}

// The estimates of one step from its own slice of the time series.
QJsonObject assessSeries(const models::TimeSeries& s, const QString& procedure, const PackRating& pack, bool partial = false)
{
    if (partial) {
        QJsonObject out = partialCapacityOf(s, pack);
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

QJsonObject assessSession(const QString& dir, const QString& procedure, const PackRating& pack)
{
    auto series = models::readTimeSeriesFile(QDir(dir).filePath(QStringLiteral("timeseries.csv")).toStdString());
    if (!series)
        return { { QStringLiteral("error"), QString::fromStdString(series.error().toString()) } };
    return assessSeries(*series, procedure, pack);
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
            const bool partial = type == QLatin1String("capacity")
                && step.value(QStringLiteral("result")).toObject().value(QStringLiteral("stopped_early")).toBool();
            const QJsonObject a = assessSeries(sliceByTime(*series, step.value(QStringLiteral("start_s")).toDouble(), endS), type, pack, partial);
            for (const QString& key : { QStringLiteral("capacity_ah"), QStringLiteral("soh_capacity"), QStringLiteral("r0_ohm"), QStringLiteral("hppc") }) {
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
