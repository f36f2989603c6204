#include "bms_state.h"

#include <algorithm>

namespace pg::sim {

namespace {

    BmsValue element(const std::vector<double>& values, int index)
    {
        if (index < 0 || static_cast<std::size_t>(index) >= values.size())
            return {};
        return { values[static_cast<std::size_t>(index)], true, false };
    }

    BmsValue temperature(const BmsState& s, int index)
    {
        BmsValue v = element(s.temperaturesC, index);
        if (v.exists && static_cast<std::size_t>(index) < s.temperatureOpen.size())
            v.open = s.temperatureOpen[static_cast<std::size_t>(index)];
        return v;
    }

    // Highest or lowest of the sensors that read (an open sensor is left out, as a BMS does).
    BmsValue extremeTemperature(const BmsState& s, bool highest)
    {
        BmsValue v;
        for (std::size_t k = 0; k < s.temperaturesC.size(); ++k) {
            if (k < s.temperatureOpen.size() && s.temperatureOpen[k])
                continue;
            const double t = s.temperaturesC[k];
            if (!v.exists || (highest ? t > v.value : t < v.value))
                v = { t, true, false };
        }
        return v;
    }

    BmsValue known(double value)
    {
        return { value, true, false };
    }

} // namespace

BmsValue bmsValue(const BmsState& s, can::SnapshotField field, int index)
{
    using F = can::SnapshotField;
    switch (field) {
    case F::PackVoltage:
        return known(s.packVoltageV);
    case F::PackCurrent:
        return known(s.packCurrentA);
    case F::CellVoltage:
        return element(s.cellVoltagesV, index);
    case F::Temperature:
        return temperature(s, index);
    case F::TemperatureMax:
        return extremeTemperature(s, true);
    case F::TemperatureMin:
        return extremeTemperature(s, false);
    case F::Soc:
        return known(s.socPct);
    case F::Soh:
        return known(s.sohPct);
    case F::CapacityAh:
        return known(s.capacityAh);
    case F::ChargeCurrentLimit:
        return known(s.chargeCurrentLimitA);
    case F::DischargeCurrentLimit:
        return known(s.dischargeCurrentLimitA);
    case F::ChargeVoltageLimit:
        return known(s.chargeVoltageLimitV);
    case F::DischargeVoltageLimit:
        return known(s.dischargeVoltageLimitV);
    case F::ContactorClosed:
        return known(1.0);
    case F::FaultActive:
        return known(s.fault ? 1.0 : 0.0);
    case F::WarningActive:
        return known(0.0);
    case F::Dtc: // no code: 0 at the first slot, as the Leaf's 0x5C0 sends
        if (index >= 0 && static_cast<std::size_t>(index) < s.dtcCodes.size())
            return known(s.dtcCodes[static_cast<std::size_t>(index)]);
        return index == 0 ? known(0.0) : BmsValue {};
    default:
        return {}; // BMS state, text fields: not a number the simulator models
    }
}

std::string bmsText(const BmsState& s, can::SnapshotField field)
{
    switch (field) {
    case can::SnapshotField::Name:
        return s.name;
    case can::SnapshotField::Serial:
        return s.serial;
    default:
        return {};
    }
}

} // namespace pg::sim
