#include "snapshot_field.h"

#include <array>

namespace pg::can {

namespace {

    constexpr std::array<FieldInfo, static_cast<std::size_t>(SnapshotField::Count)> kFields { {
        { SnapshotField::PackVoltage, "pack_voltage_v", FieldShape::Scalar, "V" },
        { SnapshotField::PackCurrent, "pack_current_a", FieldShape::Scalar, "A" },
        { SnapshotField::CellVoltage, "cell_voltage_v", FieldShape::Array, "V" },
        { SnapshotField::Temperature, "temperature_c", FieldShape::Array, "degC" },
        { SnapshotField::TemperatureMax, "temperature_max_c", FieldShape::Scalar, "degC" },
        { SnapshotField::TemperatureMin, "temperature_min_c", FieldShape::Scalar, "degC" },
        { SnapshotField::Soc, "soc_pct", FieldShape::Scalar, "%" },
        { SnapshotField::Soh, "soh_pct", FieldShape::Scalar, "%" },
        { SnapshotField::CapacityAh, "capacity_ah", FieldShape::Scalar, "Ah" },
        { SnapshotField::ChargeCurrentLimit, "charge_current_limit_a", FieldShape::Scalar, "A" },
        { SnapshotField::DischargeCurrentLimit, "discharge_current_limit_a", FieldShape::Scalar,
            "A" },
        { SnapshotField::ChargeVoltageLimit, "charge_voltage_limit_v", FieldShape::Scalar, "V" },
        { SnapshotField::DischargeVoltageLimit, "discharge_voltage_limit_v", FieldShape::Scalar,
            "V" },
        { SnapshotField::ContactorClosed, "contactor_closed", FieldShape::Scalar, "" },
        { SnapshotField::FaultActive, "fault_active", FieldShape::Scalar, "" },
        { SnapshotField::WarningActive, "warning_active", FieldShape::Scalar, "" },
        { SnapshotField::BmsState, "bms_state", FieldShape::Scalar, "" },
        { SnapshotField::Dtc, "dtc", FieldShape::Array, "" },
        { SnapshotField::Name, "name", FieldShape::Text, "" },
        { SnapshotField::Serial, "serial", FieldShape::Text, "" },
        { SnapshotField::Vin, "vin", FieldShape::Text, "" },
        { SnapshotField::PartNumber, "part_number", FieldShape::Text, "" },
    } };

} // namespace

const FieldInfo& fieldInfo(SnapshotField field)
{
    return kFields[static_cast<std::size_t>(field)];
}

const FieldInfo* findField(std::string_view key)
{
    for (const FieldInfo& f : kFields) {
        if (key == f.key)
            return &f;
    }
    return nullptr;
}

const char* fieldKeyList()
{
    return "pack_voltage_v, pack_current_a, cell_voltage_v, temperature_c, temperature_max_c, "
           "temperature_min_c, soc_pct, soh_pct, capacity_ah, "
           "charge_current_limit_a, discharge_current_limit_a, charge_voltage_limit_v, "
           "discharge_voltage_limit_v, contactor_closed, fault_active, warning_active, bms_state, "
           "dtc, name, "
           "serial, vin, part_number";
}

} // namespace pg::can
