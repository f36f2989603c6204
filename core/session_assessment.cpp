#include "session_assessment.h"

#include "models/capacity.h"
#include "models/ecm_fit.h"

#include <QDir>
#include <QJsonArray>
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

QJsonObject assessSession(const QString& dir, const QString& procedure, const PackRating& pack)
{
    auto series = models::readTimeSeriesFile(QDir(dir).filePath(QStringLiteral("timeseries.csv")).toStdString());
    if (!series)
        return { { QStringLiteral("error"), QString::fromStdString(series.error().toString()) } };
    QJsonObject out { { QStringLiteral("procedure"), procedure }, { QStringLiteral("samples"), static_cast<double>(series->size()) } };
    if (procedure == QLatin1String("capacity")) {
        auto cap = models::fullDischargeCapacity(*series);
        if (cap)
            out[QStringLiteral("capacity_ah")] = estimate(cap->capacityAh);
        else
            out[QStringLiteral("capacity_error")] = QString::fromStdString(cap.error().toString());
        if (cap)
            out[QStringLiteral("soh_capacity")] = cap->capacityAh.value / pack.capacityAh;
    } else if (procedure == QLatin1String("hppc")) {
        out[QStringLiteral("hppc")] = assessHppc(*series, pack);
        if (out[QStringLiteral("hppc")].toObject().contains(QStringLiteral("r0_ohm")))
            out[QStringLiteral("r0_ohm")] = out[QStringLiteral("hppc")].toObject()[QStringLiteral("r0_ohm")];
    }
    return out;
}

} // namespace pg::core
