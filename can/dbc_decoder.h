#pragma once

#include "can_frame.h"
#include "dbc_database.h"
#include "dbc_decode_plan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

namespace pg::can {

// One signal of a decoded frame.
struct DecodedSignal {
    std::uint32_t signal = 0; // index into DbcMessage::signalList
    double value = 0.0; // physical: raw * factor + offset (IEEE value for float signals)
    std::int64_t raw = 0; // the raw field, sign-extended when signed (bit pattern for floats)
};

// A physical value to encode into a signal.
struct SignalValue {
    std::uint32_t signal = 0; // index into DbcMessage::signalList
    double value = 0.0;
};

// Decodes and encodes frames with a DBC. Every message is compiled once into a MessagePlan
// (window/shift/mask per signal, multiplexer groups), so decoding a frame touches only the
// signals it carries. The database must outlive the decoder. Decoding is const and thread-safe.
class DbcDecoder {
public:
    explicit DbcDecoder(const DbcDatabase& db);

    enum class Status { Decoded, UnknownId, Truncated };

    // Index into database().messages, or -1 when the DBC does not define the id.
    int messageIndex(std::uint32_t id, bool extended) const;
    int messageIndex(const CanFrame& frame) const
    {
        return messageIndex(frame.id, frame.is(CanFrame::Extended));
    }
    const DbcDatabase& database() const { return *m_db; }
    const DbcMessage& message(int index) const
    {
        return m_db->messages[static_cast<std::size_t>(index)];
    }
    const MessagePlan& plan(int index) const { return m_plans[static_cast<std::size_t>(index)]; }

    // Replaces `out` with the signals the frame carries: multiplexed ones only when their
    // multiplexer selects them. Signals that lie beyond a short frame's length are left out
    // (Truncated). Does not allocate once `out` has grown to the largest message.
    Status decode(
        const CanFrame& frame, std::vector<DecodedSignal>& out, int* index = nullptr) const;
    Status decode(int index, const CanFrame& frame, std::vector<DecodedSignal>& out) const;
    // The same, handing each signal to `visit(const DecodedSignal&)` instead of a vector.
    template <class Visitor>
    Status forEachSignal(int index, const CanFrame& frame, Visitor&& visit) const
    {
        return forEachRaw(
            index,
            frame, [&visit](const SignalPlan& p, std::uint64_t raw) __attribute__((always_inline)) {
                visit(DecodedSignal { p.signal, physicalValue(p, raw), signExtend(p, raw) });
            });
    }
    // The raw fields only: `visit(const SignalPlan&, std::uint64_t raw)` for every signal the
    // frame carries (statistics can scale min/max once at the end instead of every sample).
    template <class Visitor>
    Status forEachRaw(int index, const CanFrame& frame, Visitor&& visit) const;

    // Builds the frame of a message from physical values; signals not given are raw 0.
    // Fails (naming the signal) when a value does not fit the signal's raw range.
    tl::expected<CanFrame, std::string> encode(
        int index, std::span<const SignalValue> values) const;
    // Converts a physical value to the raw field of a signal.
    tl::expected<std::uint64_t, std::string> toRaw(
        int index, std::uint32_t signal, double value) const;

private:
    const DbcDatabase* m_db;
    std::vector<MessagePlan> m_plans;
    std::vector<std::int32_t> m_standard; // 11-bit id -> message index
    std::unordered_map<std::uint32_t, std::int32_t> m_extended;
};

template <class Visitor>
DbcDecoder::Status DbcDecoder::forEachRaw(int index, const CanFrame& frame, Visitor&& visit) const
{
    const MessagePlan& mp = m_plans[static_cast<std::size_t>(index)];
    const std::uint8_t* data = frame.data.data();
    if (mp.switchCount == 0
        && frame.len >= mp.maxEndByte) { // the common case: no checks per signal
        if (mp.maxEndByte <= 8) { // classic frame: one load, both byte orders, shift and mask
            const std::uint64_t words[2]
                = { loadPayloadWord(data, false), loadPayloadWord(data, true) };
            for (const SignalPlan& p : mp.signalList)
                visit(p, (words[p.bigEndian] >> p.shift) & p.mask);
            return Status::Decoded;
        }
        for (const SignalPlan& p : mp.signalList)
            visit(p, extractRaw(p, data));
        return Status::Decoded;
    }
    std::array<std::uint64_t, kMaxMultiplexers> switchRaw;
    std::array<bool, kMaxMultiplexers> switchOn;
    std::fill_n(switchOn.begin(), mp.switchCount, false);
    Status status = Status::Decoded;
    // Classic messages: every window is byte 0, so load the payload once here too.
    const bool classic = mp.maxEndByte <= 8;
    const std::uint64_t words[2] = { loadPayloadWord(data, false), loadPayloadWord(data, true) };
    const auto take = [&](const SignalPlan& p) __attribute__((always_inline))
    {
        if (p.endByte > frame.len) {
            status = Status::Truncated;
            return;
        }
        const std::uint64_t raw
            = classic ? (words[p.bigEndian] >> p.shift) & p.mask : extractRaw(p, data);
        if (p.ownSlot >= 0) {
            switchRaw[static_cast<std::size_t>(p.ownSlot)] = raw;
            switchOn[static_cast<std::size_t>(p.ownSlot)] = true;
        }
        visit(p, raw);
    };
    for (std::size_t k = 0; k < mp.conditionalBegin; ++k)
        take(mp.signalList[k]);
    if (mp.simple) {
        const auto slot = static_cast<std::size_t>(mp.simpleSlot);
        if (switchOn[slot] && switchRaw[slot] + 1 < mp.groupBegin.size()) {
            const std::uint64_t v = switchRaw[slot];
            for (std::uint32_t k = mp.groupBegin[v]; k < mp.groupBegin[v + 1]; ++k)
                take(mp.signalList[k]);
        }
        return status;
    }
    for (std::size_t k = mp.conditionalBegin; k < mp.signalList.size(); ++k) {
        const SignalPlan& p = mp.signalList[k];
        const auto slot = static_cast<std::size_t>(p.switchSlot);
        if (p.switchSlot >= 0 && switchOn[slot] && isSelected(mp, p, switchRaw[slot]))
            take(p);
    }
    return status;
}

} // namespace pg::can
