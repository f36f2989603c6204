#pragma once

#include <cstdint>
#include <string_view>

namespace pg::can {

// The vocabulary shared by pack profiles (can/) and core::PackSnapshot (core/): every quantity a
// profile can fill, by the key a profile file and `replay --json` use. Units are in the keys.
enum class SnapshotField : std::uint8_t {
    PackVoltage,
    PackCurrent, // positive = discharge (profiles convert at this edge)
    CellVoltage, // array
    Temperature, // array
    TemperatureMax, // the BMS's own highest / lowest sensor reading
    TemperatureMin,
    Soc,
    Soh,
    CapacityAh,
    ChargeCurrentLimit,
    DischargeCurrentLimit,
    ChargeVoltageLimit,
    DischargeVoltageLimit,
    ContactorClosed,
    FaultActive,
    WarningActive,
    BmsState,
    Dtc, // array: raw trouble codes
    Name, // text
    Serial, // text
    Vin, // text
    PartNumber, // text
    Count
};

enum class FieldShape : std::uint8_t { Scalar, Array, Text };

struct FieldInfo {
    SnapshotField field;
    const char* key;
    FieldShape shape;
    const char* unit; // "" when dimensionless or text
};

const FieldInfo& fieldInfo(SnapshotField field);
// nullptr when `key` names no field.
const FieldInfo* findField(std::string_view key);
// All keys, comma-separated, for error messages.
const char* fieldKeyList();

} // namespace pg::can
