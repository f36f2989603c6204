// DbcStatementParser: comments, attributes, value descriptions, value types, extended
// multiplexing, and the token helpers.
#include "dbc_statement_parser.h"

#include <charconv>

namespace pg::can {

namespace {

    DbcObjectType objectTypeOf(std::string_view keyword)
    {
        if (keyword == "BU_")
            return DbcObjectType::Node;
        if (keyword == "BO_")
            return DbcObjectType::Message;
        if (keyword == "SG_")
            return DbcObjectType::Signal;
        return DbcObjectType::EnvVar;
    }

} // namespace

void DbcStatementParser::parseComment()
{
    const DbcToken t = m_lex.peek();
    if (t.kind == DbcToken::Kind::String) {
        m_db.comment = expectString("the comment");
    } else if (t.isIdentifier("BU_")) {
        m_lex.take();
        const std::string name = expectIdentifier("a node name after CM_ BU_");
        std::string text = expectString("the comment string");
        for (DbcNode& n : m_db.nodes) {
            if (n.name == name)
                n.comment = std::move(text);
        }
    } else if (t.isIdentifier("BO_") || t.isIdentifier("SG_")) {
        m_lex.take();
        const DbcToken idAt = m_lex.peek();
        DbcMessage& m = messageByRawId(idAt, expectUnsigned("a message id"));
        if (t.isIdentifier("BO_")) {
            m.comment = expectString("the comment string");
        } else {
            const DbcToken nameAt = m_lex.peek();
            DbcSignal& s = signalIn(m, nameAt, expectIdentifier("a signal name"));
            s.comment = expectString("the comment string");
        }
    } else if (t.isIdentifier("EV_")) {
        m_lex.take();
        expectIdentifier("an environment variable name");
        expectString("the comment string");
    } else {
        fail(t, "a string, or BU_, BO_, SG_ or EV_ after CM_");
    }
    expectPunct(';', "';' after the comment");
}

void DbcStatementParser::parseAttributeDefinition()
{
    DbcAttributeDefinition d;
    const DbcToken& t = m_lex.peek();
    if (t.isIdentifier("BU_") || t.isIdentifier("BO_") || t.isIdentifier("SG_")
        || t.isIdentifier("EV_"))
        d.object = objectTypeOf(m_lex.take().text);
    d.name = expectString("the attribute name in quotes");
    const DbcToken typeAt = m_lex.peek();
    const std::string type = expectIdentifier("an attribute type (INT, HEX, FLOAT, STRING, ENUM)");
    if (type == "INT" || type == "HEX" || type == "FLOAT") {
        d.type = type == "INT" ? DbcAttributeType::Int
            : type == "HEX"    ? DbcAttributeType::Hex
                               : DbcAttributeType::Float;
        d.minimum = expectNumber("the attribute minimum");
        d.maximum = expectNumber("the attribute maximum");
    } else if (type == "STRING") {
        d.type = DbcAttributeType::String;
    } else if (type == "ENUM") {
        d.type = DbcAttributeType::Enum;
        while (!m_lex.peek().isPunct(';')) {
            d.enumValues.push_back(expectString("an ENUM member in quotes"));
            if (m_lex.peek().isPunct(','))
                m_lex.take();
        }
    } else {
        fail(typeAt, "an attribute type (INT, HEX, FLOAT, STRING, ENUM)");
    }
    expectPunct(';', "';' after the attribute definition");
    m_db.attributeDefinitions.push_back(std::move(d));
}

DbcAttribute DbcStatementParser::parseAttributeValue(std::string name)
{
    DbcAttribute a;
    a.name = std::move(name);
    if (m_lex.peek().kind == DbcToken::Kind::String) {
        a.isString = true;
        a.text = expectString("the attribute value");
    } else {
        a.number = expectNumber("the attribute value (a number or a string)");
    }
    return a;
}

void DbcStatementParser::parseAttributeDefault()
{
    const DbcToken nameAt = m_lex.peek();
    const std::string name = expectString("the attribute name in quotes");
    DbcAttribute value = parseAttributeValue(name);
    expectPunct(';', "';' after the default value");
    for (DbcAttributeDefinition& d : m_db.attributeDefinitions) {
        if (d.name == name) {
            d.defaultValue = std::move(value);
            d.hasDefault = true;
            return;
        }
    }
    fail(nameAt, "an attribute defined by BA_DEF_ before its BA_DEF_DEF_");
}

void DbcStatementParser::parseAttribute()
{
    const std::string name = expectString("the attribute name in quotes");
    const DbcToken t = m_lex.peek();
    std::vector<DbcAttribute>* target = &m_db.attributes;
    if (t.isIdentifier("BU_") || t.isIdentifier("EV_")) {
        m_lex.take();
        expectIdentifier("a node or environment variable name");
        target = nullptr; // node and environment variable attributes are not used
    } else if (t.isIdentifier("BO_") || t.isIdentifier("SG_")) {
        m_lex.take();
        const DbcToken idAt = m_lex.peek();
        DbcMessage& m = messageByRawId(idAt, expectUnsigned("a message id"));
        target = &m.attributes;
        if (t.isIdentifier("SG_")) {
            const DbcToken nameAt = m_lex.peek();
            target = &signalIn(m, nameAt, expectIdentifier("a signal name")).attributes;
        }
    }
    DbcAttribute value = parseAttributeValue(name);
    expectPunct(';', "';' after the attribute value");
    if (target != nullptr)
        target->push_back(std::move(value));
}

std::vector<DbcValueLabel> DbcStatementParser::parseLabels()
{
    std::vector<DbcValueLabel> labels;
    while (!m_lex.peek().isPunct(';')) {
        DbcValueLabel l;
        l.value = static_cast<std::int64_t>(expectNumber("a raw value or ';'"));
        l.label = expectString("the description of the value in quotes");
        labels.push_back(std::move(l));
    }
    return labels;
}

void DbcStatementParser::parseValueDescriptions()
{
    const DbcToken at = m_lex.peek();
    if (at.kind == DbcToken::Kind::Identifier) { // VAL_ of an environment variable
        m_lex.take();
        parseLabels();
        expectPunct(';', "';' at the end of VAL_");
        return;
    }
    DbcMessage& m = messageByRawId(at, expectUnsigned("a message id after VAL_"));
    const DbcToken nameAt = m_lex.peek();
    DbcSignal& s = signalIn(m, nameAt, expectIdentifier("a signal name"));
    s.valueLabels = parseLabels();
    expectPunct(';', "';' at the end of VAL_");
}

void DbcStatementParser::parseSignalValueType()
{
    const DbcToken at = m_lex.peek();
    DbcMessage& m = messageByRawId(at, expectUnsigned("a message id after SIG_VALTYPE_"));
    const DbcToken nameAt = m_lex.peek();
    DbcSignal& s = signalIn(m, nameAt, expectIdentifier("a signal name"));
    if (m_lex.peek().isPunct(':'))
        m_lex.take();
    const DbcToken typeAt = m_lex.peek();
    const std::uint64_t type = expectUnsigned("value type 0 (integer), 1 (float) or 2 (double)");
    if (type > 2)
        fail(typeAt, "value type 0 (integer), 1 (float) or 2 (double)");
    if ((type == 1 && s.length != 32) || (type == 2 && s.length != 64))
        fail(typeAt,
            "a 32-bit signal for type 1 (float) or a 64-bit one for 2 (double); " + s.name + " has "
                + std::to_string(s.length) + " bits");
    s.valueType = type == 0 ? SignalValueType::Integer
        : type == 1         ? SignalValueType::Float32
                            : SignalValueType::Float64;
    expectPunct(';', "';' at the end of SIG_VALTYPE_");
}

void DbcStatementParser::parseMuxValues()
{
    const DbcToken at = m_lex.peek();
    DbcMessage& m = messageByRawId(at, expectUnsigned("a message id after SG_MUL_VAL_"));
    const DbcToken nameAt = m_lex.peek();
    DbcSignal& s = signalIn(m, nameAt, expectIdentifier("the multiplexed signal's name"));
    const DbcToken switchAt = m_lex.peek();
    const std::string switchName = expectIdentifier("the multiplexer signal's name");
    const DbcSignal& sw = signalIn(m, switchAt, switchName);
    if (!sw.isMultiplexer)
        fail(switchAt,
            "a multiplexer signal (M or mNM) as the switch; " + switchName + " is not one");
    std::vector<DbcMuxRange> ranges;
    while (!m_lex.peek().isPunct(';')) {
        DbcMuxRange r;
        r.low = expectUnsigned("the low end of a value range (lo-hi)");
        expectPunct('-', "'-' between the ends of a value range (lo-hi)");
        const DbcToken highAt = m_lex.peek();
        r.high = expectUnsigned("the high end of a value range (lo-hi)");
        if (r.high < r.low)
            fail(highAt, "a range whose high end is not below its low end");
        ranges.push_back(r);
        if (m_lex.peek().isPunct(','))
            m_lex.take();
    }
    if (ranges.empty())
        fail(m_lex.peek(), "at least one value range (lo-hi)");
    m_lex.take();
    s.muxSwitch = switchName;
    s.muxRanges = std::move(ranges);
}

void DbcStatementParser::fail(const DbcToken& at, const std::string& expected) const
{
    std::string what = "expected " + expected;
    if (at.kind == DbcToken::Kind::Invalid)
        what = "expected a closing '\"' for the string that starts here";
    else if (at.kind == DbcToken::Kind::End)
        what += ", found the end of the file";
    else if (at.kind != DbcToken::Kind::String
        && expected.find("'" + std::string(at.text) + "'") == std::string::npos)
        what += ", found '" + std::string(at.text) + "'";
    throw DbcSyntaxError { ParseError { m_db.file, at.line, at.column, what } };
}

void DbcStatementParser::expectPunct(char c, const char* what)
{
    if (!m_lex.peek().isPunct(c))
        fail(m_lex.peek(), what);
    m_lex.take();
}

std::string DbcStatementParser::expectIdentifier(const char* what)
{
    if (m_lex.peek().kind != DbcToken::Kind::Identifier)
        fail(m_lex.peek(), what);
    return std::string(m_lex.take().text);
}

std::string DbcStatementParser::expectString(const char* what)
{
    if (m_lex.peek().kind != DbcToken::Kind::String)
        fail(m_lex.peek(), what);
    return unescapeDbcString(m_lex.take().text);
}

double DbcStatementParser::expectNumber(const char* what)
{
    const DbcToken first = m_lex.peek();
    const bool negative = first.isPunct('-');
    if (negative || first.isPunct('+'))
        m_lex.take();
    const DbcToken t = m_lex.peek();
    double v = 0.0;
    const char* end = t.text.data() + t.text.size();
    if (t.kind != DbcToken::Kind::Number || std::from_chars(t.text.data(), end, v).ptr != end)
        fail(t, what);
    m_lex.take();
    return negative ? -v : v;
}

std::uint64_t DbcStatementParser::expectUnsigned(const char* what)
{
    const DbcToken t = m_lex.peek();
    std::uint64_t v = 0;
    const char* end = t.text.data() + t.text.size();
    if (t.kind != DbcToken::Kind::Number)
        fail(t, what);
    const auto r = std::from_chars(t.text.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end)
        fail(t, std::string(what) + " (a whole number)");
    m_lex.take();
    return v;
}

DbcMessage& DbcStatementParser::messageByRawId(const DbcToken& at, std::uint64_t rawId)
{
    const auto it = m_byRawId.find(rawId);
    if (it == m_byRawId.end())
        fail(at, "the id of a message defined by a BO_ statement");
    return m_db.messages[it->second];
}

DbcSignal& DbcStatementParser::signalIn(DbcMessage& m, const DbcToken& at, const std::string& name)
{
    for (DbcSignal& s : m.signalList) {
        if (s.name == name)
            return s;
    }
    fail(at, "a signal of message " + m.name + " (it has no signal '" + name + "')");
}

} // namespace pg::can
