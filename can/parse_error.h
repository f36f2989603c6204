#pragma once

#include <string>

namespace pg::can {

// What went wrong where in a file or on a device, in words a technician can act on.
struct ParseError {
    std::string file; // path, or device name such as "slcan:/dev/ttyACM0"
    long line = 0; // 1-based; 0 when not about a line
    int column = 0; // 1-based; 0 when unknown
    std::string expected; // what was expected, or what failed

    std::string toString() const
    {
        std::string s = file;
        if (line > 0) {
            s += ':' + std::to_string(line);
            if (column > 0)
                s += ':' + std::to_string(column);
        }
        return s + ": " + expected;
    }
};

} // namespace pg::can
