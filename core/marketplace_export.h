#pragma once

#include "error.h"
#include "graded_pack.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// The marketplace export: one flat record per graded pack. The JSON keys and the CSV columns are
// the same names (snake_case, the unit in the name); docs/export.schema.json is the published
// JSON Schema (draft 2020-12) of the JSON file and of an uploaded record.
enum class ExportFormat { Csv, Json };

inline constexpr const char* kExportFormat = "packgrade-export";
inline constexpr int kExportFormatVersion = 1;

// The record's keys in column order.
const QStringList& exportColumns();

// One graded pack as a record: identity, grade and Battery Pass status, SoH with its 95 % interval,
// policy, and the certificate's id, hash and key when one was issued (null otherwise).
QJsonObject exportRecord(const GradedPack& graded);

// {"format", "format_version", "exported_at", "since", "count", "records": [...]}, indented.
QByteArray exportJsonDocument(
    const std::vector<QJsonObject>& records, const QDateTime& exportedAt, const QString& since);

// RFC 4180 CSV: UTF-8 with a byte-order mark (spreadsheets then read UTF-8), CRLF line ends, a
// header row of exportColumns(), fields quoted when they hold a comma, quote or line break; empty
// for null. Text that a spreadsheet would run as a formula (= + - @ first) gets a leading '.
QByteArray exportCsv(const std::vector<QJsonObject>& records);

// Parses --since: a date (YYYY-MM-DD, midnight UTC) or an ISO-8601 date-time; returns the
// inventory's timestamp form (UTC, milliseconds) or an error naming what was expected.
tl::expected<QString, Error> parseSince(const QString& text);

struct ExportRequest {
    QString databaseUrl;
    ExportFormat format = ExportFormat::Json;
    QString outPath;
    QString since; // as parseSince() returns it; empty: everything
};

// Reads the graded packs, writes the file atomically (QSaveFile: a failure leaves any older file
// untouched) and returns how many records it holds. `progress(done, total)` is called as records
// are built (from the calling thread). Opens its own inventory connection, so it may run on any
// thread.
tl::expected<int, Error> runExport(
    const ExportRequest& request, const std::function<void(int, int)>& progress = {});

} // namespace pg::core
