#pragma once

#include <string>

namespace pg::can {

// A problem in a pack profile: the file, the JSON key path ("fields[3].signal.name") and why.
struct ProfileError {
    std::string file;
    std::string key; // empty when about the whole file
    std::string reason;

    std::string toString() const
    {
        return file + (key.empty() ? std::string() : ": " + key) + ": " + reason;
    }
};

} // namespace pg::can
