// packgrade-cli fade CSV: capacity-fade models and remaining life from cycle,capacity_ah (CLI.md).
#include "cli_models_common.h"
#include "commands.h"
#include "models/csv_table.h"
#include "models/fade.h"

namespace pg::app {

namespace {

QJsonObject toJson(const models::FadeResult& r)
{
    QJsonObject o, params, se, to, interval, bestInterval;
    o[QStringLiteral("model")] = QString::fromStdString(r.best.name);
    for (std::size_t k = 0; k < r.best.params.size(); ++k) {
        params[QString::fromStdString(r.best.paramNames[k])] = jsonNumber(r.best.params[k]);
        se[QString::fromStdString(r.best.paramNames[k])] = jsonNumber(r.best.paramStderr[k]);
    }
    o[QStringLiteral("params")] = params;
    o[QStringLiteral("params_stderr")] = se;
    o[QStringLiteral("rmse_ah")] = jsonNumber(r.best.rmseAh);
    o[QStringLiteral("nominal_ah")] = r.nominalAh;
    o[QStringLiteral("method")] = QString::fromStdString(r.method);
    for (const auto& p : r.projections) {
        const QString key = QString::number(p.threshold);
        to[key] = jsonNumber(p.cycle);
        interval[key] = QJsonArray { jsonNumber(p.lowCycle), jsonNumber(p.highCycle) };
        bestInterval[key] = QJsonArray { jsonNumber(p.bestLowCycle), jsonNumber(p.bestHighCycle) };
    }
    o[QStringLiteral("cycles_to")] = to;
    o[QStringLiteral("cycles_to_interval")] = interval;
    o[QStringLiteral("cycles_to_interval_model")] = bestInterval;
    QJsonArray cands;
    for (const auto& c : r.candidates)
        cands.append(QJsonObject { { QStringLiteral("model"), QString::fromStdString(c.name) },
            { QStringLiteral("rmse_ah"), jsonNumber(c.rmseAh) }, { QStringLiteral("aicc"), jsonNumber(c.aicc) },
            { QStringLiteral("bic"), jsonNumber(c.bic) } });
    o[QStringLiteral("candidates")] = cands;
    o[QStringLiteral("warnings")] = jsonStrings(r.warnings);
    return o;
}

QString cyclesText(double c) { return std::isfinite(c) ? QString::number(c, 'f', 0) : QStringLiteral("never"); }

} // namespace

int runFade(const QStringList& args)
{
    const QString verb = QStringLiteral("fade");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Fit capacity-fade models to a cycle,capacity_ah history; project remaining life."));
    p.addPositionalArgument(QStringLiteral("CSV"), QStringLiteral("cycle,capacity_ah"));
    const QCommandLineOption nominal(QStringLiteral("nominal-ah"), QStringLiteral("Nominal capacity (default: first value)."), QStringLiteral("X"));
    const QCommandLineOption thr(QStringLiteral("thresholds"), QStringLiteral("Fractions of nominal (0.8,0.7,0.6)."), QStringLiteral("LIST"), QStringLiteral("0.8,0.7,0.6"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ nominal, thr, json });
    int code = 0;
    if (!parseArgs(p, verb, args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(verb, QStringLiteral("expected one CSV file"));
    models::FadeOptions opt;
    opt.thresholds.clear();
    for (const QString& part : p.value(thr).split(QLatin1Char(','))) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !(v > 0.0 && v < 1.0))
            return usage(verb, QStringLiteral("--thresholds must be fractions between 0 and 1"));
        opt.thresholds.push_back(v);
    }
    if (p.isSet(nominal)) {
        bool ok = false;
        opt.nominalAh = p.value(nominal).toDouble(&ok);
        if (!ok || !(opt.nominalAh > 0.0))
            return usage(verb, QStringLiteral("--nominal-ah must be a positive number"));
    }
    const std::string path = p.positionalArguments().front().toStdString();
    auto table = models::readCsvFile(path, models::CsvColumns { { "cycle", "capacity_ah" }, {} });
    if (!table)
        return failModel(table.error());
    const auto& cyc = table->columns[0];
    for (std::size_t r = 1; r < table->rows(); ++r) {
        if (!(cyc[r] > cyc[r - 1]))
            return failModel(models::FitError { table->where(r), "cycle must increase strictly" });
    }
    auto res = models::fitFade(cyc, table->columns[1], opt, path);
    if (!res)
        return failModel(res.error());
    const QJsonObject o = toJson(*res);
    if (p.isSet(json)) {
        printJson(o);
        return 0;
    }
    QString t = QStringLiteral("model %1, rmse %2 Ah\n").arg(QString::fromStdString(res->best.name)).arg(res->best.rmseAh, 0, 'f', 4);
    for (const auto& pr : res->projections)
        t += QStringLiteral("%1 % of nominal: cycle %2 [%3, %4]\n")
                 .arg(pr.threshold * 100.0, 0, 'f', 0)
                 .arg(cyclesText(pr.cycle), cyclesText(pr.lowCycle), cyclesText(pr.highCycle));
    for (const auto& w : res->warnings)
        t += QStringLiteral("warning: %1\n").arg(QString::fromStdString(w));
    printOut(t);
    return 0;
}

} // namespace pg::app
