#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pg::can {

// Splits DBC text into tokens with 1-based line and column. Newlines are whitespace, but each
// token records whether one came before it (SG_ receivers and BU_ nodes end at a line end).
// Accepts LF and CRLF files; strings may span lines; `//` starts a comment to the line end.
struct DbcToken {
    enum class Kind : std::uint8_t { End, Identifier, Number, String, Punct, Invalid };
    Kind kind = Kind::End;
    std::string_view text; // identifier, number or punctuation; string contents without quotes
    long line = 0;
    int column = 0;
    bool newlineBefore = false;

    bool isPunct(char c) const { return kind == Kind::Punct && text.size() == 1 && text[0] == c; }
    bool isIdentifier(std::string_view word) const
    {
        return kind == Kind::Identifier && text == word;
    }
};

class DbcLexer {
public:
    explicit DbcLexer(std::string_view text);

    const DbcToken& peek() const { return m_current; }
    DbcToken take();

private:
    DbcToken scan();
    void skipSpace(bool& newline);

    std::string_view m_text;
    std::size_t m_pos = 0;
    long m_line = 1;
    std::size_t m_lineStart = 0;
    DbcToken m_current;
};

// A DBC string's contents with \" and \\ unescaped.
std::string unescapeDbcString(std::string_view raw);

} // namespace pg::can
