#pragma once

#include "error.h"

#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>

namespace pg::core {

// The bulk files of a session folder and their fingerprints. A session is sealed when it ends
// (or is closed after a crash): the per-channel interchange CSVs are written from cells.csv and
// timeseries.csv, then manifest.json lists every bulk file with its size and SHA-256, so that a
// later `grade --session` can show that it graded exactly what was recorded.

// Lower-case hex SHA-256 of a file's bytes; an error naming the file when it cannot be read.
tl::expected<QString, Error> sha256OfFile(const QString& path);

// channels/cell_NN.csv, one per series element, in the interchange format of DESIGN.md:
// time_s,current_a,voltage_v[,temperature_c] (the element carries the pack current; the
// temperature column only when the BMS gives one sensor per element). Returns the files written.
tl::expected<int, Error> writeChannelFiles(const QString& dir);

// manifest.json: {"files": {relative path: {"bytes", "sha256"}}} over every file of the folder
// except session.json, manifest.json and grade.json (the files that change after sealing).
tl::expected<QJsonObject, Error> writeManifest(const QString& dir);

// Checks every file of manifest.json against its hash. A folder without a manifest (a session
// still running, or killed) passes with an empty object; a changed or missing file is
// kExitBadInput naming it.
tl::expected<QJsonObject, Error> verifyManifest(const QString& dir);

// Channel files, then the manifest.
tl::expected<void, Error> sealSession(const QString& dir);

// A small JSON file's object; empty when the file is absent or not an object.
QJsonObject readJsonFileObject(const QString& path);

// session.json of a folder (kExitBadInput naming the file when absent or malformed).
tl::expected<QJsonObject, Error> readSessionJson(const QString& dir);
// Replaces session.json atomically.
tl::expected<void, Error> writeSessionJson(const QString& dir, const QJsonObject& meta);

} // namespace pg::core
