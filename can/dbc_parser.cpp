#include "dbc_parser.h"

#include "dbc_decode_plan.h"
#include "dbc_statement_parser.h"

#include <QFile>
#include <algorithm>

namespace pg::can {

namespace {

    const DbcAttribute* findAttribute(const std::vector<DbcAttribute>& list, std::string_view name)
    {
        for (const DbcAttribute& a : list) {
            if (a.name == name)
                return &a;
        }
        return nullptr;
    }

    // ENUM attributes are written as an index; give them their member name as text too.
    void resolveEnums(const DbcDatabase& db, std::vector<DbcAttribute>& list)
    {
        for (DbcAttribute& a : list) {
            const DbcAttributeDefinition* d = db.findAttributeDefinition(a.name);
            if (d == nullptr || d->type != DbcAttributeType::Enum || a.isString)
                continue;
            const auto index = static_cast<std::size_t>(a.number);
            if (a.number >= 0 && index < d->enumValues.size())
                a.text = d->enumValues[index];
        }
    }

    DbcFrameFormat frameFormatNamed(std::string_view name, DbcFrameFormat fallback)
    {
        if (name == "StandardCAN")
            return DbcFrameFormat::Standard;
        if (name == "ExtendedCAN")
            return DbcFrameFormat::Extended;
        if (name == "StandardCAN_FD")
            return DbcFrameFormat::StandardFd;
        if (name == "ExtendedCAN_FD")
            return DbcFrameFormat::ExtendedFd;
        if (name == "J1939PG")
            return DbcFrameFormat::J1939;
        return fallback;
    }

} // namespace

tl::expected<DbcDatabase, ParseError> DbcParser::parse(
    std::string_view text, std::string fileName, Options options)
{
    DbcDatabase db;
    db.file = std::move(fileName);
    ParseError error;
    DbcStatementParser parser(text, db, options.lenient);
    if (!parser.run(error) || !finish(db, options.lenient, error))
        return tl::make_unexpected(error);
    return db;
}

tl::expected<DbcDatabase, ParseError> DbcParser::load(const std::string& path, Options options)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return tl::make_unexpected(ParseError {
            path, 0, 0, "a readable DBC file (" + f.errorString().toStdString() + ")" });
    const QByteArray bytes = f.readAll();
    return parse(
        std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), path, options);
}

bool DbcParser::finish(DbcDatabase& db, bool lenient, ParseError& error)
{
    for (DbcAttributeDefinition& d : db.attributeDefinitions) {
        const auto index = static_cast<std::size_t>(d.defaultValue.number);
        if (d.type == DbcAttributeType::Enum && !d.defaultValue.isString
            && index < d.enumValues.size())
            d.defaultValue.text = d.enumValues[index];
    }
    for (DbcMessage& m : db.messages) {
        applyMessageAttributes(db, m);
        std::vector<ParseError> errors;
        if (!m.pseudo && !resolveMultiplexing(m, db.file, errors)) {
            if (!lenient) {
                error = errors.front();
                return false;
            }
            db.skipped.insert(db.skipped.end(), errors.begin(), errors.end());
        }
        for (DbcSignal& s : m.signalList) {
            resolveEnums(db, s.attributes);
            std::sort(s.valueLabels.begin(), s.valueLabels.end(),
                [](const DbcValueLabel& a, const DbcValueLabel& b) { return a.value < b.value; });
        }
    }
    return true;
}

void DbcParser::applyMessageAttributes(const DbcDatabase& db, DbcMessage& m)
{
    resolveEnums(db, m.attributes);
    const DbcAttributeDefinition* cycleDef = db.findAttributeDefinition("GenMsgCycleTime");
    if (const DbcAttribute* a = findAttribute(m.attributes, "GenMsgCycleTime"))
        m.cycleTimeMs = static_cast<int>(a->number);
    else if (cycleDef != nullptr && cycleDef->hasDefault)
        m.cycleTimeMs = static_cast<int>(cycleDef->defaultValue.number);

    std::string format;
    const DbcAttributeDefinition* formatDef = db.findAttributeDefinition("VFrameFormat");
    if (const DbcAttribute* a = findAttribute(m.attributes, "VFrameFormat"))
        format = a->text;
    else if (formatDef != nullptr && formatDef->hasDefault)
        format = formatDef->defaultValue.text;
    m.frameFormat = frameFormatNamed(format, m.frameFormat);
    if (m.frameFormat == DbcFrameFormat::Extended || m.frameFormat == DbcFrameFormat::ExtendedFd
        || m.frameFormat == DbcFrameFormat::J1939)
        m.extended = true;
    else if (m.extended) // the id says 29 bits; keep FD-ness from the attribute
        m.frameFormat = m.frameFormat == DbcFrameFormat::StandardFd ? DbcFrameFormat::ExtendedFd
                                                                    : DbcFrameFormat::Extended;
}

bool DbcParser::resolveMultiplexing(
    DbcMessage& m, const std::string& file, std::vector<ParseError>& errors)
{
    const std::size_t before = errors.size();
    int multiplexers = 0;
    std::vector<std::string> plain;
    for (const DbcSignal& s : m.signalList) {
        multiplexers += s.isMultiplexer ? 1 : 0;
        if (s.isMultiplexer && !s.hasMuxValue)
            plain.push_back(s.name);
    }
    if (multiplexers > kMaxMultiplexers) {
        errors.push_back(ParseError { file, m.line, 0,
            "expected at most " + std::to_string(kMaxMultiplexers)
                + " multiplexer signals in message " + m.name });
        m.signalList.clear();
        return false;
    }
    std::vector<bool> bad(m.signalList.size(), false);
    for (std::size_t i = 0; i < m.signalList.size(); ++i) {
        DbcSignal& s = m.signalList[i];
        if (!s.hasMuxValue || !s.muxSwitch.empty())
            continue;
        if (plain.size() == 1) {
            s.muxSwitch = plain.front();
            continue;
        }
        bad[i] = true;
        errors.push_back(ParseError { file, s.line, 0,
            "expected "
                + std::string(plain.empty() ? "a multiplexer signal (M)" : "exactly one M signal")
                + " in message " + m.name + " for " + s.name + " (m" + std::to_string(s.muxValue)
                + "), or SG_MUL_VAL_ lines that name its switch; skipped the signal" });
    }
    removeBrokenSwitchChains(m, file, bad, errors);
    return errors.size() == before;
}

void DbcParser::removeBrokenSwitchChains(
    DbcMessage& m, const std::string& file, std::vector<bool>& bad, std::vector<ParseError>& errors)
{
    // A chain of switches must end at an unconditional signal; removing a bad signal can break
    // the chains through it, so repeat until nothing changes.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < m.signalList.size(); ++i) {
            if (bad[i])
                continue;
            const DbcSignal* at = &m.signalList[i];
            std::size_t steps = 0;
            while (at != nullptr && !at->muxSwitch.empty() && steps++ <= m.signalList.size()) {
                at = m.findSignal(at->muxSwitch);
                if (at != nullptr && bad[static_cast<std::size_t>(at - m.signalList.data())])
                    at = nullptr;
            }
            if (at != nullptr && steps <= m.signalList.size())
                continue;
            bad[i] = true;
            changed = true;
            errors.push_back(ParseError { file, m.signalList[i].line, 0,
                "expected multiplexer switches that end at an unconditional signal in message "
                    + m.name + " (" + m.signalList[i].name
                    + " has a cycle or a missing switch); skipped the signal" });
        }
    }
    std::vector<DbcSignal> kept;
    for (std::size_t i = 0; i < m.signalList.size(); ++i) {
        if (!bad[i])
            kept.push_back(std::move(m.signalList[i]));
    }
    m.signalList = std::move(kept);
}

} // namespace pg::can
