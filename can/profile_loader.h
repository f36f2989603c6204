#pragma once

#include "pack_profile.h"
#include "profile_error.h"

#include <QJsonObject>
#include <string>
#include <tl/expected.hpp>

namespace pg::can {

// Loads pack profiles (resources/profiles/profile.schema.json describes the format). A profile is
// named by a path or by the name of a built-in one ("foxbms2" -> ":/profiles/foxbms2.json").
// Unknown keys, unknown fields, a field without a source, a scaling without a `source`
// citation and malformed ids are errors naming the file, the key and the reason. A profile may
// start from another (`"base": "generic-dbc"`) and override its keys.
class ProfileLoader {
public:
    static tl::expected<PackProfile, ProfileError> load(const std::string& nameOrPath);
    static tl::expected<PackProfile, ProfileError> parse(
        const QByteArray& json, const std::string& file);
    // ":/profiles/NAME.json" when NAME is built in, else NAME unchanged.
    static std::string resolve(const std::string& nameOrPath);

private:
    static tl::expected<PackProfile, ProfileError> fromObject(
        const QJsonObject& o, const std::string& file, int depth);
};

// "0x7BB", "1979" or a JSON number -> id; false when malformed or above 29 bits.
bool parseCanId(const QJsonValue& v, std::uint32_t& id);
// "02 21 02" -> bytes; false when malformed.
bool parseHexBytes(const QString& text, std::vector<std::uint8_t>& out);

} // namespace pg::can
