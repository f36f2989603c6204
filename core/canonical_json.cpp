#include "canonical_json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

namespace pg::core {

namespace {

    void appendString(QByteArray& out, const QString& text)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        const QByteArray utf8 = text.toUtf8();
        out += '"';
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += kHex[u >> 4];
                    out += kHex[u & 0xF];
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }

    tl::expected<void, Error> append(QByteArray& out, const QJsonValue& value);

    tl::expected<void, Error> appendObject(QByteArray& out, const QJsonObject& object)
    {
        std::vector<std::pair<QByteArray, QString>> keys;
        keys.reserve(static_cast<std::size_t>(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.emplace_back(it.key().toUtf8(), it.key());
        std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
        out += '{';
        bool first = true;
        for (const auto& [bytes, key] : keys) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            if (auto ok = append(out, object.value(key)); !ok)
                return tl::make_unexpected(
                    Error { ok.error().exitCode, key + QStringLiteral(".") + ok.error().message });
        }
        out += '}';
        return {};
    }

    tl::expected<void, Error> append(QByteArray& out, const QJsonValue& value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
            out += "null";
            return {};
        case QJsonValue::Bool:
            out += value.toBool() ? "true" : "false";
            return {};
        case QJsonValue::String:
            appendString(out, value.toString());
            return {};
        case QJsonValue::Double: {
            const double d = value.toDouble();
            if (!std::isfinite(d))
                return tl::make_unexpected(
                    Error { kExitBadInput, QStringLiteral("a number is NaN or infinite") });
            out += canonicalNumber(d);
            return {};
        }
        case QJsonValue::Array: {
            out += '[';
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i > 0)
                    out += ',';
                if (auto ok = append(out, array.at(i)); !ok)
                    return ok;
            }
            out += ']';
            return {};
        }
        case QJsonValue::Object:
            return appendObject(out, value.toObject());
        case QJsonValue::Undefined:
            break;
        }
        return tl::make_unexpected(
            Error { kExitBadInput, QStringLiteral("an undefined JSON value") });
    }

} // namespace

QByteArray canonicalNumber(double value)
{
    char buffer[64];
    std::to_chars_result r {};
    if (value == 0.0)
        return QByteArrayLiteral("0");
    const double magnitude = std::fabs(value);
    if (std::floor(value) == value && magnitude < 1e21)
        r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 0);
    else if (magnitude < 1e-4 || magnitude >= 1e21)
        r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    else
        r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return QByteArray(buffer, static_cast<qsizetype>(r.ptr - buffer));
}

tl::expected<QByteArray, Error> canonicalJson(const QJsonValue& value)
{
    QByteArray out;
    if (auto ok = append(out, value); !ok)
        return tl::make_unexpected(ok.error());
    return out;
}

} // namespace pg::core
