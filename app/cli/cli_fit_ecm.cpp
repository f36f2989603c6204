// packgrade-cli fit-ecm CSV --model 1rc|2rc: Thevenin model from pulse data (CLI.md).
#include "cli_models_common.h"
#include "commands.h"
#include "models/ecm_fit.h"

namespace pg::app {

namespace {

QJsonObject toJson(const models::EcmFit& f, const std::string& note)
{
    const bool two = f.params.rcCount == 2;
    QJsonObject o, se;
    o[QStringLiteral("model")] = two ? QStringLiteral("2rc") : QStringLiteral("1rc");
    o[QStringLiteral("method")] = QString::fromStdString(f.method);
    const std::pair<const char*, const models::Estimate*> fields[] = { { "r0_ohm", &f.r0Ohm }, { "r1_ohm", &f.r1Ohm },
        { "c1_f", &f.c1F }, { "tau1_s", &f.tau1S }, { "r2_ohm", &f.r2Ohm }, { "c2_f", &f.c2F }, { "tau2_s", &f.tau2S },
        { "e0_v", &f.e0V } };
    for (const auto& [key, e] : fields) {
        const QString k = QLatin1String(key);
        if (!two && k.contains(QLatin1Char('2')))
            continue;
        o[k] = jsonNumber(e->value);
        se[k] = jsonNumber(e->stderrValue);
    }
    o[QStringLiteral("stderr")] = se;
    o[QStringLiteral("rmse_v")] = jsonNumber(f.rmseV);
    o[QStringLiteral("r0_step_ohm")] = jsonNumber(f.r0StepOhm);
    o[QStringLiteral("samples")] = static_cast<double>(f.samples);
    o[QStringLiteral("iterations")] = f.iterations;
    o[QStringLiteral("converged")] = f.converged;
    std::vector<std::string> warnings = f.warnings;
    if (!note.empty())
        warnings.push_back(note);
    o[QStringLiteral("warnings")] = jsonStrings(warnings);
    return o;
}

QString toText(const QJsonObject& o)
{
    QString t;
    const QJsonObject se = o[QStringLiteral("stderr")].toObject();
    for (const QString& k : { QStringLiteral("r0_ohm"), QStringLiteral("r1_ohm"), QStringLiteral("c1_f"), QStringLiteral("tau1_s"),
             QStringLiteral("r2_ohm"), QStringLiteral("c2_f"), QStringLiteral("tau2_s"), QStringLiteral("e0_v") }) {
        if (o.contains(k))
            t += QStringLiteral("%1 %2 +- %3\n").arg(k, -8).arg(o[k].toDouble(), 0, 'g', 6).arg(se[k].toDouble(), 0, 'g', 3);
    }
    t += QStringLiteral("rmse_v   %1\n").arg(o[QStringLiteral("rmse_v")].toDouble(), 0, 'g', 4);
    for (const auto& w : o[QStringLiteral("warnings")].toArray())
        t += QStringLiteral("warning: %1\n").arg(w.toString());
    return t;
}

} // namespace

int runFitEcm(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Identify a 1RC or 2RC Thevenin model from pulse data (interchange CSV)."));
    p.addPositionalArgument(QStringLiteral("CSV"), QStringLiteral("time_s,current_a,voltage_v[,temperature_c]"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("1rc or 2rc (default 2rc)."), QStringLiteral("M"), QStringLiteral("2rc"));
    const QCommandLineOption chem(QStringLiteral("chemistry"), QStringLiteral("Built-in OCV table: nmc, lfp."), QStringLiteral("C"));
    const QCommandLineOption ocv(QStringLiteral("ocv"), QStringLiteral("OCV table CSV (soc,ocv_v)."), QStringLiteral("F"));
    const QCommandLineOption cap(QStringLiteral("capacity-ah"), QStringLiteral("Cell capacity, for the OCV change."), QStringLiteral("X"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ model, chem, ocv, cap, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("fit-ecm"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("fit-ecm"), QStringLiteral("expected one CSV file"));
    const QString m = p.value(model).toLower();
    if (m != QLatin1String("1rc") && m != QLatin1String("2rc"))
        return usage(QStringLiteral("fit-ecm"), QStringLiteral("--model must be 1rc or 2rc"));
    models::EcmFitOptions opt;
    opt.rcCount = m == QLatin1String("1rc") ? 1 : 2;
    if (p.isSet(cap)) {
        bool ok = false;
        opt.capacityAh = p.value(cap).toDouble(&ok);
        if (!ok || !(opt.capacityAh > 0.0))
            return usage(QStringLiteral("fit-ecm"), QStringLiteral("--capacity-ah must be a positive number"));
    }
    OcvChoice choice;
    if (!loadOcvChoice(p.value(chem), p.value(ocv), QStringLiteral("fit-ecm"), choice, code))
        return code;
    opt.ocv = choice.table ? &*choice.table : nullptr;
    auto series = models::readTimeSeriesFile(p.positionalArguments().front().toStdString());
    if (!series)
        return failModel(series.error());
    auto fit = models::fitEcm(*series, opt);
    if (!fit)
        return failModel(fit.error());
    const QJsonObject o = toJson(*fit, choice.note);
    if (p.isSet(json))
        printJson(o);
    else
        printOut(toText(o));
    return 0;
}

} // namespace pg::app
