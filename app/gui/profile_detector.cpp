#include "profile_detector.h"

#include "can/profile_decoder.h"

#include <QDir>
#include <algorithm>

namespace pg::app {

namespace {

    std::uint64_t key(std::uint32_t id, bool extended)
    {
        return static_cast<std::uint64_t>(id) | (static_cast<std::uint64_t>(extended) << 32);
    }

    std::set<std::uint64_t> mappedIds(const can::ProfileDecoder& decoder)
    {
        std::set<std::uint64_t> ids;
        const can::PackProfile& p = decoder.profile();
        for (const auto& f : p.fields) {
            if (f.kind == can::FieldSource::Kind::Bytes)
                ids.insert(key(f.bytes.id, f.bytes.extended));
            if (f.kind != can::FieldSource::Kind::Signal)
                continue;
            if (const auto* m = decoder.database().findMessage(f.signal.message))
                ids.insert(key(m->id, m->extended));
        }
        for (const auto& poll : p.polls)
            ids.insert(key(poll.responseId, poll.extended));
        return ids;
    }

} // namespace

ProfileDetector::ProfileDetector(const QStringList& profiles)
{
    for (const QString& name : profiles) {
        auto decoder = can::ProfileDecoder::load(name.toStdString());
        if (!decoder) {
            m_errors << QString::fromStdString(decoder.error().toString());
            continue;
        }
        if (decoder->profile().abstract)
            continue;
        m_profiles.push_back(Profile { name, mappedIds(*decoder) });
    }
}

void ProfileDetector::addFrames(const std::vector<can::CanFrame>& frames)
{
    for (const auto& f : frames)
        if (!f.is(can::CanFrame::Error))
            m_seen.insert(key(f.id, f.is(can::CanFrame::Extended)));
}

std::vector<ProfileDetector::Candidate> ProfileDetector::ranking() const
{
    std::vector<Candidate> out;
    for (const Profile& p : m_profiles) {
        Candidate c { p.name, static_cast<int>(p.ids.size()), 0 };
        for (std::uint64_t id : p.ids)
            c.idsSeen += m_seen.count(id) ? 1 : 0;
        if (c.idsSeen > 0)
            out.push_back(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        if (a.score() != b.score())
            return a.score() > b.score();
        return a.idsSeen > b.idsSeen;
    });
    return out;
}

QStringList ProfileDetector::builtInProfiles()
{
    QStringList names;
    const auto files = QDir(QStringLiteral(":/profiles"))
                           .entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    for (const QString& f : files)
        if (!f.endsWith(QLatin1String(".schema.json")))
            names << f.chopped(5);
    return names;
}

} // namespace pg::app
