#include "replay_summary.h"

#include "can/log_reader.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace pg::core {

namespace {

    constexpr qsizetype kMaxBusEvents = 100;

    // count/min/max/last per signal in one flat table. Slots follow the decoder's plan order
    // (slot = base[message] + position in MessagePlan::signalList), so a frame's signals update
    // neighbouring slots. Classic, unmultiplexed messages of integer signals (most messages of a
    // vehicle DBC) take a packed path: their plans are copied once into 16-byte entries holding
    // just what the per-frame loop reads, and their count is the message's frame count, so one
    // value is one load, shift, mask and three slot updates. Other messages go through
    // DbcDecoder::forEachRaw. Measured in tests/bench/dbc_replay_bench.cpp (docs/notes-dbc.md).
    class SignalAccumulator {
    public:
        explicit SignalAccumulator(const can::DbcDecoder* decoder)
            : m_decoder(decoder)
        {
            if (decoder == nullptr)
                return;
            const auto& messages = decoder->database().messages;
            for (std::size_t i = 0; i < messages.size(); ++i)
                addMessage(decoder->plan(static_cast<int>(i)));
            m_stats.resize(m_counts.size());
            m_physical.resize(m_counts.size());
        }

        void add(const can::CanFrame& f, ReplaySummary& s)
        {
            const int index = m_decoder->messageIndex(f);
            if (index < 0) {
                ++s.unknownIdFrames;
                return;
            }
            ++s.decodedFrames;
            Message& m = m_messages[static_cast<std::size_t>(index)];
            if (m.packedEnd > m.packedBegin && f.len >= m.minLength) {
                addPacked(m, f);
                return;
            }
            const can::MessagePlan& plan = m_decoder->plan(index);
            const auto status = m_decoder->forEachRaw(
                index, f,
                [ this, &m, &plan ](const can::SignalPlan& p, std::uint64_t raw)
                    __attribute__((always_inline)) {
                        const std::size_t slot
                            = m.base + static_cast<std::size_t>(&p - plan.signalList.data());
                        ++m_counts[slot];
                        if (!p.generic) [[likely]] {
                            update(m_stats[slot], signExtended(p.signShift, raw));
                            return;
                        }
                        Physical& ph = m_physical[slot];
                        const double v = can::physicalValue(p, raw);
                        ph.min = std::min(ph.min, v);
                        ph.max = std::max(ph.max, v);
                        ph.last = v;
                        m_stats[slot].lastRaw = static_cast<std::int64_t>(raw);
                    });
            s.truncatedFrames += status == can::DbcDecoder::Status::Truncated ? 1 : 0;
        }

        std::vector<SignalStats> results() const
        {
            std::vector<SignalStats> out;
            const auto& messages = m_decoder->database().messages;
            for (std::size_t i = 0; i < messages.size(); ++i) {
                const can::MessagePlan& plan = m_decoder->plan(static_cast<int>(i));
                for (std::size_t k = 0; k < messages[i].signalList.size(); ++k) {
                    const std::size_t slot = m_messages[i].base + plan.planOf[k];
                    const std::uint64_t count = m_counts[slot]
                        + (plan.planOf[k] < m_messages[i].alwaysEnd ? m_messages[i].packedFrames
                                                                    : 0);
                    if (count == 0)
                        continue;
                    const can::DbcSignal& sig = messages[i].signalList[k];
                    SignalStats st
                        = scaled(m_stats[slot], m_physical[slot], plan.signalList[plan.planOf[k]]);
                    st.count = count;
                    st.message = messages[i].name;
                    st.signal = sig.name;
                    st.unit = sig.unit;
                    if (const char* label = sig.labelFor(m_stats[slot].lastRaw))
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
        struct Stats { // 24 bytes: the table of a large DBC stays small
            std::int64_t minRaw = std::numeric_limits<std::int64_t>::max();
            std::int64_t maxRaw = std::numeric_limits<std::int64_t>::min();
            std::int64_t lastRaw = 0;
        };
        struct Physical { // float and unsigned 64-bit signals only (a separate, rarely touched
                          // table)
            double min = std::numeric_limits<double>::infinity();
            double max = -std::numeric_limits<double>::infinity();
            double last = 0.0;
        };
        struct Packed { // what the packed loop reads of a SignalPlan
            std::uint64_t mask = 0;
            std::uint32_t slot = 0;
            std::uint8_t shift = 0;
            std::uint8_t signShift = 0;
            std::uint8_t bigEndian = 0;
        };
        struct Message {
            std::size_t base = 0; // first slot
            std::uint32_t packedBegin = 0; // its entries in m_packed (one per plan position);
            std::uint32_t packedEnd = 0; // empty: not packable
            std::uint32_t alwaysEnd = 0; // plan positions [0, alwaysEnd) are in every frame
            std::int32_t muxPosition = -1; // simple multiplexing: the multiplexer's plan position
            const std::vector<std::uint32_t>* groups = nullptr; // MessagePlan::groupBegin
            std::uint8_t minLength = 0; // shorter frames take the checked path
            std::uint64_t packedFrames = 0; // frames decoded on the packed path
        };

        // Two's complement of a raw field: signShift = 64 - length for signed fields, 0 otherwise.
        static std::int64_t signExtended(std::uint8_t signShift, std::uint64_t raw)
        {
            return static_cast<std::int64_t>(raw << signShift) >> signShift;
        }

        static void update(Stats& st, std::int64_t v)
        {
            st.minRaw = std::min(st.minRaw, v);
            st.maxRaw = std::max(st.maxRaw, v);
            st.lastRaw = v;
        }

        // Classic frames of integer signals, unmultiplexed or with simple multiplexing (one
        // multiplexer, one value per group), can take the packed path.
        static bool packable(const can::MessagePlan& plan)
        {
            const bool integers = std::none_of(plan.signalList.begin(), plan.signalList.end(),
                [](const can::SignalPlan& p) { return p.generic; });
            return integers && plan.maxEndByte <= 8
                && (plan.switchCount == 0 || (plan.simple && plan.switchCount == 1));
        }

        void addMessage(const can::MessagePlan& plan)
        {
            Message m;
            m.base = m_counts.size();
            m.minLength = plan.maxEndByte;
            m_counts.resize(m_counts.size() + plan.signalList.size());
            if (packable(plan)) {
                m.packedBegin = static_cast<std::uint32_t>(m_packed.size());
                for (std::size_t k = 0; k < plan.signalList.size(); ++k) {
                    const can::SignalPlan& p = plan.signalList[k];
                    m_packed.push_back({ p.mask, static_cast<std::uint32_t>(m.base + k), p.shift,
                        p.signShift, static_cast<std::uint8_t>(p.bigEndian) });
                    if (plan.simple && p.ownSlot == plan.simpleSlot)
                        m.muxPosition = static_cast<std::int32_t>(k);
                }
                m.packedEnd = static_cast<std::uint32_t>(m_packed.size());
                m.alwaysEnd = plan.simple ? plan.conditionalBegin : m.packedEnd - m.packedBegin;
                m.groups = plan.simple ? &plan.groupBegin : nullptr;
            }
            m_messages.push_back(m);
        }

        // The same load, shift and mask as DbcDecoder::forEachRaw's classic path.
        std::uint64_t addPacked(const Packed& p, const std::uint64_t (&words)[2])
        {
            const std::uint64_t raw = (words[p.bigEndian] >> p.shift) & p.mask;
            update(m_stats[p.slot], signExtended(p.signShift, raw));
            return raw;
        }

        void addPacked(Message& m, const can::CanFrame& f)
        {
            ++m.packedFrames;
            const std::uint64_t words[2] = { can::loadPayloadWord(f.data.data(), false),
                can::loadPayloadWord(f.data.data(), true) };
            const Packed* entries = m_packed.data() + m.packedBegin;
            std::uint64_t muxRaw = 0;
            for (std::uint32_t k = 0; k < m.alwaysEnd; ++k) {
                const std::uint64_t raw = addPacked(entries[k], words);
                muxRaw = static_cast<std::int32_t>(k) == m.muxPosition ? raw : muxRaw;
            }
            if (m.groups == nullptr || m.muxPosition < 0 || muxRaw + 1 >= m.groups->size())
                return;
            for (std::uint32_t k = (*m.groups)[muxRaw]; k < (*m.groups)[muxRaw + 1]; ++k) {
                addPacked(entries[k], words);
                ++m_counts[entries[k].slot];
            }
        }

        // Physical min/max/last: raw * factor + offset is monotonic (decreasing when factor < 0).
        static SignalStats scaled(const Stats& slot, const Physical& ph, const can::SignalPlan& p)
        {
            SignalStats st;
            if (p.generic) {
                st.min = ph.min;
                st.max = ph.max;
                st.last = ph.last;
                return st;
            }
            const auto phys
                = [&p](std::int64_t raw) { return static_cast<double>(raw) * p.factor + p.offset; };
            st.min = std::min(phys(slot.minRaw), phys(slot.maxRaw));
            st.max = std::max(phys(slot.minRaw), phys(slot.maxRaw));
            st.last = phys(slot.lastRaw);
            return st;
        }

        const can::DbcDecoder* m_decoder;
        std::vector<Message> m_messages;
        std::vector<Packed> m_packed;
        std::vector<std::uint64_t> m_counts; // per slot, checked path only
        std::vector<Stats> m_stats;
        std::vector<Physical> m_physical;
    };

} // namespace

tl::expected<ReplaySummary, Error> summarizeLog(const QString& path, const can::DbcDecoder* decoder)
{
    auto reader = can::LogReader::open(path.toStdString());
    if (!reader)
        return tl::make_unexpected(
            Error { kExitBadInput, QString::fromStdString(reader.error().toString()) });

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
        ReplaySummary::IdStats& st
            = f.is(can::CanFrame::Extended) ? extended[f.id] : standard[f.id];
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
