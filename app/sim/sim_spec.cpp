#include "sim_spec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>

namespace pg::sim {

namespace {

constexpr std::array<const char*, 11> kFaultNames { "weak_cell", "high_resistance_cell", "cell_short",
    "open_temp_sensor", "overtemperature", "isolation_fault", "bms_silent", "bus_off", "garbage_frames",
    "scpi_lost", "stuck_contactor" };

const QStringList kKeys { QStringLiteral("chemistry"), QStringLiteral("series"),
    QStringLiteral("parallel"), QStringLiteral("nominal_capacity_ah"),
    QStringLiteral("soh_capacity"), QStringLiteral("resistance_growth"),
    QStringLiteral("cell_spread"), QStringLiteral("soc"), QStringLiteral("ambient_c"),
    QStringLiteral("seed"), QStringLiteral("profile"), QStringLiteral("faults"),
    QStringLiteral("self_discharge_per_day"), QStringLiteral("heat_capacity_j_per_k"),
    QStringLiteral("heat_transfer_w_per_k"), QStringLiteral("description"),
    QStringLiteral("serial"), QStringLiteral("bms_soh"), QStringLiteral("dtcs"),
    QStringLiteral("cycles"), QStringLiteral("temperature_sensors") };

struct Reader {
    const QJsonObject& o;
    const QString& source;
    QString error;

    double number(const char* key, double fallback, double lo, double hi)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi) {
            if (error.isEmpty())
                error = QStringLiteral("%1: \"%2\" must be a number from %3 to %4").arg(source, QLatin1String(key)).arg(lo).arg(hi);
            return fallback;
        }
        return v.toDouble();
    }
    QString text(const char* key, const QString& fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isString() && error.isEmpty())
            error = QStringLiteral("%1: \"%2\" must be a string").arg(source, QLatin1String(key));
        return v.toString(fallback);
    }
};

tl::expected<FaultSpec, QString> parseFault(const QJsonValue& value, int index, int cells, const QString& source)
{
    const QString where = QStringLiteral("%1: faults[%2]").arg(source).arg(index);
    if (!value.isObject())
        return tl::make_unexpected(where + QStringLiteral(" must be an object {kind, cell, at_s}"));
    const QJsonObject o = value.toObject();
    for (const QString& key : o.keys()) {
        if (key != QLatin1String("kind") && key != QLatin1String("cell") && key != QLatin1String("at_s"))
            return tl::make_unexpected(where + QStringLiteral(": unknown key \"%1\" (expected kind, cell, at_s)").arg(key));
    }
    FaultSpec f;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    const int k = static_cast<int>(faultKindNames().indexOf(kind));
    if (k < 0)
        return tl::make_unexpected(where + QStringLiteral(": unknown kind \"%1\" (expected one of %2)")
                                               .arg(kind, faultKindNames().join(QStringLiteral(", "))));
    f.kind = static_cast<FaultSpec::Kind>(k);
    f.cell = o.value(QStringLiteral("cell")).toInt(0);
    if (f.cell < 0 || f.cell >= cells)
        return tl::make_unexpected(where + QStringLiteral(": cell %1 is outside the pack (0..%2)").arg(f.cell).arg(cells - 1));
    f.atS = o.value(QStringLiteral("at_s")).toDouble(0);
    if (f.atS < 0)
        return tl::make_unexpected(where + QStringLiteral(": at_s must be >= 0"));
    return f;
}

} // namespace

const char* faultKindName(FaultSpec::Kind kind) { return kFaultNames[static_cast<std::size_t>(kind)]; }

QStringList faultKindNames()
{
    QStringList names;
    for (const char* n : kFaultNames)
        names.append(QLatin1String(n));
    return names;
}

tl::expected<PackSpec, QString> parsePackSpec(const QByteArray& json, const QString& source)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        const int line = static_cast<int>(json.left(perr.offset).count('\n')) + 1;
        return tl::make_unexpected(QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(perr.errorString()));
    }
    if (!doc.isObject())
        return tl::make_unexpected(source + QStringLiteral(": expected a JSON object"));
    const QJsonObject o = doc.object();
    for (const QString& key : o.keys()) {
        if (!kKeys.contains(key))
            return tl::make_unexpected(QStringLiteral("%1: unknown key \"%2\" (known: %3)").arg(source, key, kKeys.join(QStringLiteral(", "))));
    }
    PackSpec s;
    Reader r { o, source, {} };
    s.chemistry = r.text("chemistry", s.chemistry);
    s.series = static_cast<int>(r.number("series", s.series, 1, 400));
    s.parallel = static_cast<int>(r.number("parallel", s.parallel, 1, 100));
    s.nominalCapacityAh = r.number("nominal_capacity_ah", s.nominalCapacityAh, 0.1, 1000);
    s.sohCapacity = r.number("soh_capacity", s.sohCapacity, 0.05, 1.2);
    s.resistanceGrowth = r.number("resistance_growth", s.resistanceGrowth, 0.5, 20);
    s.cellSpread = r.number("cell_spread", s.cellSpread, 0, 0.3);
    s.soc = r.number("soc", s.soc, 0, 1);
    s.ambientC = r.number("ambient_c", s.ambientC, -40, 80);
    s.seed = static_cast<quint64>(r.number("seed", static_cast<double>(s.seed), 0, 9.007e15));
    s.profile = r.text("profile", s.profile);
    s.selfDischargePerDay = r.number("self_discharge_per_day", s.selfDischargePerDay, 0, 0.5);
    s.heatCapacityJPerK = r.number("heat_capacity_j_per_k", s.heatCapacityJPerK, 1, 1e6);
    s.heatTransferWPerK = r.number("heat_transfer_w_per_k", s.heatTransferWPerK, 1e-4, 1e4);
    s.serial = r.text("serial", {});
    if (o.contains(QStringLiteral("bms_soh")))
        s.bmsSoh = r.number("bms_soh", 1.0, 0, 1.5);
    if (o.contains(QStringLiteral("cycles")))
        s.cycles = r.number("cycles", 0, 0, 1e7);
    s.temperatureSensors
        = static_cast<int>(r.number("temperature_sensors", s.temperatureSensors, 0, 400));
    if (!r.error.isEmpty())
        return tl::make_unexpected(r.error);
    const QJsonValue dtcs = o.value(QStringLiteral("dtcs"));
    for (const QJsonValue& d : dtcs.toArray()) {
        if (!d.isString() || d.toString().trimmed().isEmpty())
            return tl::make_unexpected(
                source + QStringLiteral(": \"dtcs\" must be a list of non-empty strings"));
        s.dtcs.append(d.toString().trimmed());
    }
    if (!dtcs.isUndefined() && !dtcs.isArray())
        return tl::make_unexpected(
            source + QStringLiteral(": \"dtcs\" must be a list of non-empty strings"));
    const QJsonArray faults = o.value(QStringLiteral("faults")).toArray();
    for (int i = 0; i < faults.size(); ++i) {
        auto f = parseFault(faults[i], i, s.series * s.parallel, source);
        if (!f)
            return tl::make_unexpected(f.error());
        s.faults.push_back(*f);
    }
    return s;
}

tl::expected<PackSpec, QString> loadPackSpec(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::make_unexpected(path + QStringLiteral(": cannot open: ") + f.errorString());
    return parsePackSpec(f.readAll(), path);
}

} // namespace pg::sim
