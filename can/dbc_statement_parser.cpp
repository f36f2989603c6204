#include "dbc_statement_parser.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace pg::can {

namespace {

    using Handler = void (DbcStatementParser::*)();

    // Statements PackGrade does not use: parsed up to their ';' and counted.
    constexpr std::array<std::string_view, 20> kIgnored = { "EV_", "ENVVAR_DATA_", "SGTYPE_",
        "SGTYPE_VAL_", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "SIG_TYPE_REF_", "SIG_GROUP_",
        "SIGTYPE_VALTYPE_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BU_SG_REL_", "BU_EV_REL_",
        "BU_BO_REL_", "CAT_DEF_", "CAT_", "FILTER", "EV_DATA_", "NS_DESC_" };

    constexpr std::array<std::string_view, 15> kHandled
        = { "VERSION", "NS_", "BS_", "BU_", "VAL_TABLE_", "BO_", "SG_", "BO_TX_BU_", "CM_",
              "BA_DEF_", "BA_DEF_DEF_", "BA_", "VAL_", "SIG_VALTYPE_", "SG_MUL_VAL_" };

    bool isKeyword(const DbcToken& t)
    {
        if (t.kind != DbcToken::Kind::Identifier)
            return false;
        return std::find(kHandled.begin(), kHandled.end(), t.text) != kHandled.end()
            || std::find(kIgnored.begin(), kIgnored.end(), t.text) != kIgnored.end();
    }

    constexpr std::uint64_t kExtendedFlag = 0x80000000ULL;

} // namespace

DbcStatementParser::DbcStatementParser(std::string_view text, DbcDatabase& db, bool lenient)
    : m_lex(text)
    , m_db(db)
    , m_lenient(lenient)
{
}

bool DbcStatementParser::run(ParseError& firstError)
{
    while (m_lex.peek().kind != DbcToken::Kind::End) {
        const DbcToken keyword = m_lex.take();
        try {
            statement(keyword);
        } catch (const DbcSyntaxError& e) {
            if (!m_lenient) {
                firstError = e.error;
                return false;
            }
            recover(e, keyword);
        }
    }
    return true;
}

void DbcStatementParser::statement(const DbcToken& keyword)
{
    static const std::array<std::pair<std::string_view, Handler>, 12> kTable = { {
        { "VERSION", &DbcStatementParser::parseVersion },
        { "NS_", &DbcStatementParser::parseNewSymbols },
        { "BS_", &DbcStatementParser::parseBitTiming },
        { "BU_", &DbcStatementParser::parseNodes },
        { "VAL_TABLE_", &DbcStatementParser::parseValueTable },
        { "BO_TX_BU_", &DbcStatementParser::parseTransmitters },
        { "CM_", &DbcStatementParser::parseComment },
        { "BA_DEF_", &DbcStatementParser::parseAttributeDefinition },
        { "BA_DEF_DEF_", &DbcStatementParser::parseAttributeDefault },
        { "BA_", &DbcStatementParser::parseAttribute },
        { "VAL_", &DbcStatementParser::parseValueDescriptions },
        { "SIG_VALTYPE_", &DbcStatementParser::parseSignalValueType },
    } };
    if (keyword.kind == DbcToken::Kind::Invalid)
        fail(keyword, "a closing '\"' for the string that starts here");
    if (keyword.kind != DbcToken::Kind::Identifier || !isKeyword(keyword))
        fail(keyword, "a DBC keyword (BO_, SG_, CM_, BA_, VAL_, ...) at the start of a statement");
    if (keyword.text != "SG_")
        m_skippingMessage = false;
    if (keyword.text == "BO_")
        return parseMessage(keyword);
    if (keyword.text == "SG_")
        return parseSignal(keyword);
    if (keyword.text == "SG_MUL_VAL_")
        return parseMuxValues();
    for (const auto& [name, handler] : kTable) {
        if (keyword.text == name)
            return (this->*handler)();
    }
    ++m_db.ignoredStatements;
    skipStatement();
}

void DbcStatementParser::recover(const DbcSyntaxError& e, const DbcToken& keyword)
{
    const bool wasMessage = keyword.isIdentifier("BO_");
    long lastLine = e.error.line;
    for (;;) {
        const DbcToken& t = m_lex.peek();
        if (t.kind == DbcToken::Kind::End)
            break;
        if (t.newlineBefore && isKeyword(t) && !(wasMessage && t.isIdentifier("SG_")))
            break;
        lastLine = t.line;
        m_lex.take();
    }
    if (wasMessage)
        m_currentMessage = -1;
    ParseError skipped = e.error;
    const std::string what
        = keyword.kind == DbcToken::Kind::Identifier ? std::string(keyword.text) : "text";
    skipped.expected += "; skipped the " + what + " statement";
    if (wasMessage)
        skipped.expected += " and its signals";
    skipped.expected += lastLine > keyword.line
        ? " (lines " + std::to_string(keyword.line) + "-" + std::to_string(lastLine) + ")"
        : " (line " + std::to_string(keyword.line) + ")";
    m_db.skipped.push_back(std::move(skipped));
}

void DbcStatementParser::parseVersion()
{
    m_db.version = expectString("the version string after VERSION");
}

void DbcStatementParser::parseNewSymbols()
{
    expectPunct(':', "':' after NS_");
    // The list of symbol names is indented; it ends at BS_ or at anything in column 1.
    for (;;) {
        const DbcToken& t = m_lex.peek();
        if (t.kind != DbcToken::Kind::Identifier || t.text == "BS_"
            || (t.newlineBefore && t.column == 1))
            return;
        m_lex.take();
    }
}

void DbcStatementParser::parseBitTiming()
{
    expectPunct(':', "':' after BS_");
    while (m_lex.peek().kind != DbcToken::Kind::End && !m_lex.peek().newlineBefore)
        m_lex.take(); // baudrate : BTR1 , BTR2 (obsolete, unused)
}

void DbcStatementParser::parseNodes()
{
    expectPunct(':', "':' after BU_");
    while (m_lex.peek().kind != DbcToken::Kind::End && !m_lex.peek().newlineBefore) {
        DbcNode node;
        node.name = expectIdentifier("a node name in BU_");
        m_db.nodes.push_back(std::move(node));
    }
}

void DbcStatementParser::parseValueTable()
{
    DbcValueTable table;
    table.name = expectIdentifier("a value table name after VAL_TABLE_");
    table.labels = parseLabels();
    expectPunct(';', "';' at the end of VAL_TABLE_");
    m_db.valueTables.push_back(std::move(table));
}

void DbcStatementParser::parseMessage(const DbcToken& keyword)
{
    m_currentMessage = -1;
    const DbcToken idAt = m_lex.peek();
    const std::uint64_t rawId = expectUnsigned("a message id after BO_");
    DbcMessage m;
    m.line = keyword.line;
    m.name = expectIdentifier("a message name after the id");
    expectPunct(':', "':' after the message name");
    const DbcToken lengthAt = m_lex.peek();
    const std::uint64_t length = expectUnsigned("the message length in bytes");
    if (length > 64 || (length > 8 && !isValidFdLength(static_cast<int>(length))))
        fail(lengthAt, "a length of 0..8 bytes, or a CAN FD length (12, 16, 20, 24, 32, 48, 64)");
    m.length = static_cast<int>(length);
    if (m_lex.peek().kind == DbcToken::Kind::Identifier && !m_lex.peek().newlineBefore)
        m.transmitter = std::string(m_lex.take().text);
    const std::uint64_t id = rawId & ~kExtendedFlag;
    if (m.name == "VECTOR__INDEPENDENT_SIG_MSG") {
        m.pseudo = true;
    } else if (rawId > 0xFFFFFFFFULL || id > kMaxExtendedId) {
        fail(idAt, "an 11-bit id, or a 29-bit id with bit 31 set (2147483648 + id)");
    }
    m.id = static_cast<std::uint32_t>(id);
    m.extended = (rawId & kExtendedFlag) != 0 || id > kMaxStandardId;
    m.frameFormat = m.extended ? DbcFrameFormat::Extended : DbcFrameFormat::Standard;
    if (m_byRawId.count(rawId) != 0)
        fail(idAt,
            "a message id not used before (" + std::to_string(rawId) + " is already "
                + m_db.messages[m_byRawId[rawId]].name + ")");
    m_byRawId[rawId] = m_db.messages.size();
    m_currentMessage = static_cast<long>(m_db.messages.size());
    m_db.messages.push_back(std::move(m));
}

void DbcStatementParser::parseSignal(const DbcToken& keyword)
{
    if (m_currentMessage < 0)
        fail(keyword, "a BO_ message before its SG_ signals");
    DbcMessage& m = m_db.messages[static_cast<std::size_t>(m_currentMessage)];
    DbcSignal s;
    s.line = keyword.line;
    const DbcToken nameAt = m_lex.peek();
    s.name = expectIdentifier("a signal name after SG_");
    if (m.findSignal(s.name) != nullptr)
        fail(nameAt, "a signal name not used before in message " + m.name);
    parseMultiplexIndicator(s);
    expectPunct(':', "':' after the signal name (or its multiplex indicator)");
    const DbcToken layoutAt = m_lex.peek();
    parseSignalLayout(s);
    s.unit = expectString("the unit string (\"\" when none)");
    while (m_lex.peek().kind != DbcToken::Kind::End && !m_lex.peek().newlineBefore) {
        if (m_lex.peek().isPunct(',')) {
            m_lex.take();
            continue;
        }
        s.receivers.push_back(expectIdentifier("a receiving node name"));
    }
    checkSignalFits(s, m, layoutAt);
    m.signalList.push_back(std::move(s));
}

void DbcStatementParser::parseMultiplexIndicator(DbcSignal& s)
{
    const DbcToken& t = m_lex.peek();
    if (t.kind != DbcToken::Kind::Identifier)
        return;
    const std::string_view text = t.text;
    if (text == "M") {
        s.isMultiplexer = true;
        m_lex.take();
        return;
    }
    if (text.size() < 2 || text[0] != 'm')
        fail(t, "':' or a multiplex indicator (M, mN or mNM) after the signal name");
    std::string_view digits = text.substr(1);
    if (digits.back() == 'M') {
        s.isMultiplexer = true;
        digits.remove_suffix(1);
    }
    const auto [end, ec]
        = std::from_chars(digits.data(), digits.data() + digits.size(), s.muxValue);
    if (ec != std::errc() || end != digits.data() + digits.size())
        fail(t, "a multiplex indicator M, mN or mNM (N a decimal number)");
    s.hasMuxValue = true;
    s.muxRanges.push_back({ s.muxValue, s.muxValue });
    m_lex.take();
}

void DbcStatementParser::parseSignalLayout(DbcSignal& s)
{
    const DbcToken startAt = m_lex.peek();
    const std::uint64_t start = expectUnsigned("the start bit");
    if (start >= 512)
        fail(startAt, "a start bit below 512 (64 bytes)");
    expectPunct('|', "'|' between start bit and length");
    const DbcToken lengthAt = m_lex.peek();
    const std::uint64_t length = expectUnsigned("the signal length in bits");
    if (length < 1 || length > 64)
        fail(lengthAt, "a signal length of 1..64 bits");
    s.startBit = static_cast<int>(start);
    s.length = static_cast<int>(length);
    expectPunct('@', "'@' before the byte order");
    const DbcToken orderAt = m_lex.peek();
    if (orderAt.kind != DbcToken::Kind::Number || (orderAt.text != "0" && orderAt.text != "1"))
        fail(orderAt, "byte order 0 (Motorola) or 1 (Intel) after '@'");
    s.byteOrder = orderAt.text == "1" ? ByteOrder::LittleEndian : ByteOrder::BigEndian;
    m_lex.take();
    const DbcToken signAt = m_lex.peek();
    if (!signAt.isPunct('+') && !signAt.isPunct('-'))
        fail(signAt, "'+' (unsigned) or '-' (signed) after the byte order");
    s.isSigned = signAt.isPunct('-');
    m_lex.take();
    expectPunct('(', "'(' before the factor");
    s.factor = expectNumber("the factor");
    expectPunct(',', "',' between factor and offset");
    s.offset = expectNumber("the offset");
    expectPunct(')', "')' after the offset");
    expectPunct('[', "'[' before the minimum");
    s.minimum = expectNumber("the minimum");
    expectPunct('|', "'|' between minimum and maximum");
    s.maximum = expectNumber("the maximum");
    expectPunct(']', "']' after the maximum");
}

void DbcStatementParser::checkSignalFits(
    const DbcSignal& s, const DbcMessage& m, const DbcToken& at)
{
    const int end = signalEndByte(s);
    const int lastBit = s.byteOrder == ByteOrder::LittleEndian
        ? s.startBit + s.length - 1
        : linearBitIndex(s.startBit) + s.length - 1;
    if (lastBit >= 512)
        fail(at,
            "a signal inside the 64 bytes of a CAN FD frame (" + s.name + " ends at bit "
                + std::to_string(lastBit) + ")");
    // Real files (Tesla's ID5D5, DLC 5) place signals past the DLC: such a signal is decoded
    // only from frames long enough to hold it.
    if (end > m.length && !m.pseudo)
        m_db.warnings.push_back(ParseError { m_db.file, at.line, at.column,
            "a signal inside the message's " + std::to_string(m.length) + " bytes (" + m.name + "."
                + s.name + " needs " + std::to_string(end)
                + "; decoded only from frames that long)" });
}

void DbcStatementParser::parseTransmitters()
{
    const DbcToken at = m_lex.peek();
    DbcMessage& m = messageByRawId(at, expectUnsigned("a message id after BO_TX_BU_"));
    expectPunct(':', "':' after the message id");
    while (!m_lex.peek().isPunct(';')) {
        if (m_lex.peek().isPunct(',')) {
            m_lex.take();
            continue;
        }
        m.otherTransmitters.push_back(expectIdentifier("a node name or ';'"));
    }
    m_lex.take();
}

void DbcStatementParser::skipStatement()
{
    for (;;) {
        const DbcToken t = m_lex.take();
        if (t.isPunct(';'))
            return;
        if (t.kind == DbcToken::Kind::End)
            fail(t, "';' at the end of the statement");
        if (t.kind == DbcToken::Kind::Invalid)
            fail(t, "a closing '\"' for the string that starts here");
    }
}

} // namespace pg::can
