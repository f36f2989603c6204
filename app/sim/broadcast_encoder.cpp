#include "broadcast_encoder.h"

#include "can/profile_ids.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace pg::sim {

namespace {

    using can::DbcSignal;

    // The physical range a signal's raw field can hold, so a value off the scale is sent as the
    // nearest value the pack could send rather than refused.
    double clampToSignal(const DbcSignal& s, double physical)
    {
        if (s.valueType != can::SignalValueType::Integer || s.length >= 63)
            return physical;
        const double span = std::ldexp(1.0, s.length);
        const double lowRaw = s.isSigned ? -span / 2 : 0.0;
        const double highRaw = (s.isSigned ? span / 2 : span) - 1;
        const double a = lowRaw * s.factor + s.offset;
        const double b = highRaw * s.factor + s.offset;
        return std::clamp(physical, std::min(a, b), std::max(a, b));
    }

    int elementOf(const can::FieldSource& f, const QRegularExpressionMatch& match)
    {
        if (can::fieldInfo(f.field).shape != can::FieldShape::Array)
            return -1;
        if (!f.index.bySignal.empty())
            return -2;
        if (f.signal.pattern && f.index.fromPattern)
            return f.index.base + match.captured(1).toInt();
        return f.index.base;
    }

} // namespace

tl::expected<BroadcastEncoder, std::string> BroadcastEncoder::create(
    const can::ProfileDecoder& decoder)
{
    BroadcastEncoder e(decoder);
    const can::PackProfile& p = decoder.profile();
    std::string error;
    for (std::uint32_t i = 0; i < p.fields.size(); ++i) {
        if (p.fields[i].kind == can::FieldSource::Kind::Signal && !e.bindSignalSource(i, error))
            return tl::make_unexpected(error);
        if (p.fields[i].kind == can::FieldSource::Kind::Bytes)
            e.bindTextSource(i);
    }
    for (const can::FrameCheck& c : p.checks)
        e.bindCheck(c);
    return e;
}

BroadcastEncoder::Message& BroadcastEncoder::messageFor(int dbcIndex)
{
    for (Message& m : m_messages) {
        if (m.dbcIndex == dbcIndex)
            return m;
    }
    const can::DbcMessage& dm = m_decoder->dbcDecoder().message(dbcIndex);
    Message m;
    m.dbcIndex = dbcIndex;
    m.id = dm.id;
    m.extended = dm.extended;
    m.periodMs = 0;
    for (std::size_t s = 0; s < dm.signalList.size(); ++s) {
        if (dm.signalList[s].isMultiplexer && dm.signalList[s].muxSwitch.empty())
            m.muxSignal = static_cast<int>(s);
    }
    m_messages.push_back(std::move(m));
    return m_messages.back();
}

bool BroadcastEncoder::bindSignalSource(std::uint32_t source, std::string& error)
{
    const can::FieldSource& f = m_decoder->profile().fields[source];
    const can::DbcMessage* dm = m_decoder->database().findMessage(f.signal.message);
    if (dm == nullptr) {
        error
            = m_decoder->profile().file + ": " + f.key + ": no message '" + f.signal.message + "'";
        return false;
    }
    Message& m = messageFor(m_decoder->dbcDecoder().messageIndex(dm->id, dm->extended));
    const int period = m_decoder->cycleMs(source);
    m.periodMs = m.periodMs == 0 ? period : std::min(m.periodMs, period);
    if (!f.index.bySignal.empty()) {
        const DbcSignal* is = dm->findSignal(f.index.bySignal);
        m.indexSignal = is == nullptr ? -1 : static_cast<int>(is - dm->signalList.data());
        m.indexSource = source;
    }
    const QRegularExpression re(
        QStringLiteral("^(?:%1)$").arg(QString::fromStdString(f.signal.signal)));
    for (std::uint32_t s = 0; s < dm->signalList.size(); ++s) {
        const DbcSignal& sig = dm->signalList[s];
        const QRegularExpressionMatch match = re.match(QString::fromStdString(sig.name));
        if (f.signal.pattern ? !match.hasMatch() : sig.name != f.signal.signal)
            continue;
        int flagSignal = -1;
        if (f.invalidFlag.enabled()) {
            std::string flagName = f.invalidFlag.signal;
            if (const auto at = flagName.find("{signal}"); at != std::string::npos)
                flagName.replace(at, 8, sig.name);
            const DbcSignal* fs = dm->findSignal(flagName);
            flagSignal = fs == nullptr ? -1 : static_cast<int>(fs - dm->signalList.data());
        }
        m.mappings.push_back(
            { source, s, elementOf(f, match), sig.hasMuxValue, sig.muxValue, flagSignal });
    }
    return true;
}

void BroadcastEncoder::bindTextSource(std::uint32_t source)
{
    const can::FieldSource& f = m_decoder->profile().fields[source];
    auto it = std::find_if(m_messages.begin(), m_messages.end(), [&](const Message& m) {
        return m.dbcIndex < 0 && m.id == f.bytes.id && m.extended == f.bytes.extended;
    });
    if (it == m_messages.end()) {
        Message m;
        m.id = f.bytes.id;
        m.extended = f.bytes.extended;
        m.periodMs = m_decoder->cycleMs(source);
        m_messages.push_back(std::move(m));
        it = m_messages.end() - 1;
    }
    it->textSources.push_back(source);
    it->textLength = std::max(it->textLength, f.bytes.offset + f.bytes.length);
}

void BroadcastEncoder::bindCheck(const can::FrameCheck& check)
{
    const can::DbcMessage* dm = m_decoder->database().findMessage(check.message);
    const DbcSignal* s = dm == nullptr ? nullptr : dm->findSignal(check.signal);
    if (s == nullptr)
        return; // the decoder refused such a profile already
    Message& m = messageFor(m_decoder->dbcDecoder().messageIndex(dm->id, dm->extended));
    m.checkSignal = static_cast<int>(s - dm->signalList.data());
    m.checkInit = check.init;
    m.checkBytes = check.bytes;
    if (m.periodMs == 0)
        m.periodMs = m_decoder->profile().defaultCycleMs;
}

double BroadcastEncoder::physicalOf(const Mapping& map, const BmsValue& v, const DbcSignal& s) const
{
    const can::FieldSource& f = m_decoder->profile().fields[map.source];
    if (v.open && !f.invalidRaw.empty())
        return static_cast<double>(f.invalidRaw.front()) * s.factor + s.offset;
    return clampToSignal(s, (v.value - f.offset) / f.scale);
}

tl::expected<can::CanFrame, std::string> BroadcastEncoder::encodeFrame(const Message& msg,
    const BmsState& state, bool anyMux, std::uint64_t mux, int element, bool& hasData) const
{
    const can::DbcDecoder& dbc = m_decoder->dbcDecoder();
    const can::DbcMessage& dm = dbc.message(msg.dbcIndex);
    std::vector<can::SignalValue> values;
    hasData = false;
    for (const Mapping& map : msg.mappings) {
        if (anyMux && map.muxed && map.muxValue != mux)
            continue;
        const can::FieldSource& f = m_decoder->profile().fields[map.source];
        const BmsValue v = bmsValue(state, f.field, map.element == -2 ? element : map.element);
        if (!v.exists)
            continue;
        hasData = hasData || map.element != -1 || !anyMux;
        values.push_back({ map.signal, physicalOf(map, v, dm.signalList[map.signal]) });
        if (map.flagSignal >= 0) {
            // foxBMS flags a measured value valid; the simulated BMS's values are all measured (an
            // open sensor reads a plausible-looking -40 degC, as the real one would).
            const std::int64_t invalid = f.invalidFlag.invalidValue;
            values.push_back(
                { static_cast<std::uint32_t>(map.flagSignal), invalid == 0 ? 1.0 : 0.0 });
        }
    }
    if (anyMux)
        values.push_back({ static_cast<std::uint32_t>(msg.muxSignal), static_cast<double>(mux) });
    if (msg.indexSignal >= 0) {
        const can::FieldSource& f = m_decoder->profile().fields[msg.indexSource];
        values.push_back({ static_cast<std::uint32_t>(msg.indexSignal),
            static_cast<double>((element - f.index.base) / std::max(1, f.index.stride)) });
    }
    auto frame = dbc.encode(msg.dbcIndex, values);
    if (!frame || msg.checkSignal < 0)
        return frame;
    unsigned sum = static_cast<unsigned>(msg.checkInit);
    for (int i = 0; i < msg.checkBytes && i < frame->len; ++i)
        sum += frame->data[static_cast<std::size_t>(i)];
    values.push_back(
        { static_cast<std::uint32_t>(msg.checkSignal), static_cast<double>(sum & 0xFFU) });
    return dbc.encode(msg.dbcIndex, values);
}

can::CanFrame BroadcastEncoder::encodeText(const Message& msg, const BmsState& state) const
{
    can::CanFrame frame;
    frame.id = msg.id;
    frame.set(can::CanFrame::Extended, msg.extended);
    frame.len = static_cast<std::uint8_t>(std::min(8, msg.textLength));
    std::fill_n(frame.data.begin(), frame.len, static_cast<std::uint8_t>(' '));
    for (std::uint32_t source : msg.textSources) {
        const can::FieldSource& f = m_decoder->profile().fields[source];
        const can::BytesSource& b = f.bytes;
        const std::string text = bmsText(state, f.field);
        for (int i = 0;
             i < b.length && i < static_cast<int>(text.size()) && b.offset + i < frame.len; ++i)
            frame.data[static_cast<std::size_t>(b.offset + i)]
                = static_cast<std::uint8_t>(text[static_cast<std::size_t>(i)]);
    }
    return frame;
}

tl::expected<void, std::string> BroadcastEncoder::encode(
    std::size_t m, const BmsState& state, std::vector<can::CanFrame>& out) const
{
    const Message& msg = m_messages[m];
    if (msg.dbcIndex < 0) {
        out.push_back(encodeText(msg, state));
        return {};
    }
    std::vector<std::uint64_t> muxValues;
    for (const Mapping& map : msg.mappings) {
        if (map.muxed
            && std::find(muxValues.begin(), muxValues.end(), map.muxValue) == muxValues.end())
            muxValues.push_back(map.muxValue);
    }
    const bool anyMux = msg.muxSignal >= 0 && !muxValues.empty();
    int elements = 1;
    if (msg.indexSignal >= 0) {
        const can::FieldSource& f = m_decoder->profile().fields[msg.indexSource];
        elements = 0;
        while (bmsValue(state, f.field, elements).exists)
            ++elements;
    }
    for (std::size_t k = 0; k < (anyMux ? muxValues.size() : 1); ++k) {
        for (int e = 0; e < elements; ++e) {
            bool hasData = false;
            auto frame = encodeFrame(msg, state, anyMux, anyMux ? muxValues[k] : 0, e, hasData);
            if (!frame)
                return tl::make_unexpected(frame.error());
            if (hasData || msg.mappings.empty())
                out.push_back(*frame);
        }
    }
    return {};
}

int BroadcastEncoder::fixedSlots(can::SnapshotField field) const
{
    int slotCount = 0;
    for (const Message& m : m_messages) {
        for (const Mapping& map : m.mappings) {
            if (m_decoder->profile().fields[map.source].field == field && map.element >= 0)
                slotCount = std::max(slotCount, map.element + 1);
        }
    }
    return slotCount;
}

bool BroadcastEncoder::knownId(std::uint32_t id, bool extended) const
{
    return can::profileKnowsId(*m_decoder, id, extended);
}

} // namespace pg::sim
