// The grade as compact JSON bytes, written directly (no QJsonObject tree): the same document as
// gradeToJson() plus "id", at a fraction of the cost, for storing grades in bulk.
#include "grading_json.h"

#include <cmath>

namespace pg::core {

namespace {

    void putString(QByteArray& out, const QString& text)
    {
        out += '"';
        for (const char c : text.toUtf8()) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                out += "\\u00";
                out += "0123456789abcdef"[u >> 4];
                out += "0123456789abcdef"[u & 0xF];
            } else {
                out += c;
            }
        }
        out += '"';
    }

    void putNumber(QByteArray& out, double v)
    {
        out += std::isfinite(v) ? QByteArray::number(v, 'g', 17) : QByteArrayLiteral("null");
    }

    void putKey(QByteArray& out, const char* key)
    {
        if (out.back() != '{')
            out += ',';
        out += '"';
        out += key;
        out += "\":";
    }

    void putStrings(QByteArray& out, const QStringList& list)
    {
        out += '[';
        for (int i = 0; i < list.size(); ++i) {
            if (i > 0)
                out += ',';
            putString(out, list[i]);
        }
        out += ']';
    }

    void putRule(QByteArray& out, const RuleResult& r)
    {
        out += '{';
        const std::pair<const char*, const QString*> texts[]
            = { { "application", &r.application }, { "rule", &r.rule }, { "measure", &r.measure },
                  { "detail", &r.detail }, { "source", &r.source } };
        for (const auto& [key, text] : texts) {
            putKey(out, key);
            putString(out, *text);
        }
        const std::pair<const char*, double> numbers[]
            = { { "value", r.value }, { "conservative", r.conservative },
                  { "threshold", r.threshold }, { "margin", r.margin } };
        for (const auto& [key, v] : numbers) {
            putKey(out, key);
            putNumber(out, v);
        }
        putKey(out, "interval");
        out += '[';
        putNumber(out, r.lower);
        out += ',';
        putNumber(out, r.upper);
        out += ']';
        putKey(out, "result");
        putString(out, QLatin1String(outcomeName(r.outcome)));
        out += '}';
    }

} // namespace

QByteArray gradeToCompactJson(const GradeResult& g, const Assessment& a, const QString& id)
{
    QByteArray out;
    out.reserve(12000);
    out += '{';
    const std::pair<const char*, const QString*> texts[]
        = { { "id", &id }, { "grade", &g.grade }, { "target_application", &g.targetApplication },
              { "fallback_grade", &g.fallbackGrade }, { "module_advice", &g.moduleAdvice } };
    for (const auto& [key, text] : texts) {
        putKey(out, key);
        putString(out, *text);
    }
    const std::pair<const char*, double> numbers[]
        = { { "soh_capacity", a.sohCapacity.value }, { "soh_resistance", a.sohResistance.value },
              { "cell_spread_v", a.cellVoltageSpreadV.value } };
    for (const auto& [key, v] : numbers) {
        putKey(out, key);
        putNumber(out, v);
    }
    putKey(out, "soh_capacity_interval");
    out += '[';
    if (a.sohCapacity.valid()) {
        const double se
            = std::isfinite(a.sohCapacity.stderrValue) ? a.sohCapacity.stderrValue : 0.0;
        putNumber(out, a.sohCapacity.value - g.intervalZ * se);
        out += ',';
        putNumber(out, a.sohCapacity.value + g.intervalZ * se);
    }
    out += ']';
    putKey(out, "reasons");
    putStrings(out, g.reasons);
    putKey(out, "retest_tests");
    putStrings(out, g.retestTests);
    putKey(out, "bms_mismatch");
    out += g.bmsMismatch ? "true" : "false";
    putKey(out, "policy");
    out += '{';
    const std::pair<const char*, const QString*> policy[] = { { "name", &g.policyName },
        { "version", &g.policyVersion }, { "sha256", &g.policySha256 } };
    for (const auto& [key, text] : policy) {
        putKey(out, key);
        putString(out, *text);
    }
    out += '}';
    putKey(out, "rules");
    out += '[';
    for (std::size_t i = 0; i < g.rules.size(); ++i) {
        if (i > 0)
            out += ',';
        putRule(out, g.rules[i]);
    }
    out += "]}";
    return out;
}

} // namespace pg::core
