#include "dbc_decoder.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace pg::can {

namespace {

    std::string formatNumber(double v)
    {
        std::string s = std::to_string(v);
        while (s.size() > 1 && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
        return s;
    }

} // namespace

DbcDecoder::DbcDecoder(const DbcDatabase& db)
    : m_db(&db)
    , m_standard(kMaxStandardId + 1, -1)
{
    m_plans.reserve(db.messages.size());
    for (std::size_t i = 0; i < db.messages.size(); ++i) {
        const DbcMessage& m = db.messages[i];
        m_plans.push_back(compileMessage(m));
        if (m.pseudo)
            continue;
        if (m.extended)
            m_extended.emplace(m.id, static_cast<std::int32_t>(i));
        else if (m.id <= kMaxStandardId)
            m_standard[m.id] = static_cast<std::int32_t>(i);
    }
}

int DbcDecoder::messageIndex(std::uint32_t id, bool extended) const
{
    if (!extended)
        return id <= kMaxStandardId ? m_standard[id] : -1;
    const auto it = m_extended.find(id);
    return it == m_extended.end() ? -1 : it->second;
}

DbcDecoder::Status DbcDecoder::decode(
    const CanFrame& frame, std::vector<DecodedSignal>& out, int* index) const
{
    const int i = messageIndex(frame);
    if (index != nullptr)
        *index = i;
    if (i < 0) {
        out.clear();
        return Status::UnknownId;
    }
    return decode(i, frame, out);
}

DbcDecoder::Status DbcDecoder::decode(
    int index, const CanFrame& frame, std::vector<DecodedSignal>& out) const
{
    out.clear();
    return forEachSignal(
        index,
        frame, [&out](const DecodedSignal& d) __attribute__((always_inline)) { out.push_back(d); });
}

tl::expected<std::uint64_t, std::string> DbcDecoder::toRaw(
    int index, std::uint32_t signal, double value) const
{
    const MessagePlan& mp = m_plans[static_cast<std::size_t>(index)];
    const SignalPlan& p = mp.signalList[mp.planOf[signal]];
    const DbcSignal& s = message(index).signalList[signal];
    const double scaled = (value - p.offset) / p.factor;
    if (p.type == SignalValueType::Float32)
        return std::bit_cast<std::uint32_t>(static_cast<float>(scaled));
    if (p.type == SignalValueType::Float64)
        return std::bit_cast<std::uint64_t>(scaled);
    const double r = std::round(scaled);
    const double span = std::ldexp(1.0, p.length); // 2^length
    const double low = p.isSigned ? -span / 2 : 0.0;
    const double high = p.isSigned ? span / 2 : span; // exclusive
    if (!std::isfinite(r) || r < low || r >= high)
        return tl::make_unexpected(s.name + ": " + formatNumber(value)
            + (s.unit.empty() ? "" : " " + s.unit) + " is outside what " + std::to_string(p.length)
            + (p.isSigned ? " signed" : " unsigned") + " bits hold with factor "
            + formatNumber(p.factor) + " and offset " + formatNumber(p.offset));
    if (p.isSigned)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(r)) & p.mask;
    return static_cast<std::uint64_t>(r);
}

tl::expected<CanFrame, std::string> DbcDecoder::encode(
    int index, std::span<const SignalValue> values) const
{
    const DbcMessage& m = message(index);
    const MessagePlan& mp = m_plans[static_cast<std::size_t>(index)];
    CanFrame f;
    f.id = m.id;
    f.len = static_cast<std::uint8_t>(m.length);
    f.set(CanFrame::Extended, m.extended);
    f.set(CanFrame::Fd, m.isFd());
    for (const SignalValue& v : values) {
        if (v.signal >= m.signalList.size())
            return tl::make_unexpected(m.name + ": no signal number " + std::to_string(v.signal));
        const auto raw = toRaw(index, v.signal, v.value);
        if (!raw)
            return tl::make_unexpected(m.name + "." + raw.error());
        insertRaw(mp.signalList[mp.planOf[v.signal]], *raw, f.data.data());
    }
    return f;
}

} // namespace pg::can
