#include "log_formats.h"

namespace pg::can {

const char* logFormatName(LogFormat format)
{
    switch (format) {
    case LogFormat::Candump:
        return "candump";
    case LogFormat::Asc:
        return "asc";
    case LogFormat::Trc:
        return "trc";
    }
    return "unknown";
}

std::string_view Tokens::next()
{
    const std::size_t n = m_line.size();
    while (m_pos < n && (m_line[m_pos] == ' ' || m_line[m_pos] == '\t'))
        ++m_pos;
    const std::size_t start = m_pos;
    while (m_pos < n && m_line[m_pos] != ' ' && m_line[m_pos] != '\t')
        ++m_pos;
    return m_line.substr(start, m_pos - start);
}

std::size_t Tokens::position() const
{
    std::size_t p = m_pos;
    while (p < m_line.size() && (m_line[p] == ' ' || m_line[p] == '\t'))
        ++p;
    return p;
}

std::string_view Tokens::rest() const
{
    std::size_t p = m_pos;
    while (p < m_line.size() && (m_line[p] == ' ' || m_line[p] == '\t'))
        ++p;
    return m_line.substr(p);
}

bool parseHexU32(std::string_view text, std::uint32_t& value)
{
    if (text.empty() || text.size() > 8)
        return false;
    std::uint32_t v = 0;
    for (char c : text) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        v = (v << 4) | static_cast<std::uint32_t>(d);
    }
    value = v;
    return true;
}

bool parseDecU32(std::string_view text, std::uint32_t& value)
{
    if (text.empty() || text.size() > 10)
        return false;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > 0xFFFFFFFFULL)
        return false;
    value = static_cast<std::uint32_t>(v);
    return true;
}

bool parseScaledTime(std::string_view text, std::int64_t unitUs, std::int64_t& us)
{
    if (text.empty())
        return false;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        ++i;
    }
    std::int64_t whole = 0;
    std::size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits)
        whole = whole * 10 + (text[i] - '0');
    std::int64_t frac = 0;
    std::int64_t scale = 1;
    if (i < text.size() && text[i] == '.') {
        ++i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
            if (scale < 1000000000LL) {
                frac = frac * 10 + (text[i] - '0');
                scale *= 10;
            }
        }
    }
    if (digits == 0 || i != text.size() || digits > 18)
        return false;
    std::int64_t v = whole * unitUs + (frac * unitUs + scale / 2) / scale;
    us = negative ? -v : v;
    return true;
}

} // namespace pg::can
