#pragma once

#include "can/profile_decoder.h"
#include "pack_snapshot.h"

#include <memory>
#include <span>
#include <vector>

namespace pg::core {

// Frames in (batches), PackSnapshots out at a bounded rate. Keeps the latest value of every
// field the profile maps, with its source; a field not refreshed within the profile's
// stale_after_cycles x its message's cycle time (DBC GenMsgCycleTime, poll period, or the
// profile's default) is marked stale. Time is the frames' own clock, so replays and live buses
// behave the same. Not thread-safe: one assembler per decoding thread.
class SnapshotAssembler {
public:
    struct Options {
        double minIntervalS
            = 1.0 / 30.0; // at most one snapshot per interval (DESIGN: GUI <= 30 Hz)
    };

    SnapshotAssembler(const can::ProfileDecoder& decoder, Options options);

    // Decodes a batch and appends the snapshots due (at most one per minIntervalS of frame time).
    void addFrames(std::span<const can::CanFrame> frames, std::vector<PackSnapshot>& out);
    // Replaces `out` with the values one frame carries: its DBC mappings and, when the profile
    // has `j1939` mappings, the DM1 messages it completes (single frame or the last BAM/RTS-CTS
    // packet; reassembly is listen-only, on the frames' own clock).
    void decodeFrame(const can::CanFrame& frame, std::vector<can::FieldValue>& out);
    // Values already decoded (by the caller, or from a UDS poll response) at frame time `timeS`;
    // appends a snapshot when one is due.
    void addValues(
        std::span<const can::FieldValue> values, double timeS, std::vector<PackSnapshot>& out);
    // The state at `timeS`, staleness evaluated at that time.
    PackSnapshot snapshot(double timeS) const;
    double lastTimeS() const { return m_lastTimeS; }
    std::uint64_t valuesSeen() const { return m_valuesSeen; }

private:
    void apply(const can::FieldValue& v);

    const can::ProfileDecoder* m_decoder;
    std::unique_ptr<can::J1939Receiver> m_j1939; // only for profiles with `j1939` mappings
    std::vector<can::J1939Message> m_messages;
    Options m_options;
    PackSnapshot m_state;
    std::vector<can::FieldValue> m_scratch;
    double m_lastTimeS = 0.0;
    double m_lastEmitS = -1e300;
    std::uint64_t m_valuesSeen = 0;
};

} // namespace pg::core
