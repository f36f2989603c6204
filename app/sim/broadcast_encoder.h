#pragma once

#include "bms_state.h"
#include "can/profile_decoder.h"

#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace pg::sim {

// The inverse of a pack profile's broadcast mappings: a BmsState in, the frames a pack of that
// profile sends out. Each mapping is undone (value -> DBC physical by the profile's scale/offset,
// -> raw by the DBC encoder); arrays are spread over multiplexed frames (foxBMS 0x250), over
// frames selected by an index signal (Orion's cell id) or sit at a fixed index; text fields fill
// their bytes (0x35E name); sum8 frame checks are computed. A value with an `invalid_flag` gets
// its flag set to "valid"; a slot of a sent frame that the pack does not fill (a 10-cell foxBMS
// pack's cells 10 and 11 in mux 2) keeps every bit 0, value and flag, as foxBMS 2 v1.11.0 leaves
// it, and a frame with no element of the pack is not sent. No id is known here but through the
// profile and its DBC.
class BroadcastEncoder {
public:
    struct Mapping {
        std::uint32_t source = 0; // index into PackProfile::fields
        std::uint32_t signal = 0; // index into the DBC message's signals
        int element = -1; // fixed element of an array field; -1 scalar; -2 from the index signal
        bool muxed = false;
        std::uint64_t muxValue = 0;
        int flagSignal = -1; // the value's invalid-flag signal (profile `invalid_flag`), or -1
    };
    // One broadcast message and the period of its round (all of its frames).
    struct Message {
        int dbcIndex = -1; // -1: a bytes (text) message with no DBC entry
        std::uint32_t id = 0;
        bool extended = false;
        int periodMs = 1000;
        std::vector<Mapping> mappings;
        std::vector<std::uint32_t> textSources; // bytes sources
        int textLength = 0;
        int muxSignal = -1; // the multiplexer switch signal
        int indexSignal = -1; // Orion-style element index signal
        std::uint32_t indexSource = 0; // the mapping whose array the index signal walks
        int checkSignal = -1; // sum8 check
        int checkInit = 0;
        int checkBytes = 0;
    };

    static tl::expected<BroadcastEncoder, std::string> create(const can::ProfileDecoder& decoder);

    const std::vector<Message>& messages() const { return m_messages; }
    // Appends the frames of one round of message `m` (several for multiplexed or indexed arrays).
    tl::expected<void, std::string> encode(
        std::size_t m, const BmsState& state, std::vector<can::CanFrame>& out) const;
    // Number of elements the profile's broadcasts carry for an array field (highest fixed or
    // pattern element + 1; 0 if the field is sent by index signal or not at all).
    int fixedSlots(can::SnapshotField field) const;
    // True when a frame with this id is one the profile defines (broadcast, text or poll).
    bool knownId(std::uint32_t id, bool extended) const;

private:
    explicit BroadcastEncoder(const can::ProfileDecoder& decoder)
        : m_decoder(&decoder)
    {
    }
    bool bindSignalSource(std::uint32_t source, std::string& error);
    void bindTextSource(std::uint32_t source);
    void bindCheck(const can::FrameCheck& check);
    Message& messageFor(int dbcIndex);
    tl::expected<can::CanFrame, std::string> encodeFrame(const Message& msg, const BmsState& state,
        bool anyMux, std::uint64_t mux, int element, bool& hasData) const;
    can::CanFrame encodeText(const Message& msg, const BmsState& state) const;
    double physicalOf(const Mapping& map, const BmsValue& v, const can::DbcSignal& s) const;

    const can::ProfileDecoder* m_decoder;
    std::vector<Message> m_messages;
};

} // namespace pg::sim
