#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <tl/expected.hpp>
#include <vector>

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

// A numeric CSV of a session folder (timeseries.csv, cells.csv) as columns, each called by its
// header. Every cell must be a number, except in the temperature columns (temperature_c,
// temp_N_c), where an empty cell is NaN (a sample without that sensor's reading); a cell that is
// no number is kExitBadInput naming the file, line and column and what it holds. A row with
// fewer or more cells than the header (the last row cut short by a crash, a BMS that stopped or
// started sending a sensor) is left out and its line listed in skippedLines, for the reader to
// say so. A file that is absent or empty is an empty table (a session without BMS readings).
struct SessionTable {
    QString path;
    QList<QByteArray> header; // column names, in the order of `columns`
    std::vector<std::vector<double>> columns; // [column][row]
    std::vector<int> skippedLines; // 1-based lines of the rows left out

    std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
    // The column called `name`, or -1.
    qsizetype indexOf(const char* name) const { return header.indexOf(QByteArray(name)); }
    // "N rows of FILE left out (lines a, b, c...): not as many cells as its header"; empty when
    // none was.
    QString skippedText() const;
};
tl::expected<SessionTable, Error> readSessionTable(const QString& path);

// session.json of a folder (kExitBadInput naming the file when absent or malformed).
tl::expected<QJsonObject, Error> readSessionJson(const QString& dir);
// Replaces session.json atomically.
tl::expected<void, Error> writeSessionJson(const QString& dir, const QJsonObject& meta);

} // namespace pg::core
