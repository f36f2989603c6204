#include "replay_summary.h"

#include "can/log_reader.h"

#include <algorithm>
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
            m_base.push_back(m_stats.size());
            m_stats.resize(m_stats.size() + m.signalList.size());
        }
        m_lastRaw.resize(m_stats.size());
    }

    void add(const can::CanFrame& f, ReplaySummary& s)
    {
        int index = -1;
        const auto status = m_decoder->decode(f, m_values, &index);
        if (status == can::DbcDecoder::Status::UnknownId) {
            ++s.unknownIdFrames;
            return;
        }
        ++s.decodedFrames;
        s.truncatedFrames += status == can::DbcDecoder::Status::Truncated ? 1 : 0;
        const std::size_t base = m_base[static_cast<std::size_t>(index)];
        for (const can::DecodedSignal& d : m_values) {
            SignalStats& st = m_stats[base + d.signal];
            st.min = st.count == 0 ? d.value : std::min(st.min, d.value);
            st.max = st.count == 0 ? d.value : std::max(st.max, d.value);
            st.last = d.value;
            ++st.count;
            m_lastRaw[base + d.signal] = d.raw;
        }
    }

    std::vector<SignalStats> results() const
    {
        std::vector<SignalStats> out;
        const auto& messages = m_decoder->database().messages;
        for (std::size_t i = 0; i < messages.size(); ++i) {
            for (std::size_t k = 0; k < messages[i].signalList.size(); ++k) {
                SignalStats st = m_stats[m_base[i] + k];
                if (st.count == 0)
                    continue;
                const can::DbcSignal& sig = messages[i].signalList[k];
                st.message = messages[i].name;
                st.signal = sig.name;
                st.unit = sig.unit;
                if (const char* label = sig.labelFor(m_lastRaw[m_base[i] + k]))
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
    const can::DbcDecoder* m_decoder;
    std::vector<std::size_t> m_base;
    std::vector<SignalStats> m_stats;
    std::vector<std::int64_t> m_lastRaw;
    std::vector<can::DecodedSignal> m_values;
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
