#pragma once

#include "profile_error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <initializer_list>
#include <optional>
#include <string>

namespace pg::can::detail {

// Reads one JSON object of a profile, remembering the key path for errors. The first error
// sticks; later reads return defaults.
class JsonReader {
public:
    JsonReader(const QJsonObject& object, std::string file, std::string path, ProfileError* error)
        : m_object(object)
        , m_file(std::move(file))
        , m_path(std::move(path))
        , m_error(error)
    {
    }

    bool ok() const { return m_error->reason.empty(); }
    const QJsonObject& object() const { return m_object; }
    std::string keyPath(const QString& key) const;
    void fail(const QString& key, const std::string& reason) const;
    // Every key must be one of `allowed`.
    void allowOnly(std::initializer_list<const char*> allowed) const;
    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }

    std::string string(const char* key, bool required, const std::string& fallback = {}) const;
    double number(const char* key, double fallback) const;
    int integer(const char* key, int fallback, int low, int high) const;
    bool boolean(const char* key, bool fallback) const;
    std::optional<QJsonObject> object(const char* key, bool required) const;
    std::optional<QJsonArray> array(const char* key, bool required) const;
    const std::string& file() const { return m_file; }
    const std::string& path() const { return m_path; }
    ProfileError* error() const { return m_error; }
    // A reader for a nested object.
    JsonReader child(const QJsonObject& o, const std::string& name) const;

private:
    QJsonObject m_object;
    std::string m_file;
    std::string m_path;
    ProfileError* m_error;
};

} // namespace pg::can::detail
