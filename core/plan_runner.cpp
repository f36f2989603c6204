#include "plan_runner.h"

#include "inventory.h"
#include "procedure_sequence.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

namespace pg::core {

namespace {

double number(const QJsonObject& o, const char* key, double fallback)
{
    return o.value(QLatin1String(key)).toDouble(fallback);
}

std::unique_ptr<Procedure> makeCapacityStep(const PlanStep& s, const PlanContext& c)
{
    CapacityOptions o;
    o.chargeFirst = s.options.value(QStringLiteral("charge_first")).toBool(o.chargeFirst);
    o.chargeCRate = number(s.options, "charge_c_rate", o.chargeCRate);
    o.taperCRate = number(s.options, "taper_c_rate", o.taperCRate);
    o.restS = number(s.options, "rest_s", o.restS);
    o.dischargeCRate = number(s.options, "discharge_c_rate", o.dischargeCRate);
    o.finalRestS = number(s.options, "final_rest_s", o.finalRestS);
    if (s.options.value(QStringLiteral("storage_soc")).isDouble())
        o.storageSoc = s.options.value(QStringLiteral("storage_soc")).toDouble();
    if (s.type == QLatin1String("charge")) {
        o.chargeCRate = number(s.options, "c_rate", o.chargeCRate);
        return makeChargeProcedure(c.pack, c.limits, o);
    }
    return makeCapacityProcedure(c.pack, c.limits, o);
}

std::unique_ptr<Procedure> makeStep(const PlanStep& s, const PlanContext& c)
{
    if (s.type == QLatin1String("precheck")) {
        PreCheckOptions o;
        o.durationS = number(s.options, "duration_s", o.durationS);
        if (s.options.contains(QStringLiteral("hazard_dtcs")))
            o.hazardDtcs = s.options.value(QStringLiteral("hazard_dtcs")).toVariant().toStringList();
        return makePreCheckProcedure(c.pack, c.limits, o);
    }
    if (s.type == QLatin1String("ocv")) {
        OcvOptions o;
        o.thresholdVPerS = number(s.options, "threshold_mv_per_min", o.thresholdVPerS * 60e3) / 60e3;
        o.windowS = number(s.options, "window_s", o.windowS);
        o.minS = number(s.options, "min_s", o.minS);
        o.maxS = number(s.options, "max_s", o.maxS);
        return makeOcvProcedure(c.pack, o);
    }
    if (s.type == QLatin1String("hppc")) {
        HppcOptions o;
        o.levels = static_cast<int>(number(s.options, "levels", o.levels));
        o.stepSoc = number(s.options, "step_soc", o.stepSoc);
        o.pulseCRate = number(s.options, "pulse_c_rate", o.pulseCRate);
        o.restS = number(s.options, "rest_s", o.restS);
        o.pulseS = number(s.options, "pulse_s", o.pulseS);
        o.pulseRestS = number(s.options, "pulse_rest_s", o.pulseRestS);
        return makeHppcProcedure(c.pack, c.limits, o);
    }
    return makeCapacityStep(s, c); // capacity, charge
}

void writeJson(SessionRecorder& recorder, const char* name, const QJsonObject& o)
{
    QSaveFile f(recorder.path(name));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(o).toJson());
        f.commit();
    }
}

QJsonObject planJson(const TestPlan& plan)
{
    QJsonArray steps;
    for (const PlanStep& s : plan.steps)
        steps.append(QJsonObject { { QStringLiteral("type"), s.type }, { QStringLiteral("options"), s.options } });
    return { { QStringLiteral("name"), plan.name }, { QStringLiteral("source"), plan.source }, { QStringLiteral("steps"), steps } };
}

// The BMS's first message: waits a little (real time) for a BMS that has not spoken yet.
std::optional<BmsReading> firstReading(BmsSource& bms, int waitMs)
{
    QElapsedTimer waited;
    waited.start();
    auto r = bms.latest();
    while (!r && waited.elapsed() < waitMs) {
        QThread::msleep(10);
        r = bms.latest();
    }
    return r;
}

QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

QJsonObject inventoryLookup(Inventory& inventory, const QString& serial)
{
    const auto found = inventory.packBySerial(serial);
    if (!found)
        return { { QStringLiteral("error"), found.error().message } };
    if (!*found)
        return { { QStringLiteral("seen_before"), false } };
    const PackRecord& p = **found;
    return { { QStringLiteral("seen_before"), true }, { QStringLiteral("id"), p.id },
        { QStringLiteral("last_grade"), p.lastGrade.isEmpty() ? QJsonValue() : QJsonValue(p.lastGrade) },
        { QStringLiteral("last_graded_at"), p.lastGradedAt.isEmpty() ? QJsonValue() : QJsonValue(p.lastGradedAt) } };
}

} // namespace

QJsonObject bmsSnapshotJson(const BmsReading& r)
{
    QJsonArray cells, temps;
    for (double v : r.cellVoltagesV)
        cells.append(v);
    for (double t : r.temperaturesC)
        temps.append(t);
    return { { QStringLiteral("time_s"), r.timeS }, { QStringLiteral("soc_pct"), optionalNumber(r.socPct) },
        { QStringLiteral("soh_pct"), optionalNumber(r.sohPct) }, { QStringLiteral("capacity_ah"), optionalNumber(r.capacityAh) },
        { QStringLiteral("cycles"), optionalNumber(r.cycles) }, { QStringLiteral("dtcs"), QJsonArray::fromStringList(r.dtcs) },
        { QStringLiteral("serial"), r.serial.isEmpty() ? QJsonValue() : QJsonValue(r.serial) },
        { QStringLiteral("isolation_fault"), r.isolationFault }, { QStringLiteral("cell_voltages_v"), cells },
        { QStringLiteral("temperatures_c"), temps } };
}

QJsonObject identityJson(const std::optional<BmsReading>& r, const PlanContext& c)
{
    const QString bmsSerial = r ? r->serial : QString();
    const QString serial = !bmsSerial.isEmpty() ? bmsSerial : c.typedSerial.trimmed();
    QJsonObject o { { QStringLiteral("serial"), serial.isEmpty() ? QJsonValue() : QJsonValue(serial) },
        { QStringLiteral("serial_source"), !bmsSerial.isEmpty() ? QStringLiteral("bms")
                                               : (serial.isEmpty() ? QStringLiteral("none") : QStringLiteral("typed")) },
        { QStringLiteral("chemistry"), c.pack.chemistry }, { QStringLiteral("series"), c.pack.series },
        { QStringLiteral("capacity_ah"), c.pack.capacityAh } };
    if (!bmsSerial.isEmpty() && !c.typedSerial.trimmed().isEmpty() && c.typedSerial.trimmed() != bmsSerial)
        o[QStringLiteral("warning")] = QStringLiteral("typed serial %1 differs from the BMS's %2").arg(c.typedSerial.trimmed(), bmsSerial);
    if (c.inventory && !serial.isEmpty())
        o[QStringLiteral("inventory")] = inventoryLookup(*c.inventory, serial);
    if (r && !r->cellVoltagesV.empty()) {
        const int cells = static_cast<int>(r->cellVoltagesV.size());
        o[QStringLiteral("bms_cell_count")] = cells;
        if (cells != c.pack.series)
            o[QStringLiteral("warning")] = QStringLiteral("the BMS reports %1 cells, the rating says %2 in series").arg(cells).arg(c.pack.series);
    }
    return o;
}

PlanResult runPlan(const TestPlan& plan, const PlanContext& c, BenchLoad& load, BmsSource& bms, SessionRecorder& rec,
    const RunOptions& options)
{
    PlanResult out;
    writeJson(rec, "plan.json", planJson(plan));
    std::vector<std::unique_ptr<Procedure>> steps;
    std::optional<BmsReading> first;
    for (const PlanStep& s : plan.steps) {
        if (s.type == QLatin1String("snapshot")) {
            first = firstReading(bms, 2000);
            out.snapshot = first ? bmsSnapshotJson(*first) : QJsonObject { { QStringLiteral("error"), QStringLiteral("the BMS never spoke") } };
            writeJson(rec, "bms_snapshot.json", out.snapshot);
            rec.event(first ? first->timeS : 0, QStringLiteral("snapshot"), QStringLiteral("BMS state stored before any command"));
        } else if (s.type == QLatin1String("identify")) {
            out.identity = identityJson(first ? first : bms.latest(), c);
            writeJson(rec, "identity.json", out.identity);
        } else {
            steps.push_back(makeStep(s, c));
        }
    }
    SequenceProcedure sequence(std::move(steps));
    out.run = runProcedure(sequence, load, bms, c.limits, rec, options);
    out.hazard = sequence.stopsPlan();
    out.steps = sequence.result();
    writeJson(rec, "steps.json", out.steps);
    return out;
}

} // namespace pg::core
