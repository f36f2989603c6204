#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// What the load/PSU measures at the pack terminals. Current positive = discharge.
struct LoadMeasurement {
    double timeS = 0; // the bench clock (simulated time on packgrade-sim)
    double voltageV = 0;
    double currentA = 0;
};

// The programmable load / power supply of the bench. Every call may fail (a lost connection is
// a safety stop), so every call returns an error value naming the device.
class BenchLoad {
public:
    virtual ~BenchLoad() = default;
    virtual QString deviceName() const = 0;
    virtual tl::expected<void, QString> off() = 0; // both load and supply off
    virtual tl::expected<void, QString> discharge(double currentA) = 0;
    virtual tl::expected<void, QString> charge(double currentA, double voltageLimitV) = 0;
    virtual tl::expected<LoadMeasurement, QString> measure() = 0;
};

// What the BMS says about the cells, whatever profile it speaks (built from a PackSnapshot on
// a real bench; straight from the simulated pack in packgrade-sim's in-process mode).
struct BmsReading {
    double timeS = 0; // when the BMS last spoke
    std::vector<double> cellVoltagesV; // one per series element
    std::vector<double> temperaturesC;
    bool isolationFault = false;
    std::optional<double> socPct;
    std::optional<double> sohPct;
    // What the BMS says about itself, where its profile gives it (stored before any test).
    QString serial;
    QStringList dtcs; // trouble codes as the pack reports them ("P0A7E", or text)
    std::optional<double> capacityAh; // the BMS's own capacity counter
    std::optional<double> cycles;
};

class BmsSource {
public:
    virtual ~BmsSource() = default;
    // The newest reading, or nothing if the BMS has never spoken.
    virtual std::optional<BmsReading> latest() = 0;
};

} // namespace pg::core
