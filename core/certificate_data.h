#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace pg::core {

// One rule of the grading policy as it applied to this pack: `value` compared with `threshold`.
// `margin` is how far the value lies on the passing side (negative: the rule failed).
struct CertificateRule {
    QString name; // e.g. "soh_capacity_min"
    QString quantity; // what was compared, in words
    QString comparison; // ">=" or "<="
    double value = 0.0;
    double threshold = 0.0;
    double margin = 0.0;
    QString unit; // "", "V", "Ohm", "degC" (fractions have no unit)
    bool passed = false;
};

// A sample of the key test curve (the capacity discharge, or a pulse).
struct CurveSample {
    double timeS = 0.0;
    double voltageV = 0.0;
};

// Everything a certificate states, in SI units (fractions 0..1, not percent). The grading and
// inventory types map onto this; the certificate JSON (certificate_json.h) and the PDF are
// renderings of it. Optional values are left out of the JSON and printed as "not measured".
struct CertificateData {
    // The certificate itself.
    QString certificateId; // UUID, lower-case, without braces
    QDateTime issuedAt; // UTC
    QString siteName;
    QString benchId;
    QString operatorName; // ran the test
    QString graderName; // reviewed and approved the grade

    // Pack identity.
    QString make;
    QString model;
    QString chemistry; // nmc, nca, lfp, lmo
    QString batteryCategory = QStringLiteral("ev"); // Battery Pass: lmt, ev, industrial, stationary
    double nominalEnergyWh = 0.0;
    double nominalCapacityAh = 0.0;
    double nominalVoltageV = 0.0;
    QString serialNumber;
    QString vin;
    QString partNumber;

    // Test.
    QString testMethod; // e.g. "capacity: full CC discharge at C/3, 25 degC"
    QDateTime testedAt; // UTC
    double measuredCapacityAh = 0.0;
    double measuredCapacityStderrAh = 0.0;
    QString capacityMethod; // estimator, e.g. "coulomb-count"
    double sohCapacity = 0.0; // measured / nominal capacity
    double sohCapacityStderr = 0.0;
    std::optional<double> sohResistance; // R0 at begin of life / R0 now (1 = as new)
    std::optional<double> sohResistanceStderr; // its standard error, where the fit gave one
    std::optional<double> internalResistanceOhm; // pack R0 now
    std::optional<double> internalResistanceStderrOhm; // its standard error
    std::optional<double> powerCapabilityW; // remaining power capability, at powerAtSoc
    std::optional<double> originalPowerCapabilityW;
    double powerAtSoc = 0.5;
    double cellSpreadV = 0.0;
    double minCellVoltageV = 0.0;
    double maxCellVoltageV = 0.0;
    int minCellNumber = 0; // 1-based series position of the lowest cell (0: not known)
    int maxCellNumber = 0;
    QString cellVoltageBasis; // how min/max were taken, e.g. "mean over the opening rest"
    double minTemperatureC = 0.0;
    double maxTemperatureC = 0.0;
    QStringList dtcs; // diagnostic trouble codes found, "P0A7F: ..." (empty: none)
    QString curveTitle;
    std::vector<CurveSample> curve;

    // Where the measured values come from (certificates issued from the inventory): the session
    // and what became of its folder ("verified", "archived", "altered", "missing", "unsealed"),
    // in a sentence a buyer reads. Empty for a certificate signed from given content.
    QString sessionId;
    QString sessionManifestSha256;
    QString sessionFolderStatus;
    QString sessionStatement;
    // Values that could not be stated, by name (cellVoltages, temperatures, curve, remainingLife),
    // with the reason; the PDF prints "unavailable" and the reason instead of a number.
    QMap<QString, QString> unavailable;

    // Grade.
    QString grade; // reuse, repurpose, recycle
    QString targetApplication;
    std::vector<CertificateRule> rules;

    // Projected remaining life until the end-of-life threshold of the target application.
    double remainingLifeYears = 0.0;
    double remainingLifeYearsLow = 0.0;
    double remainingLifeYearsHigh = 0.0;
    std::optional<double> remainingCycles;
    double endOfLifeSoh = 0.0; // the threshold the projection runs to
    QString lifeMethod;

    // What made the grade.
    QString policyName;
    QString policyVersion;
    QString policySha256;
    QString softwareVersion;
};

// The Battery Pass batteryStatus that a grade implies: reuse -> Reused, repurpose -> Repurposed,
// recycle -> Waste. Empty for anything else (a "retest" pack gets no certificate).
QString batteryStatusForGrade(const QString& grade);

// Whether the certificate states a remaining-life projection (a method, or an interval, and no
// reason why it is unavailable).
bool lifeProjected(const CertificateData& data);

// A policy application as a buyer reads it: "ev_reuse" -> "EV reuse".
QString applicationInWords(const QString& application);

// Checks what a certificate cannot do without: id, dates, identity, a grade with a status,
// finite numbers in range. The message names the field.
QString certificateDataProblem(const CertificateData& data);

} // namespace pg::core
