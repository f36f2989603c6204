#pragma once

#include "bench_io.h"

#include <QString>
#include <optional>

namespace pg::core {

// The limits a test never crosses. Any breach switches the load off first, then stops the
// procedure with the reason (ProcedureRunner).
struct SafetyLimits {
    double cellMinV = 2.3; // abort below (the procedure's own cut-off is a little higher)
    double cellMaxV = 4.25;
    double cutoffMinV = 2.5; // where procedures stop discharging on their own
    double cutoffMaxV = 4.2;
    double hazardFloorV = 2.0; // below this at rest: unsafe to test at all (copper dissolution, NMC)
    double maxTempC = 55.0;
    double minPlausibleTempC = -30.0; // colder than this on a bench: an open or shorted sensor
    double maxCurrentA = 100.0;
    double bmsTimeoutS = 3.0; // bench-clock seconds without a BMS message
    int series = 0; // for pack-voltage limits when the BMS gives no cell voltages

    // Datasheet-practice windows: NMC/NCA 2.5-4.2 V, LFP 2.5-3.65 V, LMO 3.0-4.2 V.
    static SafetyLimits forChemistry(const QString& chemistry, int series, double maxCurrentA);
};

// The first limit breached by this sample, in words for the session log and the technician.
std::optional<QString> checkSafety(const SafetyLimits& limits, const LoadMeasurement& load,
    const std::optional<BmsReading>& bms, double nowS);

} // namespace pg::core
