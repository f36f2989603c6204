#pragma once
// What a certificate needs from a session folder besides the grade: cell extremes, temperatures
// and the key test curve, taken when the session is graded and kept with the grade in the
// inventory (grades.certificate_evidence), bound to the folder's manifest by its SHA-256. A
// certificate issued later checks the folder again and says what became of it
// (docs/notes-certificates.md, "Certificates from the inventory").
#include "certificate_data.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace pg::core {

inline constexpr int kEvidenceVersion = 1;

// Reads the sealed session folder `dir` (cells.csv, timeseries.csv, manifest.json, session.json)
// and returns the evidence object:
//   {"version", "sessionId", "sessionDir", "manifestSha256",
//    "cells": {"minCellVoltageV", "minCellNumber", "minAtS", "maxCellVoltageV", "maxCellNumber",
//              "maxAtS", "cellCount", "basis"} (lowest and highest reading of any cell during the
//              test; numbers 1-based, cell N is cells.csv's cell_{N-1}_v),
//    "temperatures": {"minC", "maxC", "sensors", "basis"},
//    "resistance": {"r0Ohm", "stderrOhm", "method"} (estimates.json, when an HPPC pulse fitted),
//    "bmsDtcs": [...] (the trouble codes of bms_snapshot.json; the certificate lists them as
//               "BMS: <code>"),
//    "curve": {"title", "timeS": [...], "voltageV": [...]},
//    "unavailable": {"cellVoltages"|"temperatures"|"curve": reason}}
// Parts that the folder does not hold are named in "unavailable" with the reason. The caller
// has verified the folder against its manifest (assessSessionFolder does).
QJsonObject collectCertificateEvidence(const QString& dir, double nominalCapacityAh);

// What became of a session folder since `manifestSha256` was taken.
struct SessionFolderCheck {
    QString status; // verified, missing, unsealed, altered
    QString detail; // the file that differs, or why the folder could not be read
};
SessionFolderCheck checkSessionFolder(const QString& dir, const QString& manifestSha256);

// Puts the evidence into the certificate, after checking the folder it came from:
// - stored evidence, folder verified: the stored values, "verified";
// - stored evidence, folder gone: the stored values, "archived" (the statement says they are the
//   inventory's copy taken at grading, bound to the manifest hash);
// - folder altered (either way): cell voltages, temperatures and the curve are unavailable, the
//   statement names what changed;
// - no stored evidence (graded before the inventory kept it): read from the folder when it
//   verifies, else unavailable with the reason.
// `sessionDir`/`sessionId` are the inventory's record of the session (empty: no session).
void applyCertificateEvidence(CertificateData& data, const QJsonObject& storedEvidence,
    const QString& sessionDir, const QString& sessionId, double nominalCapacityAh);

// Projects the remaining life from a pack's capacity history (test time, capacity SoH) with the
// fade models of models/fade.h, time in days, to `endOfLifeSoh`. Fewer than 8 tests give no fade
// rate: then `unavailable` holds the reason and nothing else is set.
struct LifeProjection {
    double years = 0.0;
    double yearsLow = 0.0;
    double yearsHigh = 0.0;
    QString method;
    QString unavailable;
};
LifeProjection projectRemainingLife(
    const std::vector<std::pair<QDateTime, double>>& history, double endOfLifeSoh);

} // namespace pg::core
