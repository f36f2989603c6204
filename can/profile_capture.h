#pragma once
// What the profile capture wizard learns at the bench, turned into files: each captured signal
// (a CAN id, its bits, byte order, signedness, scale, offset, unit and the snapshot field it
// feeds) becomes a line of a DBC written beside a packgrade-profile/1 mapping file based on
// generic-dbc, which ProfileLoader reads like any other profile. A preview decodes frames with
// the very DBC text that will be written, so the live value is what the profile will give.
#include "can_frame.h"
#include "dbc_database.h"
#include "dbc_decoder.h"
#include "profile_error.h"
#include "snapshot_field.h"

#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace pg::can {

struct CapturedSignal {
    std::uint32_t id = 0;
    bool extended = false;
    std::string name = "Value"; // the DBC signal name (a C identifier)
    int startBit = 0; // as a DBC numbers it: LSB for Intel, MSB (sawtooth) for Motorola
    int length = 8;
    ByteOrder byteOrder = ByteOrder::LittleEndian;
    bool isSigned = false;
    double factor = 1.0;
    double offset = 0.0;
    std::string unit;
    SnapshotField field = SnapshotField::PackVoltage;
    int index = 0; // element for array fields (cell_voltage_v, temperature_c)
};

// "Msg_1A3" / "MsgX_18FF50E5": the DBC message name of an id.
std::string capturedMessageName(std::uint32_t id, bool extended);
// The problem with a captured signal (bad name, bits outside 64, zero factor), empty when fine.
std::string capturedSignalProblem(const CapturedSignal& s);
// The DBC text of the signals (one BO_ per id, in id order).
std::string capturedDbcText(const std::vector<CapturedSignal>& signalList);
// The profile document: base generic-dbc, the DBC `dbcFileName` (relative to the profile), one
// field mapping per signal with scale 1 (the scaling lives in the DBC) and `note` as the source.
QJsonObject capturedProfileJson(const std::string& name, const std::string& dbcFileName,
    const std::vector<CapturedSignal>& signalList, const std::string& note);

// Writes FOLDER/NAME.dbc and FOLDER/NAME.json and loads the profile back with ProfileLoader;
// returns the profile path, or the loader's (or the file system's) complaint.
tl::expected<std::string, ProfileError> writeCapturedProfile(const std::string& folder,
    const std::string& name, const std::vector<CapturedSignal>& signalList,
    const std::string& note);

// Decodes one captured signal from frames, through the DBC text it will be saved as.
class CapturedSignalPreview {
public:
    tl::expected<void, ProfileError> setSignal(const CapturedSignal& s);
    // The physical value when `frame` is the signal's message and long enough.
    std::optional<double> value(const CanFrame& frame) const;

private:
    std::unique_ptr<DbcDatabase> m_db;
    std::unique_ptr<DbcDecoder> m_decoder;
};

} // namespace pg::can
