// packgrade-cli capacity CSV [--method full|partial]: capacity from a record (CLI.md).
#include "cli_models_common.h"
#include "commands.h"
#include "models/capacity.h"

namespace pg::app {

namespace {

QJsonObject toJson(const models::CapacityResult& r, const std::string& note)
{
    QJsonObject o;
    o[QStringLiteral("capacity_ah")] = jsonNumber(r.capacityAh.value);
    o[QStringLiteral("stderr_ah")] = jsonNumber(r.capacityAh.stderrValue);
    o[QStringLiteral("method")] = QString::fromStdString(r.capacityAh.method);
    o[QStringLiteral("charge_ah")] = jsonNumber(r.chargeAh);
    o[QStringLiteral("from_s")] = jsonNumber(r.fromS);
    o[QStringLiteral("to_s")] = jsonNumber(r.toS);
    if (std::isfinite(r.startSoc)) {
        o[QStringLiteral("start_soc")] = jsonNumber(r.startSoc);
        o[QStringLiteral("end_soc")] = jsonNumber(r.endSoc);
    }
    std::vector<std::string> warnings = r.capacityAh.warnings;
    if (!note.empty())
        warnings.push_back(note);
    o[QStringLiteral("warnings")] = jsonStrings(warnings);
    return o;
}

} // namespace

int runCapacity(const QStringList& args)
{
    const QString verb = QStringLiteral("capacity");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Capacity from a full discharge (coulomb count) or between two rested OCV points."));
    p.addPositionalArgument(QStringLiteral("CSV"), QStringLiteral("time_s,current_a,voltage_v[,temperature_c]"));
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("full (default) or partial."), QStringLiteral("M"), QStringLiteral("full"));
    const QCommandLineOption chem(QStringLiteral("chemistry"), QStringLiteral("Built-in OCV table for partial: nmc, lfp."), QStringLiteral("C"));
    const QCommandLineOption ocv(QStringLiteral("ocv"), QStringLiteral("OCV table CSV for partial (soc,ocv_v)."), QStringLiteral("F"));
    const QCommandLineOption minRest(QStringLiteral("min-rest-s"), QStringLiteral("Shortest rest that gives an OCV point (300)."), QStringLiteral("S"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ method, chem, ocv, minRest, json });
    int code = 0;
    if (!parseArgs(p, verb, args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(verb, QStringLiteral("expected one CSV file"));
    const QString m = p.value(method).toLower();
    if (m != QLatin1String("full") && m != QLatin1String("partial"))
        return usage(verb, QStringLiteral("--method must be full or partial"));
    models::CapacityOptions opt;
    if (p.isSet(minRest)) {
        bool ok = false;
        opt.minRestS = p.value(minRest).toDouble(&ok);
        if (!ok || !(opt.minRestS >= 0.0))
            return usage(verb, QStringLiteral("--min-rest-s must be a number >= 0"));
    }
    OcvChoice choice;
    if (!loadOcvChoice(p.value(chem), p.value(ocv), verb, choice, code))
        return code;
    if (m == QLatin1String("partial") && !choice.table)
        return usage(verb, QStringLiteral("--method partial needs --chemistry or --ocv"));
    auto series = models::readTimeSeriesFile(p.positionalArguments().front().toStdString());
    if (!series)
        return failModel(series.error());
    auto r = m == QLatin1String("full") ? models::fullDischargeCapacity(*series, opt)
                                         : models::partialCapacity(*series, *choice.table, opt);
    if (!r)
        return failModel(r.error());
    const QJsonObject o = toJson(*r, m == QLatin1String("partial") ? choice.note : std::string());
    if (p.isSet(json)) {
        printJson(o);
        return 0;
    }
    QString t = QStringLiteral("capacity %1 Ah +- %2 (%3)\n")
                    .arg(r->capacityAh.value, 0, 'f', 4)
                    .arg(r->capacityAh.stderrValue, 0, 'f', 4)
                    .arg(QString::fromStdString(r->capacityAh.method));
    for (const auto& w : o[QStringLiteral("warnings")].toArray())
        t += QStringLiteral("warning: %1\n").arg(w.toString());
    printOut(t);
    return 0;
}

} // namespace pg::app
