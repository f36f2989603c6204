#pragma once

#include "assessment.h"
#include "error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// One measured quantity of a session, as the inventory's measurements table holds it: the
// summary value, and the bulk series it came from referenced by path and hash.
struct SessionMeasurement {
    QString kind; // capacity_ah, r0_ohm, cell_voltage_spread_v, temperature_spread_c, capacity_spread
    double value = 0.0;
    double stderrValue = 0.0;
    QString unit;
    QString method;
    QString seriesPath; // absolute path of the file in the session folder
    QString seriesSha256;
};

// Per-cell capacities of a capacity test (models::estimateCellCapacities), as the session's
// estimates carry them: one entry per series element, in order.
struct CellCapacities {
    std::vector<models::Estimate> cellsAh; // not valid(): not determinable (see notDeterminable)
    QStringList notDeterminable; // "cell 3: OCV table too flat ..."
    models::Estimate minAh, maxAh, meanAh;
    models::Estimate relativeSpread; // (max - min) / max; not valid() unless every cell is known
    double sigmaAh = 0.0; // standard deviation between the cells
    int weakestCell = -1; // 0-based series element with the smallest capacity
};

// A session folder read back and re-assessed from its recorded series alone.
struct SessionAssessment {
    QString dir; // absolute
    QJsonObject meta; // session.json
    QJsonObject recomputed; // the estimators re-run now (assessSession)
    QJsonObject recorded; // estimates.json as written when the session ended (may be empty)
    QStringList mismatches; // recomputed vs recorded; empty when they agree
    QStringList notes; // what could not be measured, and why
    Assessment assessment;
    std::vector<SessionMeasurement> measurements;
    std::optional<CellCapacities> cellCapacities; // a capacity test with per-cell voltages
    QString frameLogSha256; // when the session holds a raw frame log
};

// Reads a sealed session folder: verifies manifest.json, re-runs the estimators on
// timeseries.csv, compares them with estimates.json, and builds the assessment (capacity SoH,
// resistance SoH against the recorded new-pack R0, rest cell spread, temperature spread, the
// per-cell capacities of a capacity test and their spread (the policy's capacity_spread), the
// BMS's SoH and flags from bms_snapshot.json). A folder still marked "running" is refused.
tl::expected<SessionAssessment, Error> assessSessionFolder(const QString& dir);

} // namespace pg::core
