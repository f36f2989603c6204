#pragma once

#include "can/snapshot_field.h"

#include <string>
#include <vector>

namespace pg::sim {

// What the simulated BMS knows at one instant, in the snapshot's units (SI, positive current =
// discharge), whatever profile it then speaks. ProfileBms fills it from the pack model; the
// broadcast encoder and the poll server turn it into a profile's frames.
struct BmsState {
    double timeS = 0;
    double packVoltageV = 0;
    double packCurrentA = 0;
    std::vector<double> cellVoltagesV; // one per series group
    std::vector<double> temperaturesC; // one per temperature slot of the profile
    std::vector<bool> temperatureOpen; // the slot's sensor is open (profile sentinel if it has one)
    double socPct = 0;
    double sohPct = 0;
    double capacityAh = 0; // pack
    double chargeCurrentLimitA = 0;
    double dischargeCurrentLimitA = 0;
    double chargeVoltageLimitV = 0;
    double dischargeVoltageLimitV = 0;
    bool fault = false; // the BMS's general fault flag (isolation fault raises it)
    std::string name = "PGSIM";
    std::string serial; // empty: not sent
    std::vector<double> dtcCodes; // numeric trouble codes (a profile's dtc field is a number)
};
// The text a profile's text field carries ("" when the simulated BMS has none).
std::string bmsText(const BmsState& s, can::SnapshotField field);

// The value of one snapshot field (element `index` of an array field), and whether it exists:
// false for an element the pack does not have (cell 120 of a 96-cell pack) or a field the
// simulated BMS does not know. `open` is set for an open temperature sensor.
struct BmsValue {
    double value = 0;
    bool exists = false;
    bool open = false;
};
BmsValue bmsValue(const BmsState& s, can::SnapshotField field, int index);

} // namespace pg::sim
