#include "test_plan.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <map>

namespace pg::core {

namespace {

enum class Kind { Number, Integer, Bool, NumberOrNull, Strings };

struct KeyRule {
    const char* key;
    Kind kind;
    double min = 0, max = 0;
};

// The options each step type takes (kept in step with resources/plans/plan.schema.json).
const std::map<QString, std::vector<KeyRule>>& stepRules()
{
    static const std::map<QString, std::vector<KeyRule>> rules {
        { QStringLiteral("snapshot"), {} },
        { QStringLiteral("identify"), {} },
        { QStringLiteral("precheck"), { { "duration_s", Kind::Number, 0, 3600 }, { "hazard_dtcs", Kind::Strings } } },
        { QStringLiteral("ocv"), { { "threshold_mv_per_min", Kind::Number, 0.001, 100 }, { "window_s", Kind::Number, 1, 3600 },
                                     { "min_s", Kind::Number, 0, 86400 }, { "max_s", Kind::Number, 1, 172800 } } },
        { QStringLiteral("charge"), { { "c_rate", Kind::Number, 0.01, 3 }, { "taper_c_rate", Kind::Number, 0.001, 0.5 },
                                        { "rest_s", Kind::Number, 0, 86400 } } },
        { QStringLiteral("capacity"),
            { { "charge_first", Kind::Bool }, { "charge_c_rate", Kind::Number, 0.01, 3 }, { "taper_c_rate", Kind::Number, 0.001, 0.5 },
                { "rest_s", Kind::Number, 0, 86400 }, { "discharge_c_rate", Kind::Number, 0.01, 3 },
                { "final_rest_s", Kind::Number, 0, 86400 }, { "storage_soc", Kind::NumberOrNull, 0, 1 } } },
        { QStringLiteral("hppc"), { { "levels", Kind::Integer, 1, 20 }, { "step_soc", Kind::Number, 0.01, 0.5 },
                                      { "pulse_c_rate", Kind::Number, 0.1, 10 }, { "rest_s", Kind::Number, 0, 7200 },
                                      { "pulse_s", Kind::Number, 1, 60 }, { "pulse_rest_s", Kind::Number, 1, 600 } } },
    };
    return rules;
}

QString expected(const KeyRule& r)
{
    switch (r.kind) {
    case Kind::Bool:
        return QStringLiteral("true or false");
    case Kind::Strings:
        return QStringLiteral("an array of strings");
    case Kind::Integer:
        return QStringLiteral("an integer in %1..%2").arg(r.min).arg(r.max);
    case Kind::NumberOrNull:
        return QStringLiteral("null or a number in %1..%2").arg(r.min).arg(r.max);
    case Kind::Number:
        break;
    }
    return QStringLiteral("a number in %1..%2").arg(r.min).arg(r.max);
}

bool fits(const KeyRule& r, const QJsonValue& v)
{
    switch (r.kind) {
    case Kind::Bool:
        return v.isBool();
    case Kind::Strings: {
        if (!v.isArray())
            return false;
        const QJsonArray a = v.toArray();
        return std::all_of(a.begin(), a.end(), [](const QJsonValue& x) { return x.isString(); });
    }
    case Kind::NumberOrNull:
        if (v.isNull())
            return true;
        [[fallthrough]];
    case Kind::Number:
    case Kind::Integer:
        if (!v.isDouble() || v.toDouble() < r.min || v.toDouble() > r.max)
            return false;
        return r.kind != Kind::Integer || v.toDouble() == static_cast<double>(v.toInt());
    }
    return false;
}

tl::expected<PlanStep, QString> parseStep(const QJsonValue& value, const QString& where)
{
    if (!value.isObject())
        return tl::make_unexpected(where + QStringLiteral(": expected an object {type, options}"));
    const QJsonObject o = value.toObject();
    for (const QString& key : o.keys()) {
        if (key != QLatin1String("type") && key != QLatin1String("options") && key != QLatin1String("description"))
            return tl::make_unexpected(where + QStringLiteral(".%1: unknown key (expected type, options, description)").arg(key));
    }
    PlanStep step { o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("options")).toObject() };
    const auto rules = stepRules().find(step.type);
    if (rules == stepRules().end())
        return tl::make_unexpected(where + QStringLiteral(".type: '%1' is not a step type (expected one of %2)")
                                               .arg(o.value(QStringLiteral("type")).toVariant().toString(), planStepTypes().join(QStringLiteral(", "))));
    if (o.contains(QStringLiteral("options")) && !o.value(QStringLiteral("options")).isObject())
        return tl::make_unexpected(where + QStringLiteral(".options: expected an object"));
    for (const QString& key : step.options.keys()) {
        const auto rule = std::find_if(rules->second.begin(), rules->second.end(), [&](const KeyRule& r) { return key == QLatin1String(r.key); });
        if (rule == rules->second.end())
            return tl::make_unexpected(where + QStringLiteral(".options.%1: not an option of a %2 step").arg(key, step.type));
        if (!fits(*rule, step.options.value(key)))
            return tl::make_unexpected(where + QStringLiteral(".options.%1: expected %2").arg(key, expected(*rule)));
    }
    return step;
}

tl::expected<void, QString> checkOrder(const TestPlan& plan)
{
    for (std::size_t k = 0; k < plan.steps.size(); ++k) {
        const QString& t = plan.steps[k].type;
        if (t == QLatin1String("snapshot") && k != 0)
            return tl::make_unexpected(plan.source + QStringLiteral(": steps[%1]: a snapshot must be the first step "
                                                                    "(before anything can change the BMS's state)").arg(k));
        if (t == QLatin1String("identify") && k > 1)
            return tl::make_unexpected(plan.source + QStringLiteral(": steps[%1]: identify must come right after the snapshot").arg(k));
    }
    return {};
}

} // namespace

QStringList planStepTypes()
{
    QStringList out;
    for (const auto& [type, rules] : stepRules())
        out.append(type);
    return out;
}

tl::expected<TestPlan, QString> parseTestPlan(const QByteArray& json, const QString& source)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (!doc.isObject())
        return tl::make_unexpected(source + QStringLiteral(": not a JSON object (%1 at offset %2)").arg(err.errorString()).arg(err.offset));
    const QJsonObject o = doc.object();
    static const QStringList kTop { QStringLiteral("$schema"), QStringLiteral("name"), QStringLiteral("description"),
        QStringLiteral("version"), QStringLiteral("steps") };
    for (const QString& key : o.keys()) {
        if (!kTop.contains(key))
            return tl::make_unexpected(source + QStringLiteral(": %1: unknown key (expected %2)").arg(key, kTop.join(QStringLiteral(", "))));
    }
    TestPlan plan { o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("description")).toString(), source, {} };
    if (plan.name.isEmpty())
        return tl::make_unexpected(source + QStringLiteral(": name: expected a non-empty string"));
    const QJsonArray steps = o.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty())
        return tl::make_unexpected(source + QStringLiteral(": steps: expected a non-empty array of steps"));
    for (qsizetype k = 0; k < steps.size(); ++k) {
        auto step = parseStep(steps[k], source + QStringLiteral(": steps[%1]").arg(k));
        if (!step)
            return tl::make_unexpected(step.error());
        plan.steps.push_back(std::move(*step));
    }
    if (auto order = checkOrder(plan); !order)
        return tl::make_unexpected(order.error());
    return plan;
}

tl::expected<TestPlan, QString> loadTestPlan(const QString& nameOrPath)
{
    static const QStringList kBuiltIn { QStringLiteral("quick"), QStringLiteral("standard"), QStringLiteral("full") };
    const QString path = kBuiltIn.contains(nameOrPath) ? QStringLiteral(":/plans/%1.json").arg(nameOrPath) : nameOrPath;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::make_unexpected(path + QStringLiteral(": cannot read the plan (%1); built-in plans are quick, standard, full")
                                              .arg(f.errorString()));
    return parseTestPlan(f.readAll(), kBuiltIn.contains(nameOrPath) ? nameOrPath + QStringLiteral(".json") : path);
}

tl::expected<TestPlan, QString> singleProcedurePlan(const QString& procedure)
{
    static const std::map<QString, QStringList> kPlans {
        { QStringLiteral("quick"), { QStringLiteral("precheck") } },
        { QStringLiteral("capacity"), { QStringLiteral("capacity") } },
        { QStringLiteral("hppc"), { QStringLiteral("hppc") } },
        { QStringLiteral("ocv"), { QStringLiteral("ocv") } },
    };
    const auto it = kPlans.find(procedure);
    if (it == kPlans.end())
        return tl::make_unexpected(QStringLiteral("unknown procedure '%1' (quick, hppc, capacity, ocv)").arg(procedure));
    TestPlan plan { procedure, QStringLiteral("one procedure"), QStringLiteral("--procedure ") + procedure,
        { { QStringLiteral("snapshot"), {} }, { QStringLiteral("identify"), {} } } };
    for (const QString& type : it->second)
        plan.steps.push_back({ type, {} });
    return plan;
}

} // namespace pg::core
