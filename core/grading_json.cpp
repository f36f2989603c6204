#include "grading_json.h"

#include <QJsonArray>
#include <cmath>

namespace pg::core {

namespace {

    QJsonValue number(double v)
    {
        return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
    }

    tl::expected<models::Estimate, Error> estimateAt(
        const QJsonObject& o, const QString& key, const QString& origin)
    {
        models::Estimate e;
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return e;
        if (v.isDouble()) {
            e.value = v.toDouble();
            e.stderrValue = 0.0;
            return e;
        }
        const QJsonObject eo = v.toObject();
        if (!v.isObject() || !eo.value(QStringLiteral("value")).isDouble())
            return tl::unexpected(Error { kExitBadInput,
                QStringLiteral(
                    "%1: %2: expected a number or {\"value\": number, \"stderr\": number}")
                    .arg(origin, key) });
        e.value = eo.value(QStringLiteral("value")).toDouble();
        e.stderrValue = eo.value(QStringLiteral("stderr")).toDouble(0.0);
        e.method = eo.value(QStringLiteral("method")).toString().toStdString();
        if (e.stderrValue < 0.0)
            return tl::unexpected(Error {
                kExitBadInput, QStringLiteral("%1: %2.stderr: negative").arg(origin, key) });
        return e;
    }

    QJsonValue estimateJson(const models::Estimate& e)
    {
        if (!e.valid())
            return QJsonValue(QJsonValue::Null);
        QJsonObject o { { QStringLiteral("value"), e.value },
            { QStringLiteral("stderr"), number(e.stderrValue) } };
        if (!e.method.empty())
            o[QStringLiteral("method")] = QString::fromStdString(e.method);
        return o;
    }

    struct Field {
        const char* key;
        models::Estimate Assessment::*member;
    };

    constexpr Field kFields[] = {
        { "soh_capacity", &Assessment::sohCapacity },
        { "soh_resistance", &Assessment::sohResistance },
        { "cell_voltage_spread_v", &Assessment::cellVoltageSpreadV },
        { "capacity_spread", &Assessment::capacitySpread },
        { "self_discharge_v_per_day", &Assessment::selfDischargeVPerDay },
        { "temperature_spread_c", &Assessment::temperatureSpreadC },
        { "isolation_ohm", &Assessment::isolationOhm },
    };

    tl::expected<ModuleAssessment, Error> moduleFromJson(
        const QJsonObject& o, const QString& origin)
    {
        ModuleAssessment m;
        m.position = o.value(QStringLiteral("position")).toInt();
        m.serial = o.value(QStringLiteral("serial")).toString();
        auto cap = estimateAt(o, QStringLiteral("soh_capacity"), origin);
        auto res = estimateAt(o, QStringLiteral("soh_resistance"), origin);
        auto spread = estimateAt(o, QStringLiteral("cell_voltage_spread_v"), origin);
        if (!cap)
            return tl::unexpected(cap.error());
        if (!res)
            return tl::unexpected(res.error());
        if (!spread)
            return tl::unexpected(spread.error());
        m.sohCapacity = *cap;
        m.sohResistance = *res;
        m.cellVoltageSpreadV = *spread;
        return m;
    }

} // namespace

tl::expected<Assessment, Error> assessmentFromJson(const QJsonObject& o, const QString& origin)
{
    Assessment a;
    a.packSerial = o.value(QStringLiteral("pack_serial")).toString();
    a.vin = o.value(QStringLiteral("vin")).toString();
    a.partNumber = o.value(QStringLiteral("part_number")).toString();
    a.chemistry = o.value(QStringLiteral("chemistry")).toString().toLower();
    a.nominalVoltageV = o.value(QStringLiteral("nominal_voltage_v")).toDouble();
    a.nominalCapacityAh = o.value(QStringLiteral("nominal_capacity_ah")).toDouble();
    if (a.packSerial.isEmpty() || a.chemistry.isEmpty())
        return tl::unexpected(Error { kExitBadInput,
            QStringLiteral("%1: pack_serial and chemistry are required").arg(origin) });
    for (const Field& f : kFields) {
        auto e = estimateAt(o, QLatin1String(f.key), origin);
        if (!e)
            return tl::unexpected(e.error());
        a.*f.member = *e;
    }
    if (o.value(QStringLiteral("bms_soh_capacity")).isDouble())
        a.bmsSohCapacity = o.value(QStringLiteral("bms_soh_capacity")).toDouble();
    for (const QJsonValue& v : o.value(QStringLiteral("dtc_classes")).toArray())
        a.dtcClasses << v.toString();
    for (const QJsonValue& v : o.value(QStringLiteral("dtc_codes")).toArray())
        a.dtcCodes << v.toString();
    for (const QJsonValue& v : o.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        a.findings.push_back({ f.value(QStringLiteral("kind")).toString(),
            f.value(QStringLiteral("severity")).toString(),
            f.value(QStringLiteral("note")).toString() });
    }
    for (const QJsonValue& v : o.value(QStringLiteral("modules")).toArray()) {
        auto m = moduleFromJson(v.toObject(), origin);
        if (!m)
            return tl::unexpected(m.error());
        a.modules.push_back(*m);
    }
    return a;
}

tl::expected<void, Error> applyInspection(Assessment& a, const QJsonObject& o, const QString& origin)
{
    static const QStringList kEstimates { QStringLiteral("isolation_ohm"),
        QStringLiteral("self_discharge_v_per_day"), QStringLiteral("capacity_spread") };
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString& key = it.key();
        if (!kEstimates.contains(key) && key != QLatin1String("findings")
            && key != QLatin1String("dtc_classes") && key != QLatin1String("$comment"))
            return tl::unexpected(Error { kExitBadInput,
                QStringLiteral("%1: %2: unknown key (expected %3, dtc_classes, findings)")
                    .arg(origin, key, kEstimates.join(QStringLiteral(", "))) });
    }
    for (const Field& f : kFields) {
        if (!kEstimates.contains(QLatin1String(f.key)) || !o.contains(QLatin1String(f.key)))
            continue;
        auto e = estimateAt(o, QLatin1String(f.key), origin);
        if (!e)
            return tl::unexpected(e.error());
        if (e->method.empty())
            e->method = "typed in by the technician (inspection file)";
        a.*f.member = *e;
    }
    for (const QJsonValue& v : o.value(QStringLiteral("dtc_classes")).toArray())
        a.dtcClasses << v.toString();
    for (const QJsonValue& v : o.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("kind")).toString().isEmpty())
            return tl::unexpected(Error { kExitBadInput,
                QStringLiteral("%1: findings: each finding needs a \"kind\" (e.g. swelling)").arg(origin) });
        a.findings.push_back({ f.value(QStringLiteral("kind")).toString(),
            f.value(QStringLiteral("severity")).toString(), f.value(QStringLiteral("note")).toString() });
    }
    return {};
}

QJsonObject assessmentToJson(const Assessment& a)
{
    QJsonObject o { { QStringLiteral("pack_serial"), a.packSerial },
        { QStringLiteral("vin"), a.vin }, { QStringLiteral("part_number"), a.partNumber },
        { QStringLiteral("chemistry"), a.chemistry },
        { QStringLiteral("nominal_voltage_v"), a.nominalVoltageV },
        { QStringLiteral("nominal_capacity_ah"), a.nominalCapacityAh } };
    for (const Field& f : kFields)
        o[QLatin1String(f.key)] = estimateJson(a.*f.member);
    if (a.bmsSohCapacity)
        o[QStringLiteral("bms_soh_capacity")] = *a.bmsSohCapacity;
    o[QStringLiteral("dtc_classes")] = QJsonArray::fromStringList(a.dtcClasses);
    o[QStringLiteral("dtc_codes")] = QJsonArray::fromStringList(a.dtcCodes);
    if (!a.sohCapacityLowerBoundWhy.isEmpty()) {
        o[QStringLiteral("soh_capacity_lower_bound")] = estimateJson(a.sohCapacityLowerBound);
        o[QStringLiteral("soh_capacity_not_measured")] = a.sohCapacityLowerBoundWhy;
    }
    QJsonArray findings;
    for (const InspectionFinding& f : a.findings)
        findings.append(QJsonObject { { QStringLiteral("kind"), f.kind },
            { QStringLiteral("severity"), f.severity }, { QStringLiteral("note"), f.note } });
    o[QStringLiteral("findings")] = findings;
    QJsonArray modules;
    for (const ModuleAssessment& m : a.modules)
        modules.append(QJsonObject { { QStringLiteral("position"), m.position },
            { QStringLiteral("serial"), m.serial },
            { QStringLiteral("soh_capacity"), estimateJson(m.sohCapacity) },
            { QStringLiteral("soh_resistance"), estimateJson(m.sohResistance) },
            { QStringLiteral("cell_voltage_spread_v"), estimateJson(m.cellVoltageSpreadV) } });
    o[QStringLiteral("modules")] = modules;
    return o;
}

QJsonObject gradeToJson(const GradeResult& g, const Assessment& a)
{
    const double z = g.intervalZ;
    const double se = std::isfinite(a.sohCapacity.stderrValue) ? a.sohCapacity.stderrValue : 0.0;
    QJsonObject o;
    o[QStringLiteral("grade")] = g.grade;
    o[QStringLiteral("target_application")] = g.targetApplication;
    o[QStringLiteral("fallback_grade")] = g.fallbackGrade;
    o[QStringLiteral("soh_capacity")] = number(a.sohCapacity.value);
    o[QStringLiteral("soh_capacity_interval")] = a.sohCapacity.valid()
        ? QJsonArray { a.sohCapacity.value - z * se, a.sohCapacity.value + z * se }
        : QJsonArray();
    o[QStringLiteral("soh_resistance")] = number(a.sohResistance.value);
    o[QStringLiteral("cell_spread_v")] = number(a.cellVoltageSpreadV.value);
    o[QStringLiteral("reasons")] = QJsonArray::fromStringList(g.reasons);
    o[QStringLiteral("retest_tests")] = QJsonArray::fromStringList(g.retestTests);
    o[QStringLiteral("bms_mismatch")] = g.bmsMismatch;
    o[QStringLiteral("module_advice")] = g.moduleAdvice;
    o[QStringLiteral("policy")] = QJsonObject { { QStringLiteral("name"), g.policyName },
        { QStringLiteral("version"), g.policyVersion },
        { QStringLiteral("sha256"), g.policySha256 } };
    QJsonArray rules;
    for (const RuleResult& r : g.rules)
        rules.append(QJsonObject { { QStringLiteral("application"), r.application },
            { QStringLiteral("rule"), r.rule }, { QStringLiteral("measure"), r.measure },
            { QStringLiteral("value"), number(r.value) },
            { QStringLiteral("interval"), QJsonArray { number(r.lower), number(r.upper) } },
            { QStringLiteral("conservative"), number(r.conservative) },
            { QStringLiteral("threshold"), number(r.threshold) },
            { QStringLiteral("margin"), number(r.margin) },
            { QStringLiteral("result"), QLatin1String(outcomeName(r.outcome)) },
            { QStringLiteral("detail"), r.detail }, { QStringLiteral("source"), r.source } });
    o[QStringLiteral("rules")] = rules;
    return o;
}

} // namespace pg::core
