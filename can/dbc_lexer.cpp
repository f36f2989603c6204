#include "dbc_lexer.h"

namespace pg::can {

namespace {

    bool isIdentStart(char c)
    {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
    bool isDigit(char c)
    {
        return c >= '0' && c <= '9';
    }
    bool isIdentChar(char c)
    {
        return isIdentStart(c) || isDigit(c);
    }

} // namespace

DbcLexer::DbcLexer(std::string_view text)
    : m_text(text)
{
    // A UTF-8 byte order mark is not part of the first keyword.
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
    m_lineStart = m_pos;
    m_current = scan();
}

DbcToken DbcLexer::take()
{
    DbcToken t = m_current;
    m_current = scan();
    return t;
}

void DbcLexer::skipSpace(bool& newline)
{
    const std::size_t n = m_text.size();
    while (m_pos < n) {
        const char c = m_text[m_pos];
        if (c == '\n') {
            newline = true;
            ++m_line;
            m_lineStart = ++m_pos;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            ++m_pos;
        } else if (c == '/' && m_pos + 1 < n && m_text[m_pos + 1] == '/') {
            while (m_pos < n && m_text[m_pos] != '\n')
                ++m_pos;
        } else {
            return;
        }
    }
}

DbcToken DbcLexer::scan()
{
    DbcToken t;
    skipSpace(t.newlineBefore);
    t.line = m_line;
    t.column = static_cast<int>(m_pos - m_lineStart) + 1;
    const std::size_t n = m_text.size();
    if (m_pos >= n)
        return t; // End
    const std::size_t start = m_pos;
    const char c = m_text[m_pos];
    if (isIdentStart(c)) {
        while (m_pos < n && isIdentChar(m_text[m_pos]))
            ++m_pos;
        t.kind = DbcToken::Kind::Identifier;
    } else if (isDigit(c) || (c == '.' && m_pos + 1 < n && isDigit(m_text[m_pos + 1]))) {
        while (m_pos < n && (isDigit(m_text[m_pos]) || m_text[m_pos] == '.'))
            ++m_pos;
        if (m_pos < n && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            std::size_t p = m_pos + 1;
            if (p < n && (m_text[p] == '+' || m_text[p] == '-'))
                ++p;
            if (p < n && isDigit(m_text[p])) {
                m_pos = p;
                while (m_pos < n && isDigit(m_text[m_pos]))
                    ++m_pos;
            }
        }
        t.kind = DbcToken::Kind::Number;
    } else if (c == '"') {
        ++m_pos;
        while (m_pos < n && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < n)
                ++m_pos;
            if (m_text[m_pos] == '\n') {
                ++m_line;
                m_lineStart = m_pos + 1;
            }
            ++m_pos;
        }
        if (m_pos >= n) {
            t.kind = DbcToken::Kind::Invalid; // unterminated string
            t.text = "unterminated string";
            return t;
        }
        t.kind = DbcToken::Kind::String;
        t.text = m_text.substr(start + 1, m_pos - start - 1);
        ++m_pos;
        return t;
    } else {
        ++m_pos;
        t.kind = DbcToken::Kind::Punct;
    }
    t.text = m_text.substr(start, m_pos - start);
    return t;
}

std::string unescapeDbcString(std::string_view raw)
{
    std::string s;
    s.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\'))
            ++i;
        if (raw[i] != '\r')
            s += raw[i];
    }
    return s;
}

} // namespace pg::can
