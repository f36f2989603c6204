#pragma once

#include "models/estimate.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace pg::core {

// A physical-inspection finding typed by the technician.
struct InspectionFinding {
    QString kind; // damage, swelling, leakage, corrosion
    QString severity; // minor, major
    QString note;
};

// What the estimators found for one module: enough to say "reuse after replacing module N".
struct ModuleAssessment {
    int position = 0; // 1-based position in the pack, as printed on the housing
    QString serial;
    models::Estimate sohCapacity; // fraction of nominal (1.0 = new)
    models::Estimate sohResistance; // R0 new / R0 now (1.0 = new, 0.5 = doubled)
    models::Estimate cellVoltageSpreadV; // max - min cell voltage at rest inside the module
};

// Everything the grader consumes for one pack. Each measured value is a models::Estimate with
// its standard error, so that the grader can take the conservative end of the interval.
// An Estimate that is not valid() means "not measured".
struct Assessment {
    QString packSerial;
    QString vin;
    QString partNumber;
    QString chemistry; // nmc, nca, lfp, lmo
    double nominalVoltageV = 0.0;
    double nominalCapacityAh = 0.0;

    models::Estimate sohCapacity; // fraction of nominal capacity
    // A capacity test that ended before the cut-off (safety stop, abort) measured no capacity:
    // the charge it counted, as a fraction of nominal, is only a lower bound of it. sohCapacity
    // is then not valid(), and the capacity rules say retest with `sohCapacityLowerBoundWhy`.
    models::Estimate sohCapacityLowerBound;
    QString sohCapacityLowerBoundWhy;
    models::Estimate sohResistance; // R0 new / R0 now
    models::Estimate cellVoltageSpreadV; // max - min cell voltage at rest, V
    models::Estimate capacitySpread; // (max - min) / max capacity between cells or modules
    models::Estimate selfDischargeVPerDay; // worst cell's rest voltage drop, V per day
    models::Estimate temperatureSpreadC; // max - min cell temperature under load, degC
    models::Estimate isolationOhm; // pack HV+/HV- to chassis, the lower of the two, Ohm

    std::optional<double> bmsSohCapacity; // from the session's first BMS snapshot (fraction)
    QStringList dtcClasses; // classes of the active/stored DTCs (e.g. "thermal", "isolation")
    // The trouble codes as the BMS reported them ("P0A7E swelling", "0x5A"): a policy's DTC list
    // matches a class above, or a code (the whole text or any word of it).
    QStringList dtcCodes;
    std::vector<InspectionFinding> findings;
    std::vector<ModuleAssessment> modules;
};

} // namespace pg::core
