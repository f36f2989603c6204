#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::sim {

// A fault injected into the simulated pack or bench at a simulated time.
struct FaultSpec {
    enum class Kind {
        WeakCell, // capacity of `cell` x 0.7
        HighResistanceCell, // R0 of `cell` x 2.5
        CellShort, // `cell` self-discharges at about C/50
        OpenTempSensor, // the BMS reads -40 degC on the sensor of `cell`'s module
        Overtemperature, // `cell` heats up by 2 K/min from at_s on
        IsolationFault, // the BMS raises its isolation flag
        BmsSilent, // the BMS stops sending
        BusOff, // the BMS's controller goes bus-off
        GarbageFrames, // the BMS sends malformed frames among good ones
        ScpiLost, // the load/PSU drops its connection and refuses new ones
        StuckContactor, // the main contactor stays open: no current path, the load reads 0 V
    };
    Kind kind = Kind::WeakCell;
    int cell = 0; // 0-based series*parallel index: cell = group * parallel + branch
    double atS = 0; // simulated time the fault starts
};

// The pack on the bench: the keys of ../shared/CLI.md "Simulator spec", plus a few documented
// extras (resources/sim/README.md).
struct PackSpec {
    QString chemistry = QStringLiteral("nmc");
    int series = 16;
    int parallel = 1;
    double nominalCapacityAh = 5.0; // per cell
    double sohCapacity = 1.0; // mean remaining capacity fraction
    double resistanceGrowth = 1.0; // mean R0 factor vs new
    double cellSpread = 0.02; // relative standard deviation of capacity and resistance
    double soc = 0.5;
    double ambientC = 25.0;
    quint64 seed = 1;
    QString profile = QStringLiteral("inverter-can");
    std::vector<FaultSpec> faults;
    // extras
    double selfDischargePerDay = 0.0005; // fraction of capacity per day at 25 degC
    double heatCapacityJPerK = 70.0; // per cell (about 70 g at 1 J/(g K))
    double heatTransferWPerK = 0.15; // per cell to ambient
    // What the BMS says about itself (resources/sim/README.md); it may differ from the truth.
    QString serial; // empty: the BMS sends none
    std::optional<double> bmsSoh; // the SoH the BMS claims (fraction); unset: the truth's
    QStringList dtcs; // trouble codes the BMS reports ("P0A7E", or a number "0x5A" for a byte code)
    std::optional<double> cycles; // the BMS's cycle counter
    // Temperature sensors the BMS reports (each the hottest of its share of the series groups);
    // 0: one per series group, as far as the profile's slots go.
    int temperatureSensors = 0;
};

tl::expected<PackSpec, QString> parsePackSpec(const QByteArray& json, const QString& source);
tl::expected<PackSpec, QString> loadPackSpec(const QString& path);

const char* faultKindName(FaultSpec::Kind kind);
QStringList faultKindNames();

} // namespace pg::sim
