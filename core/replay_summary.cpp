#include "replay_summary.h"

#include "can/log_reader.h"

#include <algorithm>
#include <unordered_map>

namespace pg::core {

namespace {
constexpr qsizetype kMaxBusEvents = 100;
}

tl::expected<ReplaySummary, Error> summarizeLog(const QString& path)
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
    s.malformedLines = reader->issueCount();
    s.issues = reader->issues();
    for (const std::string& c : reader->channels())
        s.channels.append(QString::fromStdString(c));
    return s;
}

} // namespace pg::core
