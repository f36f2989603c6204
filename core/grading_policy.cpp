#include "grading_policy.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <utility>

namespace pg::core {

const std::vector<PolicyMetric>& policyMetrics()
{
    static const std::vector<PolicyMetric> kMetrics {
        { "soh_capacity_min", "soh_capacity", true },
        { "soh_resistance_min", "soh_resistance", true },
        { "cell_voltage_spread_max_v", "cell_voltage_spread_v", false },
        { "capacity_spread_max", "capacity_spread", false },
        { "self_discharge_max_v_per_day", "self_discharge_v_per_day", false },
        { "temperature_spread_max_c", "temperature_spread_c", false },
        { "isolation_min_ohm_per_v", "isolation_ohm_per_v", true },
    };
    return kMetrics;
}

const QStringList& policyApplications()
{
    static const QStringList kApps { QStringLiteral("ev_reuse"), QStringLiteral("light_ev_reuse"),
        QStringLiteral("stationary_storage") };
    return kApps;
}

const QStringList& policyChemistries()
{
    static const QStringList kChems { QStringLiteral("nmc"), QStringLiteral("nca"),
        QStringLiteral("lfp"), QStringLiteral("lmo") };
    return kChems;
}

const std::vector<ApplicationRules>* GradingPolicy::rulesFor(const QString& chemistry) const
{
    const auto it = chemistries.constFind(chemistry.toLower());
    return it == chemistries.constEnd() ? nullptr : &it.value();
}

namespace {

    // Carries the file name so that every refusal names the file, the key and the reason.
    struct Ctx {
        QString origin;
        tl::unexpected<Error> fail(const QString& key, const QString& reason) const
        {
            return tl::unexpected(
                Error { kExitBadInput, QStringLiteral("%1: %2: %3").arg(origin, key, reason) });
        }
    };

    using Void = tl::expected<void, Error>;

    Void onlyKeys(const Ctx& c, const QJsonObject& o, const QString& path,
        const QStringList& allowed, const QStringList& required)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key()))
                return c.fail(path + it.key(),
                    QStringLiteral("unknown key (allowed: %1)")
                        .arg(allowed.join(QStringLiteral(", "))));
        }
        for (const QString& k : required) {
            if (!o.contains(k))
                return c.fail(path + k, QStringLiteral("missing"));
        }
        return {};
    }

    tl::expected<QString, Error> stringAt(
        const Ctx& c, const QJsonObject& o, const QString& path, const QString& key)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return c.fail(path + key, QStringLiteral("expected a non-empty string"));
        return v.toString();
    }

    tl::expected<QStringList, Error> stringListAt(
        const Ctx& c, const QJsonObject& o, const QString& path, const QString& key)
    {
        QStringList out;
        if (!o.contains(key))
            return out;
        if (!o.value(key).isArray())
            return c.fail(path + key, QStringLiteral("expected an array of strings"));
        for (const QJsonValue& v : o.value(key).toArray()) {
            if (!v.isString())
                return c.fail(path + key, QStringLiteral("expected an array of strings"));
            out << v.toString();
        }
        return out;
    }

    // Findings are "kind" or "kind:severity" with the kinds and severities a technician can type.
    tl::expected<QStringList, Error> findingsAt(
        const Ctx& c, const QJsonObject& o, const QString& path, const QString& key)
    {
        static const QRegularExpression kFinding(
            QStringLiteral("^(damage|swelling|leakage|corrosion)(:(minor|major))?$"));
        auto list = stringListAt(c, o, path, key);
        if (!list)
            return list;
        for (const QString& f : *list) {
            if (!kFinding.match(f).hasMatch())
                return c.fail(path + key,
                    QStringLiteral(
                        "'%1' is not a finding (damage|swelling|leakage|corrosion[:minor|:major])")
                        .arg(f));
        }
        return list;
    }

    tl::expected<Threshold, Error> thresholdAt(const Ctx& c, const QJsonObject& o,
        const QString& path, const QString& key, const QMap<QString, QString>& refs)
    {
        const QString here = path + key;
        if (!o.value(key).isObject())
            return c.fail(
                here, QStringLiteral("expected {\"value\": number, \"source\": reference key}"));
        const QJsonObject t = o.value(key).toObject();
        if (auto ok = onlyKeys(c, t, here + QLatin1Char('.'),
                { QStringLiteral("value"), QStringLiteral("source"), QStringLiteral("note") },
                { QStringLiteral("value"), QStringLiteral("source") });
            !ok)
            return tl::unexpected(ok.error());
        if (!t.value(QStringLiteral("value")).isDouble()
            || !std::isfinite(t.value(QStringLiteral("value")).toDouble()))
            return c.fail(
                here + QStringLiteral(".value"), QStringLiteral("expected a finite number"));
        const QString source = t.value(QStringLiteral("source")).toString();
        if (!refs.contains(source))
            return c.fail(here + QStringLiteral(".source"),
                QStringLiteral("'%1' is not a key of references").arg(source));
        const double value = t.value(QStringLiteral("value")).toDouble();
        if (value < 0.0)
            return c.fail(
                here + QStringLiteral(".value"), QStringLiteral("%1 is negative").arg(value));
        return Threshold { value, source };
    }

    tl::expected<ApplicationRules, Error> parseApplication(const Ctx& c, const QJsonObject& o,
        const QString& path, const QString& app, const QMap<QString, QString>& refs)
    {
        QStringList allowed { QStringLiteral("grade"), QStringLiteral("forbidden_dtc_classes"),
            QStringLiteral("forbidden_findings"), QStringLiteral("note") };
        for (const PolicyMetric& m : policyMetrics())
            allowed << QLatin1String(m.key);
        if (auto ok = onlyKeys(c, o, path, allowed, { QStringLiteral("grade") }); !ok)
            return tl::unexpected(ok.error());
        ApplicationRules rules;
        rules.application = app;
        rules.grade = o.value(QStringLiteral("grade")).toString();
        if (rules.grade != QLatin1String("reuse") && rules.grade != QLatin1String("repurpose"))
            return c.fail(path + QStringLiteral("grade"),
                QStringLiteral("expected \"reuse\" or \"repurpose\""));
        for (const PolicyMetric& m : policyMetrics()) {
            const QString key = QLatin1String(m.key);
            if (!o.contains(key))
                continue;
            auto t = thresholdAt(c, o, path, key, refs);
            if (!t)
                return tl::unexpected(t.error());
            if (key.startsWith(QLatin1String("soh_")) && (t->value <= 0.0 || t->value > 1.0))
                return c.fail(path + key + QStringLiteral(".value"),
                    QStringLiteral("%1 is not a fraction in (0, 1]").arg(t->value));
            rules.thresholds.insert(key, *t);
        }
        auto dtc = stringListAt(c, o, path, QStringLiteral("forbidden_dtc_classes"));
        auto findings = findingsAt(c, o, path, QStringLiteral("forbidden_findings"));
        if (!dtc)
            return tl::unexpected(dtc.error());
        if (!findings)
            return tl::unexpected(findings.error());
        rules.forbiddenDtcClasses = *dtc;
        rules.forbiddenFindings = *findings;
        return rules;
    }

    // A less demanding application may not be stricter than a more demanding one.
    Void checkOrder(const Ctx& c, const QString& path, const std::vector<ApplicationRules>& apps)
    {
        for (std::size_t i = 1; i < apps.size(); ++i) {
            const ApplicationRules& stricter = apps[i - 1];
            for (const PolicyMetric& m : policyMetrics()) {
                const QString key = QLatin1String(m.key);
                if (!stricter.thresholds.contains(key) || !apps[i].thresholds.contains(key))
                    continue;
                const double hi = stricter.thresholds.value(key).value;
                const double lo = apps[i].thresholds.value(key).value;
                if (m.isMinimum ? lo > hi : lo < hi)
                    return c.fail(path + apps[i].application + QLatin1Char('.') + key,
                        QStringLiteral("thresholds out of order: %1 is stricter than %2's %3 (each "
                                       "application must be "
                                       "at most as strict as the one before it: %4)")
                            .arg(lo)
                            .arg(stricter.application)
                            .arg(hi)
                            .arg(policyApplications().join(QStringLiteral(" > "))));
            }
        }
        return {};
    }

    Void parseChemistries(const Ctx& c, const QJsonObject& root, GradingPolicy& p)
    {
        const QJsonObject chems = root.value(QStringLiteral("chemistries")).toObject();
        if (auto ok = onlyKeys(
                c, chems, QStringLiteral("chemistries."), policyChemistries(), policyChemistries());
            !ok)
            return ok;
        for (const QString& chem : policyChemistries()) {
            const QString path = QStringLiteral("chemistries.%1.").arg(chem);
            if (!chems.value(chem).isObject())
                return c.fail(
                    path.chopped(1), QStringLiteral("expected an object of applications"));
            const QJsonObject apps = chems.value(chem).toObject();
            if (auto ok = onlyKeys(c, apps, path, policyApplications(), policyApplications()); !ok)
                return ok;
            std::vector<ApplicationRules> list;
            for (const QString& app : policyApplications()) {
                if (!apps.value(app).isObject())
                    return c.fail(path + app, QStringLiteral("expected an object"));
                auto rules = parseApplication(c, apps.value(app).toObject(),
                    path + app + QLatin1Char('.'), app, p.references);
                if (!rules)
                    return tl::unexpected(rules.error());
                list.push_back(std::move(*rules));
            }
            if (auto ok = checkOrder(c, path, list); !ok)
                return ok;
            p.chemistries.insert(chem, std::move(list));
        }
        return {};
    }

    Void parseHeader(const Ctx& c, const QJsonObject& root, GradingPolicy& p)
    {
        const QStringList required { QStringLiteral("name"), QStringLiteral("version"),
            QStringLiteral("references"), QStringLiteral("interval_z"),
            QStringLiteral("bms_soh_tolerance"), QStringLiteral("retest"), QStringLiteral("safety"),
            QStringLiteral("chemistries") };
        if (auto ok = onlyKeys(c, root, QString(),
                required + QStringList { QStringLiteral("$schema"), QStringLiteral("description") },
                required);
            !ok)
            return ok;
        auto name = stringAt(c, root, QString(), QStringLiteral("name"));
        auto version = stringAt(c, root, QString(), QStringLiteral("version"));
        if (!name)
            return tl::unexpected(name.error());
        if (!version)
            return tl::unexpected(version.error());
        p.name = *name;
        p.version = *version;
        p.description = root.value(QStringLiteral("description")).toString();
        const QJsonObject refs = root.value(QStringLiteral("references")).toObject();
        for (auto it = refs.begin(); it != refs.end(); ++it) {
            if (!it.value().isString())
                return c.fail(QStringLiteral("references.") + it.key(),
                    QStringLiteral("expected a citation string"));
            p.references.insert(it.key(), it.value().toString());
        }
        auto z = thresholdAt(c, root, QString(), QStringLiteral("interval_z"), p.references);
        auto tol
            = thresholdAt(c, root, QString(), QStringLiteral("bms_soh_tolerance"), p.references);
        if (!z)
            return tl::unexpected(z.error());
        if (!tol)
            return tl::unexpected(tol.error());
        p.intervalZ = *z;
        p.bmsSohTolerance = *tol;
        return {};
    }

    Void parseRetestAndSafety(const Ctx& c, const QJsonObject& root, GradingPolicy& p)
    {
        QStringList measures;
        for (const PolicyMetric& m : policyMetrics())
            measures << QLatin1String(m.measure);
        const QJsonObject retest = root.value(QStringLiteral("retest")).toObject();
        if (auto ok = onlyKeys(c, retest, QStringLiteral("retest."), measures, measures); !ok)
            return ok;
        for (const QString& m : measures) {
            auto test = stringAt(c, retest, QStringLiteral("retest."), m);
            if (!test)
                return tl::unexpected(test.error());
            p.retestTests.insert(m, *test);
        }
        const QJsonObject safety = root.value(QStringLiteral("safety")).toObject();
        const QStringList keys { QStringLiteral("recycle_findings"),
            QStringLiteral("recycle_dtc_classes"), QStringLiteral("source") };
        if (auto ok = onlyKeys(c, safety, QStringLiteral("safety."), keys, keys); !ok)
            return ok;
        auto findings = findingsAt(c, safety, QStringLiteral("safety."), keys[0]);
        auto dtc = stringListAt(c, safety, QStringLiteral("safety."), keys[1]);
        if (!findings)
            return tl::unexpected(findings.error());
        if (!dtc)
            return tl::unexpected(dtc.error());
        p.recycleFindings = *findings;
        p.recycleDtcClasses = *dtc;
        p.safetySource = safety.value(keys[2]).toString();
        if (!p.references.contains(p.safetySource))
            return c.fail(QStringLiteral("safety.source"),
                QStringLiteral("'%1' is not a key of references").arg(p.safetySource));
        return {};
    }

} // namespace

tl::expected<GradingPolicy, Error> parsePolicy(const QByteArray& bytes, const QString& origin)
{
    const Ctx c { origin };
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return c.fail(QStringLiteral("offset %1").arg(err.offset), err.errorString());
    if (!doc.isObject())
        return c.fail(QStringLiteral("(root)"), QStringLiteral("expected a JSON object"));
    GradingPolicy p;
    p.sha256
        = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QJsonObject root = doc.object();
    for (const auto& step : { parseHeader, parseRetestAndSafety, parseChemistries }) {
        if (auto ok = step(c, root, p); !ok)
            return tl::unexpected(ok.error());
    }
    if (p.intervalZ.value <= 0.0 || p.intervalZ.value > 5.0)
        return c.fail(QStringLiteral("interval_z.value"),
            QStringLiteral("%1 is outside (0, 5]").arg(p.intervalZ.value));
    return p;
}

tl::expected<GradingPolicy, Error> loadPolicy(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(Error { kExitBadInput,
            QStringLiteral("%1: cannot read policy: %2").arg(path, f.errorString()) });
    return parsePolicy(f.readAll(), path);
}

tl::expected<GradingPolicy, Error> loadDefaultPolicy()
{
    return loadPolicy(QStringLiteral(":/policies/default.json"));
}

PolicyHolder::PolicyHolder(GradingPolicy initial)
    : m_policy(std::move(initial))
{
}

tl::expected<void, Error> PolicyHolder::reload(const QString& path)
{
    auto next = loadPolicy(path);
    if (!next)
        return tl::unexpected(next.error());
    m_policy = std::move(*next);
    return {};
}

} // namespace pg::core
