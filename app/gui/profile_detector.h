#pragma once

#include "can/can_frame.h"

#include <QString>
#include <QStringList>
#include <set>
#include <vector>

namespace pg::app {

// Which pack profile a bus speaks, guessed from the ids on it: each profile is scored by the
// share of its mapped messages (DBC messages its fields read, byte sources, poll responses) that
// have been seen. A guess to confirm, never to act on alone.
class ProfileDetector {
public:
    struct Candidate {
        QString profile;
        int idsMapped = 0;
        int idsSeen = 0;
        double score() const
        {
            return idsMapped > 0 ? static_cast<double>(idsSeen) / idsMapped : 0.0;
        }
    };

    // Loads the named profiles (built-in names or paths); profiles that fail to load are listed
    // in errors() and skipped.
    explicit ProfileDetector(const QStringList& profiles);

    void addFrames(const std::vector<can::CanFrame>& frames);
    // Best first; only profiles with at least one id seen.
    std::vector<Candidate> ranking() const;
    const QStringList& errors() const { return m_errors; }
    static QStringList builtInProfiles();

private:
    struct Profile {
        QString name;
        std::set<std::uint64_t> ids; // id | extended << 32
    };
    std::vector<Profile> m_profiles;
    std::set<std::uint64_t> m_seen;
    QStringList m_errors;
};

} // namespace pg::app
