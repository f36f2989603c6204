#include "dbc_decode_plan.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>

namespace pg::can {

namespace {

std::uint64_t byteSwap(std::uint64_t v) { return __builtin_bswap64(v); }

std::uint64_t loadWord(const std::uint8_t* p, bool bigEndian)
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    const bool swap = bigEndian == (std::endian::native == std::endian::little);
    return swap ? byteSwap(v) : v;
}

void storeWord(std::uint8_t* p, std::uint64_t v, bool bigEndian)
{
    const bool swap = bigEndian == (std::endian::native == std::endian::little);
    if (swap)
        v = byteSwap(v);
    std::memcpy(p, &v, sizeof v);
}

std::uint64_t maskOf(int length) { return length >= 64 ? ~0ULL : (1ULL << length) - 1; }

// How many multiplexers stand between a signal and the frame (0: always present).
int depthOf(const DbcMessage& m, const DbcSignal& s)
{
    int depth = 0;
    for (const DbcSignal* at = &s; at != nullptr && !at->muxSwitch.empty() && depth <= kMaxMultiplexers; ++depth)
        at = m.findSignal(at->muxSwitch);
    return depth;
}

std::size_t indexOf(const DbcMessage& m, const std::string& name)
{
    const DbcSignal* s = m.findSignal(name);
    return static_cast<std::size_t>(s - m.signalList.data());
}

// Simple multiplexing: every conditional signal hangs off the same switch with one value.
bool isSimple(const DbcMessage& m, const std::vector<std::size_t>& order, std::size_t begin, std::uint64_t& maxValue)
{
    maxValue = 0;
    for (std::size_t k = begin; k < order.size(); ++k) {
        const DbcSignal& s = m.signalList[order[k]];
        if (s.isMultiplexer || s.muxRanges.size() != 1 || s.muxRanges[0].low != s.muxRanges[0].high
            || s.muxSwitch != m.signalList[order[begin]].muxSwitch)
            return false;
        maxValue = std::max(maxValue, s.muxRanges[0].low);
    }
    return begin < order.size() && maxValue < 4096;
}

} // namespace

SignalPlan compileSignal(const DbcSignal& s, std::uint32_t index)
{
    SignalPlan p;
    p.signal = index;
    p.length = static_cast<std::uint8_t>(s.length);
    p.mask = maskOf(s.length);
    p.factor = s.factor;
    p.offset = s.offset;
    p.bigEndian = s.byteOrder == ByteOrder::BigEndian;
    p.isSigned = s.isSigned;
    p.type = s.valueType;
    p.endByte = static_cast<std::uint8_t>(signalEndByte(s));
    if (!p.bigEndian) {
        const int first = s.startBit / 8;
        int window = std::min(first, 56);
        int shift = s.startBit - 8 * window;
        if (shift + s.length > 64) { // 9 bytes: bits 64.. come from the byte after the window
            p.wide = true;
            window = first;
            shift = s.startBit % 8;
            p.hiByte = static_cast<std::uint8_t>(window + 8);
        }
        p.window = static_cast<std::uint8_t>(window);
        p.shift = static_cast<std::uint8_t>(shift);
        return p;
    }
    const int msb = linearBitIndex(s.startBit);
    const int lsb = msb + s.length - 1;
    int window = std::min(msb / 8, 56);
    if (lsb - 8 * window > 63) { // 9 bytes: the top bits are in the byte before the window
        p.wide = true;
        p.hiByte = static_cast<std::uint8_t>(msb / 8);
        window = msb / 8 + 1;
    }
    p.window = static_cast<std::uint8_t>(window);
    p.shift = static_cast<std::uint8_t>(63 - (lsb - 8 * window));
    return p;
}

MessagePlan compileMessage(const DbcMessage& m)
{
    MessagePlan mp;
    const std::size_t n = m.signalList.size();
    std::vector<int> depth(n);
    std::vector<std::int16_t> slotOf(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        depth[i] = depthOf(m, m.signalList[i]);
        if (m.signalList[i].isMultiplexer && mp.switchCount < kMaxMultiplexers)
            slotOf[i] = static_cast<std::int16_t>(mp.switchCount++);
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t { 0 });
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
    const auto begin = static_cast<std::size_t>(
        std::find_if(order.begin(), order.end(), [&](std::size_t i) { return depth[i] > 0; }) - order.begin());
    mp.conditionalBegin = static_cast<std::uint32_t>(begin);
    std::uint64_t maxValue = 0;
    mp.simple = isSimple(m, order, begin, maxValue);
    if (mp.simple) {
        std::stable_sort(order.begin() + static_cast<long>(begin), order.end(), [&](std::size_t a, std::size_t b) {
            return m.signalList[a].muxRanges[0].low < m.signalList[b].muxRanges[0].low;
        });
        mp.simpleSlot = slotOf[indexOf(m, m.signalList[order[begin]].muxSwitch)];
        mp.groupBegin.assign(maxValue + 2, static_cast<std::uint32_t>(n));
        for (std::size_t k = n; k-- > begin;)
            mp.groupBegin[m.signalList[order[k]].muxRanges[0].low] = static_cast<std::uint32_t>(k);
        for (std::size_t v = mp.groupBegin.size() - 1; v-- > 0;)
            mp.groupBegin[v] = std::min(mp.groupBegin[v], mp.groupBegin[v + 1]);
    }
    mp.planOf.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const DbcSignal& s = m.signalList[order[k]];
        SignalPlan p = compileSignal(s, static_cast<std::uint32_t>(order[k]));
        p.ownSlot = slotOf[order[k]];
        if (!s.muxSwitch.empty())
            p.switchSlot = slotOf[indexOf(m, s.muxSwitch)];
        p.rangeBegin = static_cast<std::uint32_t>(mp.ranges.size());
        mp.ranges.insert(mp.ranges.end(), s.muxRanges.begin(), s.muxRanges.end());
        p.rangeEnd = static_cast<std::uint32_t>(mp.ranges.size());
        mp.planOf[order[k]] = static_cast<std::uint32_t>(k);
        mp.signalList.push_back(p);
    }
    return mp;
}

std::uint64_t extractRaw(const SignalPlan& p, const std::uint8_t* data)
{
    std::uint64_t v = loadWord(data + p.window, p.bigEndian) >> p.shift;
    if (p.wide)
        v |= static_cast<std::uint64_t>(data[p.hiByte]) << (64 - p.shift);
    return v & p.mask;
}

void insertRaw(const SignalPlan& p, std::uint64_t raw, std::uint8_t* data)
{
    raw &= p.mask;
    std::uint64_t w = loadWord(data + p.window, p.bigEndian);
    w = (w & ~(p.mask << p.shift)) | (raw << p.shift);
    storeWord(data + p.window, w, p.bigEndian);
    if (p.wide) {
        const int hiBits = p.length - (64 - p.shift);
        const auto hiMask = static_cast<std::uint8_t>((1U << hiBits) - 1);
        const auto hi = static_cast<std::uint8_t>(raw >> (64 - p.shift));
        data[p.hiByte] = static_cast<std::uint8_t>((data[p.hiByte] & ~hiMask) | (hi & hiMask));
    }
}

std::int64_t signExtend(const SignalPlan& p, std::uint64_t raw)
{
    if (!p.isSigned || p.length >= 64)
        return static_cast<std::int64_t>(raw);
    const std::uint64_t sign = 1ULL << (p.length - 1);
    return static_cast<std::int64_t>((raw ^ sign) - sign);
}

double physicalValue(const SignalPlan& p, std::uint64_t raw)
{
    switch (p.type) {
    case SignalValueType::Float32:
        return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(raw))) * p.factor + p.offset;
    case SignalValueType::Float64:
        return std::bit_cast<double>(raw) * p.factor + p.offset;
    case SignalValueType::Integer:
        break;
    }
    if (p.isSigned)
        return static_cast<double>(signExtend(p, raw)) * p.factor + p.offset;
    return static_cast<double>(raw) * p.factor + p.offset;
}

} // namespace pg::can
