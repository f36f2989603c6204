// packgrade-cli fit-ecm CSV --model 1rc|2rc: Thevenin model from pulse data (CLI.md).
#include "fit_ecm_verb.h"

#include "builtin_ocv.h"
#include "models/ecm_fit.h"
#include "plain_cli.h"

#include <cstdio>
#include <cstdlib>

namespace pg::app {

namespace {

    using plain::JsonObject;

    struct Field {
        const char* key;
        const models::Estimate models::EcmFit::*estimate;
    };
    constexpr Field kFields[]
        = { { "r0_ohm", &models::EcmFit::r0Ohm }, { "r1_ohm", &models::EcmFit::r1Ohm },
              { "c1_f", &models::EcmFit::c1F }, { "tau1_s", &models::EcmFit::tau1S },
              { "r2_ohm", &models::EcmFit::r2Ohm }, { "c2_f", &models::EcmFit::c2F },
              { "tau2_s", &models::EcmFit::tau2S }, { "e0_v", &models::EcmFit::e0V } };

    bool secondBranch(const char* key)
    {
        return std::string(key).find('2') != std::string::npos;
    }

    JsonObject toJson(const models::EcmFit& f, const std::string& note)
    {
        const bool two = f.params.rcCount == 2;
        JsonObject o, se;
        o.string("model", two ? "2rc" : "1rc");
        o.string("method", f.method);
        for (const Field& field : kFields) {
            if (!two && secondBranch(field.key))
                continue;
            o.number(field.key, (f.*field.estimate).value);
            se.number(field.key, (f.*field.estimate).stderrValue);
        }
        o.object("stderr", se);
        o.number("rmse_v", f.rmseV);
        o.number("r0_step_ohm", f.r0StepOhm);
        o.integer("samples", static_cast<long long>(f.samples));
        o.integer("iterations", f.iterations);
        o.boolean("converged", f.converged);
        std::vector<std::string> warnings = f.warnings;
        if (!note.empty())
            warnings.push_back(note);
        o.strings("warnings", warnings);
        return o;
    }

    std::string toText(const models::EcmFit& f, const std::string& note)
    {
        std::string t;
        char line[160];
        for (const Field& field : kFields) {
            if (f.params.rcCount != 2 && secondBranch(field.key))
                continue;
            const models::Estimate& e = f.*field.estimate;
            std::snprintf(
                line, sizeof line, "%-8s %.6g +- %.3g\n", field.key, e.value, e.stderrValue);
            t += line;
        }
        std::snprintf(line, sizeof line, "rmse_v   %.4g\n", f.rmseV);
        t += line;
        for (const std::string& w : f.warnings)
            t += "warning: " + w + "\n";
        if (!note.empty())
            t += "warning: " + note + "\n";
        return t;
    }

    // --capacity-ah: a positive number, or NaN when absent; false when given but not valid.
    bool parseCapacity(const plain::PlainArgs& p, double& capacityAh)
    {
        if (!p.isSet("capacity-ah"))
            return true;
        const std::string text = p.value("capacity-ah");
        char* end = nullptr;
        capacityAh = std::strtod(text.c_str(), &end);
        return !text.empty() && end == text.c_str() + text.size() && capacityAh > 0.0;
    }

} // namespace

int runFitEcmPlain(const std::vector<std::string>& args)
{
    plain::PlainArgs p("fit-ecm",
        "Identify a 1RC or 2RC Thevenin model from pulse data (interchange CSV).",
        { { "model", "M", "1rc or 2rc (default 2rc).", "2rc" },
            { "chemistry", "C", "Built-in OCV table: nmc, lfp.", "" },
            { "ocv", "F", "OCV table CSV (soc,ocv_v).", "" },
            { "capacity-ah", "X", "Cell capacity, for the OCV change.", "" },
            { "json", "", "Print one JSON object.", "" } });
    p.addPositional("CSV", "time_s,current_a,voltage_v[,temperature_c]");
    int code = 0;
    if (!p.parse(args, code))
        return code;
    if (p.positional().size() != 1)
        return plain::usage("fit-ecm", "expected one CSV file");
    std::string model = p.value("model");
    for (char& c : model)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (model != "1rc" && model != "2rc")
        return plain::usage("fit-ecm", "--model must be 1rc or 2rc");
    models::EcmFitOptions opt;
    opt.rcCount = model == "1rc" ? 1 : 2;
    if (!parseCapacity(p, opt.capacityAh))
        return plain::usage("fit-ecm", "--capacity-ah must be a positive number");
    auto choice = loadBuiltInOrFileOcv(p.value("chemistry"), p.value("ocv"));
    if (!choice)
        return choice.error().usage ? plain::usage("fit-ecm", choice.error().message)
                                    : plain::fail(choice.error().exitCode, choice.error().message);
    opt.ocv = choice->table ? &*choice->table : nullptr;
    auto series = models::readTimeSeriesFile(p.positional().front());
    if (!series)
        return plain::fail(plain::kExitBadInput, series.error().toString());
    auto fit = models::fitEcm(*series, opt);
    if (!fit)
        return plain::fail(plain::kExitBadInput, fit.error().toString());
    plain::printOut(
        p.isSet("json") ? toJson(*fit, choice->note).render() : toText(*fit, choice->note));
    return plain::kExitOk;
}

} // namespace pg::app
