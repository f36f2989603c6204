#include "log_reader.h"

#include "candump_format.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace pg::can {

namespace {

bool endsWith(const std::string& s, std::string_view suffix)
{
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        const char a = s[s.size() - suffix.size() + i];
        if (static_cast<char>(a | 0x20) != suffix[i])
            return false;
    }
    return true;
}

} // namespace

LogFormat detectLogFormat(const std::string& path, std::string_view head)
{
    if (endsWith(path, ".asc"))
        return LogFormat::Asc;
    if (endsWith(path, ".trc"))
        return LogFormat::Trc;
    if (endsWith(path, ".log"))
        return LogFormat::Candump;
    for (char c : head) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == ';')
            return LogFormat::Trc;
        if (c == '(')
            return LogFormat::Candump;
        return LogFormat::Asc;
    }
    return LogFormat::Candump;
}

tl::expected<LogReader, ParseError> LogReader::open(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tl::make_unexpected(ParseError { path, 0, 0, std::string("cannot open: ") + std::strerror(errno) });
    struct stat st { };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return tl::make_unexpected(ParseError { path, 0, 0, "not a regular file" });
    }
    LogReader reader;
    reader.m_path = path;
    reader.m_size = static_cast<std::size_t>(st.st_size);
    if (reader.m_size > 0) {
        void* p = ::mmap(nullptr, reader.m_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            return tl::make_unexpected(ParseError { path, 0, 0, std::string("cannot map: ") + std::strerror(errno) });
        }
        ::madvise(p, reader.m_size, MADV_SEQUENTIAL);
        reader.m_data = static_cast<const char*>(p);
        reader.m_mapped = true;
    }
    ::close(fd);
    reader.m_format = detectLogFormat(path, std::string_view(reader.m_data ? reader.m_data : "", reader.m_size < 256 ? reader.m_size : 256));
    return reader;
}

LogReader LogReader::fromBuffer(std::string_view text, std::string name, LogFormat format)
{
    LogReader reader;
    reader.m_data = text.data();
    reader.m_size = text.size();
    reader.m_path = std::move(name);
    reader.m_format = format;
    return reader;
}

LogReader::LogReader(LogReader&& other) noexcept { *this = std::move(other); }

LogReader& LogReader::operator=(LogReader&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_pos = other.m_pos;
        m_mapped = std::exchange(other.m_mapped, false);
        m_format = other.m_format;
        m_path = std::move(other.m_path);
        m_line = other.m_line;
        m_channels = std::move(other.m_channels);
        m_lastChannel = other.m_lastChannel;
        m_issues = std::move(other.m_issues);
        m_issueCount = other.m_issueCount;
        m_asc = other.m_asc;
        m_trc = other.m_trc;
    }
    return *this;
}

LogReader::~LogReader() { release(); }

void LogReader::release()
{
    if (m_mapped && m_data)
        ::munmap(const_cast<char*>(m_data), m_size);
    m_data = nullptr;
    m_mapped = false;
}

namespace {
// Interface names are a few bytes: a plain loop beats a call into the library's memcmp.
bool sameName(const std::string& a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}
} // namespace

std::uint16_t LogReader::channelIndex(std::string_view name)
{
    if (m_lastChannel < m_channels.size() && sameName(m_channels[m_lastChannel], name))
        return m_lastChannel;
    for (std::size_t i = 0; i < m_channels.size(); ++i) {
        if (m_channels[i] == name) {
            m_lastChannel = static_cast<std::uint16_t>(i);
            return m_lastChannel;
        }
    }
    if (m_channels.size() >= 0xFFFF)
        return 0;
    m_channels.emplace_back(name);
    m_lastChannel = static_cast<std::uint16_t>(m_channels.size() - 1);
    return m_lastChannel;
}

void LogReader::addIssue(long line, int column, const char* expected)
{
    ++m_issueCount;
    if (m_issues.size() < kMaxKeptIssues)
        m_issues.push_back(ParseError { m_path, line, column, std::string("expected ") + expected });
}

bool LogReader::next(CanFrame& frame)
{
    while (m_pos < m_size) {
        const char* start = m_data + m_pos;
        const std::size_t remaining = m_size - m_pos;
        const void* nl = std::memchr(start, '\n', remaining);
        std::size_t len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : remaining;
        m_pos += nl ? len + 1 : len;
        ++m_line;
        if (len > 0 && start[len - 1] == '\r')
            --len;
        const std::string_view line(start, len);
        if (m_format == LogFormat::Candump) {
            if (len == 0)
                continue;
            CandumpParse result;
            if (parseCandumpLine(line, frame, result)) {
                frame.channel = channelIndex(result.iface);
                return true;
            }
            addIssue(m_line, result.errorColumn, result.expected);
            continue;
        }
        const LineResult r = m_format == LogFormat::Asc ? parseAscLine(line, frame, m_asc)
                                                        : parseTrcLine(line, frame, m_trc);
        if (r.kind == LineKind::Frame) {
            frame.channel = channelIndex(r.channel);
            return true;
        }
        if (r.kind == LineKind::Malformed)
            addIssue(m_line, r.column, r.expected);
    }
    return false;
}

} // namespace pg::can
