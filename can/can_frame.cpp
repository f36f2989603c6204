#include "can_frame.h"

#include "candump_format.h"

namespace pg::can {

namespace {
constexpr std::array<int, 16> kDlcLength { 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64 };
}

int fdLengthToDlc(int len)
{
    for (int dlc = 0; dlc < 16; ++dlc) {
        if (kDlcLength[dlc] >= len)
            return dlc;
    }
    return 15;
}

int dlcToLength(int dlc, bool fd)
{
    if (dlc < 0)
        return 0;
    if (!fd)
        return dlc > 8 ? 8 : dlc;
    return kDlcLength[dlc > 15 ? 15 : dlc];
}

bool isValidFdLength(int len)
{
    return len >= 0 && len <= 64 && kDlcLength[fdLengthToDlc(len)] == len;
}

std::string toCandumpText(const CanFrame& frame)
{
    char buf[kMaxCandumpFrameText];
    const std::size_t n = formatCandumpFrame(frame, buf);
    return std::string(buf, n);
}

} // namespace pg::can
