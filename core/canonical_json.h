#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonValue>
#include <tl/expected.hpp>

namespace pg::core {

// Canonical JSON: one byte sequence per JSON value, so that a signature covers exact bytes.
// Rules (docs/notes-certificates.md, "Canonical JSON"):
//  - UTF-8, no whitespace outside strings, no byte-order mark, no trailing newline;
//  - object keys sorted by their UTF-8 bytes (= Unicode code point order), each key once;
//  - strings escape only '"', '\\' and U+0000..U+001F: \b \f \n \r \t, others as \u00xx
//    (lower-case hex); everything else is written as raw UTF-8;
//  - numbers: integral values with |x| < 1e21 as plain integers ("-0" is written "0");
//    other values as the shortest decimal that reads back to the same double, in fixed notation
//    when the decimal exponent is >= -4 ("0.0125") and in scientific notation below ("1.5e-05")
//    and from 1e21 up ("1e+21"); the exponent has a sign and at least two digits;
//  - NaN and infinities are refused.
// The rules equal Python's json.dumps(json.loads(x), sort_keys=True, separators=(",", ":"),
// ensure_ascii=False) for every document PackGrade writes, which the tests use as a check.
tl::expected<QByteArray, Error> canonicalJson(const QJsonValue& value);

// One number in the canonical form above (the caller has checked that it is finite).
QByteArray canonicalNumber(double value);

} // namespace pg::core
