#pragma once

#include "certificate_data.h"
#include "error.h"

#include <QJsonObject>
#include <tl/expected.hpp>

namespace pg::core {

// The certificate's content as a JSON object (what gets canonicalised and signed). Own sections
// use camelCase names with the unit in the name; the "batteryPass" section repeats the
// state-of-health results under the EU Battery Pass data model's names (v1.2.0), see
// batteryPassSection() and docs/notes-certificates.md. Optional values that are not set are left
// out, never written as null.
QJsonObject certificateToJson(const CertificateData& data);

// Reads what certificateToJson() wrote. The error names the missing or mistyped field
// ("test.measuredCapacityAh: expected a number"). The "batteryPass" section is derived data and is
// checked for consistency by the verifier, not read back here.
tl::expected<CertificateData, Error> certificateFromJson(const QJsonObject& object);

// Reads a certificate input (what `packgrade-cli certificate --from FILE.json` takes): the content
// format above, where certificateId, issuedAt, format, formatVersion and software.version may be
// left out or empty (they are filled in: a new UUID, `now`, this program's version) and a
// "batteryPass" section is ignored (it is derived when signing).
tl::expected<CertificateData, Error> certificateFromInput(
    QJsonObject input, const QString& softwareVersion, const QDateTime& now);

// The passport-facing part: {"generalProductInformation": {...}, "performance": {...}} with the
// attribute names and shapes of the Battery Pass JSON Schemas (percentages in percent).
QJsonObject batteryPassSection(const CertificateData& data);

// The identifier of the certificate format in the JSON ("format").
inline constexpr const char* kCertificateFormat = "packgrade-soh-certificate";
inline constexpr int kCertificateFormatVersion = 1;

// ISO 8601 UTC with seconds, "2026-11-24T18:00:00Z", as every date in the certificate is written.
QString certificateTimestamp(const QDateTime& time);

} // namespace pg::core
