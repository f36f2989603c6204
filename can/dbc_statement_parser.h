#pragma once

#include "dbc_database.h"
#include "dbc_lexer.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace pg::can {

// Reads DBC statements one by one into a DbcDatabase (used by DbcParser; not a public API).
// A syntax error inside a statement is thrown as DbcSyntaxError and caught at the statement
// boundary, where it either ends the parse (strict) or is recorded and skipped (lenient).
struct DbcSyntaxError {
    ParseError error;
};

class DbcStatementParser {
public:
    DbcStatementParser(std::string_view text, DbcDatabase& db, bool lenient);

    // Parses every statement. Strict: the first error. Lenient: errors land in db.skipped.
    bool run(ParseError& firstError);

private:
    void statement(const DbcToken& keyword);
    void recover(const DbcSyntaxError& e, const DbcToken& keyword);

    // Structure (dbc_statement_parser.cpp).
    void parseVersion();
    void parseNewSymbols();
    void parseBitTiming();
    void parseNodes();
    void parseValueTable();
    void parseMessage(const DbcToken& keyword);
    void parseSignal(const DbcToken& keyword);
    void parseMultiplexIndicator(DbcSignal& s);
    void parseSignalLayout(DbcSignal& s);
    void checkSignalFits(const DbcSignal& s, const DbcMessage& m, const DbcToken& at);
    void parseTransmitters();
    void skipStatement();

    // Meta data (dbc_statement_meta.cpp).
    void parseComment();
    void parseAttributeDefinition();
    void parseAttributeDefault();
    void parseAttribute();
    DbcAttribute parseAttributeValue(std::string name);
    void parseValueDescriptions();
    void parseSignalValueType();
    void parseMuxValues();
    std::vector<DbcValueLabel> parseLabels();

    // Tokens.
    [[noreturn]] void fail(const DbcToken& at, const std::string& expected) const;
    void expectPunct(char c, const char* what);
    std::string expectIdentifier(const char* what);
    std::string expectString(const char* what);
    double expectNumber(const char* what);
    std::uint64_t expectUnsigned(const char* what);
    DbcMessage& messageByRawId(const DbcToken& at, std::uint64_t rawId);
    DbcSignal& signalIn(DbcMessage& m, const DbcToken& at, const std::string& name);

    DbcLexer m_lex;
    DbcDatabase& m_db;
    bool m_lenient = false;
    long m_currentMessage = -1; // index of the BO_ that SG_ lines belong to
    bool m_skippingMessage = false; // lenient: the BO_ was bad, so drop its SG_ lines too
    std::unordered_map<std::uint64_t, std::size_t> m_byRawId;
};

} // namespace pg::can
