#include "session_grading.h"

#include "session_assessment.h"
#include "session_files.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

    // Recorded cell voltages are written with 0.1 mV resolution (SessionRecorder); BMS cell
    // temperatures are taken as +-0.5 degC sensors (house assumption, stated in the method).
    constexpr double kCellVoltageResolutionV = 1e-4;
    constexpr double kTemperatureStderrC = 0.5;

    // cells.csv's readings: the time column, and which columns are cell voltages and which
    // temperatures.
    struct CellRows {
        const SessionTable& table;
        std::vector<std::size_t> voltages, temperatures;

        explicit CellRows(const SessionTable& t)
            : table(t)
        {
            for (qsizetype c = 1; c < t.header.size(); ++c)
                (t.header[c].startsWith("cell_") ? voltages : temperatures)
                    .push_back(static_cast<std::size_t>(c));
        }
        std::size_t size() const { return table.rows(); }
        double timeS(std::size_t row) const { return table.columns[0][row]; }
        // Largest minus smallest of `columns` at `row` (readings that are NaN left out); NaN when
        // there is none.
        double spread(const std::vector<std::size_t>& columns, std::size_t row) const
        {
            double lo = INFINITY, hi = -INFINITY;
            for (const std::size_t c : columns) {
                const double v = table.columns[c][row];
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
            return hi >= lo ? hi - lo : std::nan("");
        }
    };

    // The bench time the load first drew or pushed current (the end of the opening rest).
    tl::expected<double, Error> firstLoadTime(const QString& seriesPath, double capacityAh)
    {
        const auto series = readSessionTable(seriesPath);
        if (!series)
            return tl::unexpected(series.error());
        const qsizetype t = series->indexOf("time_s"), i = series->indexOf("current_a");
        if (t < 0 || i < 0)
            return INFINITY;
        const std::vector<double>& amps = series->columns[static_cast<std::size_t>(i)];
        for (std::size_t k = 0; k < amps.size(); ++k) {
            if (std::abs(amps[k]) > 0.01 * capacityAh)
                return series->columns[static_cast<std::size_t>(t)][k];
        }
        return INFINITY;
    }

    models::Estimate restSpread(const CellRows& rows, double loadS)
    {
        std::vector<double> spreads;
        for (std::size_t k = 0; k < rows.size() && rows.timeS(k) < loadS; ++k)
            spreads.push_back(rows.spread(rows.voltages, k));
        models::Estimate e;
        if (spreads.empty() || !std::isfinite(spreads.front()))
            return e;
        double mean = 0, var = 0;
        for (double s : spreads)
            mean += s / static_cast<double>(spreads.size());
        for (double s : spreads)
            var += (s - mean) * (s - mean)
                / static_cast<double>(std::max<std::size_t>(1, spreads.size() - 1));
        e.value = mean;
        e.stderrValue = std::hypot(
            std::sqrt(var / static_cast<double>(spreads.size())), kCellVoltageResolutionV);
        e.method = "max - min cell voltage, mean over the opening rest ("
            + std::to_string(spreads.size()) + " samples)";
        return e;
    }

    models::Estimate temperatureSpread(const CellRows& rows, double loadS)
    {
        models::Estimate e;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (std::isfinite(loadS) && rows.timeS(k) < loadS)
                continue;
            const double s = rows.spread(rows.temperatures, k);
            if (std::isfinite(s) && !(s <= e.value))
                e.value = s;
        }
        if (!e.valid() || rows.temperatures.size() < 2)
            return {};
        e.stderrValue = kTemperatureStderrC;
        e.method = "largest max - min sensor temperature under load (sensors +-0.5 degC assumed)";
        return e;
    }

    models::Estimate estimateFromJson(const QJsonObject& o)
    {
        models::Estimate e;
        if (!o.contains(QStringLiteral("value")))
            return e;
        e.value = o.value(QStringLiteral("value")).toDouble();
        e.stderrValue = o.value(QStringLiteral("stderr")).toDouble();
        e.method = o.value(QStringLiteral("method")).toString().toStdString();
        return e;
    }

    void compareEstimate(SessionAssessment& s, const char* key)
    {
        const double now = s.recomputed.value(QLatin1String(key))
                               .toObject()
                               .value(QStringLiteral("value"))
                               .toDouble(NAN);
        const double then = s.recorded.value(QLatin1String(key))
                                .toObject()
                                .value(QStringLiteral("value"))
                                .toDouble(NAN);
        if (std::isnan(now) && std::isnan(then))
            return;
        if (!(std::abs(now - then) <= 1e-9 * std::max(std::abs(now), std::abs(then))))
            s.mismatches.append(QStringLiteral("%1: recorded %2, recomputed %3")
                                    .arg(QLatin1String(key))
                                    .arg(then, 0, 'g', 10)
                                    .arg(now, 0, 'g', 10));
    }

    void addMeasurement(SessionAssessment& s, const QString& kind, const models::Estimate& e,
        const QString& unit, const QString& file)
    {
        if (!e.valid())
            return;
        const QString path = QDir(s.dir).filePath(file);
        s.measurements.push_back({ kind, e.value, e.stderrValue, unit,
            QString::fromStdString(e.method), path, sha256OfFile(path).value_or(QString()) });
    }

    void fillIdentity(SessionAssessment& s)
    {
        Assessment& a = s.assessment;
        const QJsonObject& m = s.meta;
        // The serial the plan's identify step found (the BMS's, else typed) names the pack;
        // session.json's is the recorder's fallback (a simulated pack's spec hash).
        const QString identified
            = readJsonFileObject(QDir(s.dir).filePath(QStringLiteral("identity.json")))
                  .value(QStringLiteral("serial"))
                  .toString();
        a.packSerial
            = identified.isEmpty() ? m.value(QStringLiteral("pack_serial")).toString() : identified;
        if (a.packSerial.isEmpty())
            a.packSerial
                = QStringLiteral("SESSION-") + m.value(QStringLiteral("session_id")).toString();
        a.chemistry = m.value(QStringLiteral("chemistry")).toString();
        a.nominalCapacityAh = m.value(QStringLiteral("capacity_ah")).toDouble();
        a.nominalVoltageV = m.value(QStringLiteral("nominal_voltage_v")).toDouble();
    }

    void fillEstimates(SessionAssessment& s)
    {
        Assessment& a = s.assessment;
        const models::Estimate cap
            = estimateFromJson(s.recomputed.value(QStringLiteral("capacity_ah")).toObject());
        if (cap.valid() && a.nominalCapacityAh > 0) {
            a.sohCapacity
                = { cap.value / a.nominalCapacityAh, cap.stderrValue / a.nominalCapacityAh,
                      cap.method + " / nominal capacity", cap.warnings };
            addMeasurement(s, QStringLiteral("capacity_ah"), cap, QStringLiteral("Ah"),
                QStringLiteral("timeseries.csv"));
        } else if (s.recomputed.contains(QStringLiteral("capacity_not_measured"))) {
            // A discharge stopped short (safety stop, abort): what it counted is only a floor.
            const QString abortReason = s.meta.value(QStringLiteral("abort_reason")).toString();
            a.sohCapacityLowerBoundWhy
                = s.recomputed.value(QStringLiteral("capacity_not_measured")).toString()
                + (abortReason.isEmpty()
                        ? QStringLiteral(" (session outcome %1)")
                              .arg(s.meta.value(QStringLiteral("outcome")).toString())
                        : QStringLiteral(" (session %1: %2)")
                              .arg(s.meta.value(QStringLiteral("outcome")).toString(), abortReason));
            const models::Estimate bound = estimateFromJson(
                s.recomputed.value(QStringLiteral("capacity_lower_bound_ah")).toObject());
            if (bound.valid() && a.nominalCapacityAh > 0)
                a.sohCapacityLowerBound = { bound.value / a.nominalCapacityAh,
                    bound.stderrValue / a.nominalCapacityAh, bound.method + " / nominal capacity",
                    bound.warnings };
            s.notes.append(QStringLiteral("soh_capacity not measured, at least %1 (%2 Ah counted): %3")
                               .arg(a.sohCapacityLowerBound.value, 0, 'g', 3)
                               .arg(bound.value, 0, 'g', 4)
                               .arg(a.sohCapacityLowerBoundWhy));
        } else {
            s.notes.append(QStringLiteral(
                "soh_capacity not measured: the session holds no full discharge (procedure %1)")
                               .arg(s.meta.value(QStringLiteral("procedure")).toString()));
        }
        const models::Estimate r0
            = estimateFromJson(s.recomputed.value(QStringLiteral("r0_ohm")).toObject());
        const double r0New = s.meta.value(QStringLiteral("nominal_r0_ohm")).toDouble();
        if (r0.valid() && r0New > 0) {
            const double soh = r0New / r0.value;
            a.sohResistance
                = { soh, soh * r0.stderrValue / r0.value, "new-pack R0 / " + r0.method, {} };
            addMeasurement(s, QStringLiteral("r0_ohm"), r0, QStringLiteral("Ohm"),
                QStringLiteral("timeseries.csv"));
        } else {
            s.notes.append(r0.valid()
                    ? QStringLiteral(
                        "soh_resistance not measured: session.json gives no nominal_r0_ohm")
                    : QStringLiteral("soh_resistance not measured: no HPPC pulse in the session"));
        }
    }

    // A cells.csv that does not read (a row cut short, a reading that is no number) is refused
    // with its file and line, as timeseries.csv is: its spreads would be guesses.
    tl::expected<void, Error> fillCells(SessionAssessment& s)
    {
        const QDir d(s.dir);
        const auto table = readSessionTable(d.filePath(QStringLiteral("cells.csv")));
        if (!table)
            return tl::unexpected(table.error());
        const CellRows rows(*table);
        if (!table->skippedLines.empty())
            s.notes.append(table->skippedText());
        if (rows.size() == 0) {
            s.notes.append(
                QStringLiteral("no BMS cell readings in cells.csv: spreads not measured"));
            return {};
        }
        const auto loadS = firstLoadTime(
            d.filePath(QStringLiteral("timeseries.csv")), s.assessment.nominalCapacityAh);
        if (!loadS)
            return tl::unexpected(loadS.error());
        s.assessment.cellVoltageSpreadV = restSpread(rows, *loadS);
        s.assessment.temperatureSpreadC = temperatureSpread(rows, *loadS);
        addMeasurement(s, QStringLiteral("cell_voltage_spread_v"), s.assessment.cellVoltageSpreadV,
            QStringLiteral("V"), QStringLiteral("cells.csv"));
        addMeasurement(s, QStringLiteral("temperature_spread_c"), s.assessment.temperatureSpreadC,
            QStringLiteral("degC"), QStringLiteral("cells.csv"));
        return {};
    }

    // Per-cell capacities from the capacity test (session_assessment.cpp, cell_capacity): the
    // spread between cells becomes the assessment's capacity_spread, which the policy grades.
    void fillCellCapacities(SessionAssessment& s)
    {
        const QJsonObject o = s.recomputed.value(QStringLiteral("cell_capacity")).toObject();
        if (o.isEmpty() && s.recomputed.contains(QStringLiteral("capacity_not_measured")))
            s.notes.append(QStringLiteral("per-cell capacities and their spread not measured: the "
                                          "discharge did not reach the cut-off"));
        if (o.isEmpty())
            return;
        if (o.contains(QStringLiteral("error"))) {
            s.notes.append(QStringLiteral("per-cell capacities not measured: %1")
                               .arg(o.value(QStringLiteral("error")).toString()));
            return;
        }
        CellCapacities c;
        for (const QJsonValue& v : o.value(QStringLiteral("cells")).toArray()) {
            const QJsonObject cell = v.toObject();
            c.cellsAh.push_back(estimateFromJson(cell.value(QStringLiteral("capacity_ah")).toObject()));
            if (!cell.value(QStringLiteral("determinable")).toBool())
                c.notDeterminable.append(QStringLiteral("cell %1: %2")
                                             .arg(cell.value(QStringLiteral("cell")).toInt())
                                             .arg(cell.value(QStringLiteral("reason")).toString()));
        }
        c.minAh = estimateFromJson(o.value(QStringLiteral("min_ah")).toObject());
        c.maxAh = estimateFromJson(o.value(QStringLiteral("max_ah")).toObject());
        c.meanAh = estimateFromJson(o.value(QStringLiteral("mean_ah")).toObject());
        c.relativeSpread = estimateFromJson(o.value(QStringLiteral("relative_spread")).toObject());
        c.sigmaAh = o.value(QStringLiteral("sigma_ah")).toDouble(NAN);
        c.weakestCell = o.value(QStringLiteral("weakest_cell")).toInt(-1);
        if (c.relativeSpread.valid()) {
            s.assessment.capacitySpread = c.relativeSpread;
            addMeasurement(s, QStringLiteral("capacity_spread"), c.relativeSpread, QStringLiteral("1"),
                QStringLiteral("cells.csv"));
        } else {
            s.notes.append(QStringLiteral("capacity spread not measured: %1 of %2 cells' capacities "
                                          "determinable from the OCV (%3)")
                               .arg(o.value(QStringLiteral("determinable")).toInt())
                               .arg(c.cellsAh.size())
                               .arg(c.notDeterminable.join(QStringLiteral("; "))));
        }
        s.cellCapacities = std::move(c);
    }

    void fillBmsSnapshot(SessionAssessment& s)
    {
        const QJsonObject snap
            = readJsonFileObject(QDir(s.dir).filePath(QStringLiteral("bms_snapshot.json")));
        if (snap.value(QStringLiteral("soh_pct")).isDouble()) // null: the BMS sent none
            s.assessment.bmsSohCapacity = snap.value(QStringLiteral("soh_pct")).toDouble() / 100.0;
        else
            s.notes.append(QStringLiteral("the BMS's first snapshot gives no SoH: no cross-check"));
        if (snap.value(QStringLiteral("isolation_fault")).toBool())
            s.assessment.dtcClasses.append(QStringLiteral("isolation"));
        // The trouble codes the BMS reported (text, or a number a profile decoded): the policy's
        // DTC lists match them by code, by word, or all of them as "unclassified_dtc" (no table
        // classifies them, as in a log's precheck, log_precheck.cpp): grading.cpp.
        for (const QJsonValue& v : snap.value(QStringLiteral("dtcs")).toArray()) {
            const QString code
                = (v.isString() ? v.toString() : QString::number(v.toDouble())).trimmed();
            if (!code.isEmpty() && !s.assessment.dtcCodes.contains(code))
                s.assessment.dtcCodes.append(code);
        }
    }

} // namespace

tl::expected<SessionAssessment, Error> assessSessionFolder(const QString& dir)
{
    SessionAssessment s;
    s.dir = QDir(dir).absolutePath();
    auto meta = readSessionJson(s.dir);
    if (!meta)
        return tl::unexpected(meta.error());
    s.meta = *meta;
    if (s.meta.value(QStringLiteral("outcome")).toString() == QLatin1String("running"))
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral(
                "%1: the session is still marked running (interrupted?): close or resume it first "
                "(packgrade-cli session close|resume DIR)")
                .arg(QDir(s.dir).filePath(QStringLiteral("session.json"))) });
    if (auto manifest = verifyManifest(s.dir); !manifest)
        return tl::unexpected(manifest.error());
    fillIdentity(s);
    if (s.assessment.chemistry.isEmpty() || s.assessment.nominalCapacityAh <= 0)
        return tl::unexpected(Error { kExitBadInput,
            QStringLiteral("%1: expected chemistry and capacity_ah of the pack")
                .arg(QDir(s.dir).filePath(QStringLiteral("session.json"))) });
    const PackRating rating { s.assessment.chemistry,
        s.meta.value(QStringLiteral("series")).toInt(), s.assessment.nominalCapacityAh };
    // A plan's session (steps.json) is assessed step by step, each on its own time span, as the
    // plan runner did when it recorded it; a single-procedure session as a whole.
    const QJsonObject steps = readJsonFileObject(QDir(s.dir).filePath(QStringLiteral("steps.json")));
    s.recomputed = steps.contains(QStringLiteral("steps"))
        ? assessPlanSteps(s.dir, steps, rating)
        : assessSession(s.dir, s.meta.value(QStringLiteral("procedure")).toString(), rating);
    // A single capacity procedure without steps.json says nothing of its cut-off: a session that
    // did not complete did not reach it.
    if (!steps.contains(QStringLiteral("steps"))
        && s.meta.value(QStringLiteral("procedure")).toString() == QLatin1String("capacity")
        && s.meta.value(QStringLiteral("outcome")).toString() != QLatin1String("completed")
        && !s.recomputed.contains(QStringLiteral("error")))
        s.recomputed = asLowerBound(s.recomputed, rating);
    if (s.recomputed.contains(QStringLiteral("error")))
        return tl::unexpected(
            Error { kExitBadInput, s.recomputed.value(QStringLiteral("error")).toString() });
    s.recorded = readJsonFileObject(QDir(s.dir).filePath(QStringLiteral("estimates.json")));
    if (s.recorded.isEmpty())
        s.notes.append(QStringLiteral(
            "no estimates.json (the session was interrupted): estimates computed now only"));
    else
        for (const char* key : { "capacity_ah", "r0_ohm" })
            compareEstimate(s, key);
    fillEstimates(s);
    if (auto cells = fillCells(s); !cells)
        return tl::unexpected(cells.error());
    fillCellCapacities(s);
    fillBmsSnapshot(s);
    // The raw frame log: can.log from a bench or simulated bus (frames.log in older folders).
    for (const char* name : { "can.log", "frames.log" }) {
        const QString frameLog = QDir(s.dir).filePath(QLatin1String(name));
        if (s.frameLogSha256.isEmpty() && QFile::exists(frameLog))
            s.frameLogSha256 = sha256OfFile(frameLog).value_or(QString());
    }
    return s;
}

} // namespace pg::core
