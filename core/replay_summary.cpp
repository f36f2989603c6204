#include "replay_summary.h"

#include "can/log_reader.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace pg::core {

namespace {

constexpr qsizetype kMaxBusEvents = 100;

// count/min/max/last per signal in one flat table: slot = base[message] + signal index.
class SignalAccumulator {
public:
    explicit SignalAccumulator(const can::DbcDecoder* decoder)
        : m_decoder(decoder)
    {
        if (decoder == nullptr)
            return;
        for (const can::DbcMessage& m : decoder->database().messages) {
            m_base.push_back(m_slots.size());
            m_slots.resize(m_slots.size() + m.signalList.size());
        }
        m_physical.resize(m_slots.size());
    }

    void add(const can::CanFrame& f, ReplaySummary& s)
    {
        const int index = m_decoder->messageIndex(f);
        if (index < 0) {
            ++s.unknownIdFrames;
            return;
        }
        ++s.decodedFrames;
        const std::size_t base = m_base[static_cast<std::size_t>(index)];
        Slot* table = m_slots.data() + base;
        Physical* physical = m_physical.data() + base;
        const auto visit = [table, physical](const can::SignalPlan& p, std::uint64_t raw) __attribute__((always_inline)) {
            Slot& st = table[p.signal];
            ++st.count;
            if (!p.generic) [[likely]] { // integer fields: compare raw, scale once in results()
                const std::int64_t v = can::signExtend(p, raw);
                st.minRaw = std::min(st.minRaw, v);
                st.maxRaw = std::max(st.maxRaw, v);
                st.lastRaw = v;
                return;
            }
            const double v = can::physicalValue(p, raw);
            Physical& ph = physical[p.signal];
            ph.min = std::min(ph.min, v);
            ph.max = std::max(ph.max, v);
            ph.last = v;
            st.lastRaw = static_cast<std::int64_t>(raw);
        };
        const auto status = m_decoder->forEachRaw(index, f, visit);
        s.truncatedFrames += status == can::DbcDecoder::Status::Truncated ? 1 : 0;
    }

    std::vector<SignalStats> results() const
    {
        std::vector<SignalStats> out;
        const auto& messages = m_decoder->database().messages;
        for (std::size_t i = 0; i < messages.size(); ++i) {
            for (std::size_t k = 0; k < messages[i].signalList.size(); ++k) {
                const Slot& slot = m_slots[m_base[i] + k];
                if (slot.count == 0)
                    continue;
                const can::DbcSignal& sig = messages[i].signalList[k];
                SignalStats st = scaled(slot, m_physical[m_base[i] + k], m_decoder->plan(static_cast<int>(i)), k);
                st.message = messages[i].name;
                st.signal = sig.name;
                st.unit = sig.unit;
                if (const char* label = sig.labelFor(slot.lastRaw))
                    st.lastLabel = label;
                out.push_back(std::move(st));
            }
        }
        std::sort(out.begin(), out.end(), [](const SignalStats& a, const SignalStats& b) {
            return std::tie(a.message, a.signal) < std::tie(b.message, b.signal);
        });
        return out;
    }

private:
    struct Slot { // 32 bytes: the table of a large DBC stays in cache
        std::uint64_t count = 0;
        std::int64_t minRaw = std::numeric_limits<std::int64_t>::max();
        std::int64_t maxRaw = std::numeric_limits<std::int64_t>::min();
        std::int64_t lastRaw = 0;
    };
    struct Physical { // float and unsigned 64-bit signals only (a separate, rarely touched table)
        double min = std::numeric_limits<double>::infinity();
        double max = -std::numeric_limits<double>::infinity();
        double last = 0.0;
    };

    // Physical min/max/last: raw * factor + offset is monotonic (decreasing when factor < 0).
    static SignalStats scaled(const Slot& slot, const Physical& ph, const can::MessagePlan& plan, std::size_t signal)
    {
        const can::SignalPlan& p = plan.signalList[plan.planOf[signal]];
        SignalStats st;
        st.count = slot.count;
        if (p.generic) {
            st.min = ph.min;
            st.max = ph.max;
            st.last = ph.last;
            return st;
        }
        const auto phys = [&p](std::int64_t raw) { return static_cast<double>(raw) * p.factor + p.offset; };
        st.min = std::min(phys(slot.minRaw), phys(slot.maxRaw));
        st.max = std::max(phys(slot.minRaw), phys(slot.maxRaw));
        st.last = phys(slot.lastRaw);
        return st;
    }
    const can::DbcDecoder* m_decoder;
    std::vector<std::size_t> m_base;
    std::vector<Slot> m_slots;
    std::vector<Physical> m_physical;
};

} // namespace

tl::expected<ReplaySummary, Error> summarizeLog(const QString& path, const can::DbcDecoder* decoder)
{
    auto reader = can::LogReader::open(path.toStdString());
    if (!reader)
        return tl::make_unexpected(Error { kExitBadInput, QString::fromStdString(reader.error().toString()) });

    ReplaySummary s;
    s.path = path;
    s.format = QString::fromLatin1(can::logFormatName(reader->format()));
    // Standard ids index a flat table; extended ids (rarer) go to a hash map.
    std::vector<ReplaySummary::IdStats> standard(can::kMaxStandardId + 1);
    std::unordered_map<std::uint32_t, ReplaySummary::IdStats> extended;
    SignalAccumulator signalStats(decoder);
    s.decoded = decoder != nullptr;
    can::CanFrame f;
    while (reader->next(f)) {
        if (s.frames == 0)
            s.firstUs = f.timeUs;
        s.firstUs = std::min(s.firstUs, f.timeUs);
        s.lastUs = std::max(s.lastUs, f.timeUs);
        ++s.frames;
        if (f.is(can::CanFrame::Error)) {
            ++s.errorFrames;
            if (s.busEvents.size() < kMaxBusEvents)
                can::decodeErrorFrame(f, path, s.busEvents);
            continue;
        }
        s.fdFrames += f.is(can::CanFrame::Fd) ? 1 : 0;
        s.remoteFrames += f.is(can::CanFrame::Remote) ? 1 : 0;
        if (decoder != nullptr && !f.is(can::CanFrame::Remote))
            signalStats.add(f, s);
        ReplaySummary::IdStats& st = f.is(can::CanFrame::Extended) ? extended[f.id] : standard[f.id];
        if (st.count == 0) {
            st.id = f.id;
            st.extended = f.is(can::CanFrame::Extended);
            st.firstUs = f.timeUs;
        }
        ++st.count;
        st.lastUs = f.timeUs;
        st.last = f;
    }
    for (const auto& st : standard) {
        if (st.count > 0)
            s.ids.push_back(st);
    }
    std::vector<ReplaySummary::IdStats> ext;
    for (const auto& [id, st] : extended)
        ext.push_back(st);
    std::sort(ext.begin(), ext.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    s.ids.insert(s.ids.end(), ext.begin(), ext.end());
    if (decoder != nullptr)
        s.signalStats = signalStats.results();
    s.malformedLines = reader->issueCount();
    s.issues = reader->issues();
    for (const std::string& c : reader->channels())
        s.channels.append(QString::fromStdString(c));
    return s;
}

} // namespace pg::core
