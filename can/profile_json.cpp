#include "profile_json.h"

#include <cmath>

namespace pg::can::detail {

std::string JsonReader::keyPath(const QString& key) const
{
    if (key.isEmpty())
        return m_path;
    return m_path.empty() ? key.toStdString() : m_path + "." + key.toStdString();
}

void JsonReader::fail(const QString& key, const std::string& reason) const
{
    if (!ok())
        return;
    *m_error = ProfileError { m_file, keyPath(key), reason };
}

void JsonReader::allowOnly(std::initializer_list<const char*> allowed) const
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        bool known = false;
        std::string list;
        for (const char* a : allowed) {
            known = known || it.key() == QLatin1String(a);
            list += (list.empty() ? "" : ", ") + std::string(a);
        }
        if (!known) {
            fail(it.key(), "unknown key (expected one of: " + list + ")");
            return;
        }
    }
}

std::string JsonReader::string(const char* key, bool required, const std::string& fallback) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required)
            fail(QLatin1String(key), "missing (a string is required)");
        return fallback;
    }
    if (!v.isString()) {
        fail(QLatin1String(key), "expected a string");
        return fallback;
    }
    return v.toString().toStdString();
}

double JsonReader::number(const char* key, double fallback) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        fail(QLatin1String(key), "expected a number");
        return fallback;
    }
    return v.toDouble();
}

int JsonReader::integer(const char* key, int fallback, int low, int high) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || d < low || d > high) {
        fail(QLatin1String(key),
            "expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
        return fallback;
    }
    return static_cast<int>(d);
}

bool JsonReader::boolean(const char* key, bool fallback) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        fail(QLatin1String(key), "expected true or false");
        return fallback;
    }
    return v.toBool();
}

std::optional<QJsonObject> JsonReader::object(const char* key, bool required) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required)
            fail(QLatin1String(key), "missing (an object is required)");
        return std::nullopt;
    }
    if (!v.isObject()) {
        fail(QLatin1String(key), "expected an object");
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonReader::array(const char* key, bool required) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required)
            fail(QLatin1String(key), "missing (an array is required)");
        return std::nullopt;
    }
    if (!v.isArray()) {
        fail(QLatin1String(key), "expected an array");
        return std::nullopt;
    }
    return v.toArray();
}

JsonReader JsonReader::child(const QJsonObject& o, const std::string& name) const
{
    return JsonReader(o, m_file, m_path.empty() ? name : m_path + "." + name, m_error);
}

} // namespace pg::can::detail
