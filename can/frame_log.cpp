#include "frame_log.h"

#include "candump_format.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace pg::can {

tl::expected<FrameLog*, std::string> FrameLog::create(const std::string& path, std::string iface)
{
    std::FILE* f = std::fopen(path.c_str(), "ae");
    if (!f)
        return tl::make_unexpected(path + ": cannot open for writing: " + std::strerror(errno));
    return new FrameLog(f, path, std::move(iface));
}

FrameLog::FrameLog(std::FILE* file, std::string path, std::string iface)
    : m_file(file)
    , m_path(std::move(path))
    , m_iface(std::move(iface))
    , m_lastFlush(std::chrono::steady_clock::now())
{
    std::setvbuf(m_file, m_buffer, _IOFBF, sizeof m_buffer);
    if (m_iface.empty() || m_iface.find(' ') != std::string::npos)
        m_iface = "can0";
}

FrameLog::~FrameLog()
{
    flush();
    std::fclose(m_file);
}

bool FrameLog::append(const CanFrame& frame)
{
    char line[kMaxCandumpLine];
    const std::size_t n = formatCandumpLine(frame, m_iface, line);
    if (std::fwrite(line, 1, n, m_file) != n) {
        m_error = m_path + ": write failed: " + std::strerror(errno);
        return false;
    }
    ++m_frames;
    if ((m_frames & 0xFF) == 0)
        flushIfDue();
    return true;
}

void FrameLog::flushIfDue()
{
    if (std::chrono::steady_clock::now() - m_lastFlush >= kFlushInterval)
        flush();
}

void FrameLog::flush()
{
    if (std::fflush(m_file) != 0)
        m_error = m_path + ": flush failed: " + std::strerror(errno);
    ::fdatasync(fileno(m_file));
    m_lastFlush = std::chrono::steady_clock::now();
}

} // namespace pg::can
