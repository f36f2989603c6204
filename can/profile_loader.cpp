#include "profile_loader.h"

#include "j1939_id.h"
#include "profile_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

namespace pg::can {

using detail::JsonReader;

namespace {

    constexpr const char* kFormat = "packgrade-profile/1";

    bool parseIndex(const JsonReader& r, FieldIndex& index)
    {
        r.allowOnly({ "base", "by_signal", "stride", "from_pattern" });
        index.base = r.integer("base", 0, 0, 100000);
        index.bySignal = r.string("by_signal", false);
        index.stride = r.integer("stride", 1, 0, 1000);
        index.fromPattern = r.boolean("from_pattern", false);
        return r.ok();
    }

    void parseSignalSource(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "message", "name", "pattern" });
        f.kind = FieldSource::Kind::Signal;
        f.signal.message = r.string("message", true);
        if (r.has("name") == r.has("pattern")) {
            r.fail(QString(),
                "give exactly one of `name` (a signal) or `pattern` (a regular expression)");
            return;
        }
        f.signal.pattern = r.has("pattern");
        f.signal.signal = r.string(f.signal.pattern ? "pattern" : "name", true);
        if (f.signal.pattern) {
            const QRegularExpression re(QString::fromStdString(f.signal.signal));
            if (!re.isValid() || re.captureCount() != 1)
                r.fail(QStringLiteral("pattern"),
                    "expected a regular expression with exactly one capture group");
        }
    }

    void parseBytesSource(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "id", "extended", "offset", "length", "encoding" });
        f.kind = FieldSource::Kind::Bytes;
        if (!parseCanId(r.object().value(QStringLiteral("id")), f.bytes.id))
            r.fail(QStringLiteral("id"), "expected a CAN id such as \"0x123\"");
        f.bytes.extended = r.boolean("extended", false);
        f.bytes.offset = r.integer("offset", 0, 0, 63);
        f.bytes.length = r.integer("length", 8, 1, 64);
        if (r.string("encoding", false, "ascii") != "ascii")
            r.fail(QStringLiteral("encoding"), "only \"ascii\" is supported");
    }

    void parseUdsSource(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "poll", "offset", "count", "stride", "type" });
        f.kind = FieldSource::Kind::Uds;
        f.uds.poll = r.string("poll", true);
        f.uds.offset = r.integer("offset", 0, 0, 4095);
        f.uds.count = r.integer("count", 1, 1, 4095);
        f.uds.stride = r.integer("stride", 0, 0, 4095);
        f.uds.type = r.string("type", false, "u16be");
        static const char* const kTypes[] = { "u8", "s8", "u16be", "s16be", "u24be", "u32be" };
        bool known = false;
        for (const char* t : kTypes)
            known = known || f.uds.type == t;
        if (!known)
            r.fail(QStringLiteral("type"), "expected one of u8, s8, u16be, s16be, u24be, u32be");
    }

    void parseJ1939Source(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "pgn", "source_address" });
        f.kind = FieldSource::Kind::J1939;
        std::uint32_t pgn = 0;
        std::uint32_t address = 0;
        if (!parseCanId(r.object().value(QStringLiteral("pgn")), pgn) || pgn != j1939::kPgnDm1)
            r.fail(QStringLiteral("pgn"),
                "expected \"0xFECA\" (DM1, active trouble codes: the only J1939 group decoded)");
        if (!parseCanId(r.object().value(QStringLiteral("source_address")), address)
            || address > 0xFD)
            r.fail(QStringLiteral("source_address"),
                "expected the pack's J1939 source address, 0x00 to 0xFD");
        f.j1939 = { pgn, static_cast<std::uint8_t>(address) };
    }

    void parseInvalidFlag(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "signal", "invalid_value", "source" });
        if (f.kind != FieldSource::Kind::Signal) {
            r.fail(QString(), "`invalid_flag` needs a `signal` source (the flag is a DBC signal)");
            return;
        }
        f.invalidFlag.signal = r.string("signal", true);
        f.invalidFlag.source = r.string("source", true);
        if (r.ok() && f.invalidFlag.signal.empty())
            r.fail(QStringLiteral("signal"),
                "expected the flag's signal name, e.g. \"{signal}_invalidFlag\"");
        if (r.ok() && f.invalidFlag.source.empty())
            r.fail(QStringLiteral("source"), "say where the flag's polarity came from");
        if (r.ok() && f.signal.pattern
            && f.invalidFlag.signal.find("{signal}") == std::string::npos)
            r.fail(QStringLiteral("signal"),
                "a pattern mapping needs a flag name per value: use \"{signal}\" for the value "
                "signal's name");
        const QJsonValue v = r.object().value(QStringLiteral("invalid_value"));
        if (!v.isDouble() || v.toDouble() != static_cast<double>(static_cast<qint64>(v.toDouble())))
            r.fail(QStringLiteral("invalid_value"),
                "expected the integer raw value that means \"not valid\" (required: flag "
                "polarity differs between firmware versions)");
        else
            f.invalidFlag.invalidValue = static_cast<std::int64_t>(v.toDouble());
    }

    void parseCounts(const JsonReader& r, PackProfile& p)
    {
        p.elementCounts.clear();
        for (auto it = r.object().begin(); it != r.object().end() && r.ok(); ++it) {
            const std::string key = it.key().toStdString();
            const FieldInfo* info = findField(key);
            if (info == nullptr || info->shape != FieldShape::Array
                || info->field == SnapshotField::Dtc) {
                r.fail(it.key(),
                    "expected an array field with a fixed number of elements: cell_voltage_v or "
                    "temperature_c");
                return;
            }
            const int n = r.integer(key.c_str(), -1, 1, 100000);
            if (r.ok())
                p.elementCounts.emplace_back(info->field, n);
        }
    }

    void parseField(const JsonReader& r, FieldSource& f)
    {
        r.allowOnly({ "field", "signal", "bytes", "uds", "j1939", "scale", "offset", "index",
            "invalid_raw", "invalid_flag", "cycle_ms", "source", "gap", "note" });
        const std::string key = r.string("field", true);
        const FieldInfo* info = findField(key);
        if (r.ok() && info == nullptr)
            r.fail(QStringLiteral("field"),
                "unknown snapshot field '" + key + "' (known: " + fieldKeyList() + ")");
        if (!r.ok())
            return;
        f.field = info->field;
        f.key = r.path();
        const int sources
            = int(r.has("signal")) + int(r.has("bytes")) + int(r.has("uds")) + int(r.has("j1939"));
        if (sources != 1) {
            r.fail(QString(),
                sources == 0
                    ? "missing field source: give one of `signal`, `bytes`, `uds` or `j1939`"
                    : "give only one of `signal`, `bytes`, `uds` or `j1939`");
            return;
        }
        if (auto o = r.object("signal", false))
            parseSignalSource(r.child(*o, "signal"), f);
        else if (auto b = r.object("bytes", false))
            parseBytesSource(r.child(*b, "bytes"), f);
        else if (auto u = r.object("uds", false))
            parseUdsSource(r.child(*u, "uds"), f);
        else if (auto j = r.object("j1939", false))
            parseJ1939Source(r.child(*j, "j1939"), f);
        if (f.kind == FieldSource::Kind::J1939 && info->field != SnapshotField::Dtc)
            r.fail(QStringLiteral("j1939"), "`j1939` (DM1) fills the `dtc` field only");
        if (f.kind == FieldSource::Kind::Bytes && info->shape != FieldShape::Text)
            r.fail(QStringLiteral("bytes"),
                "`bytes` fills text fields only (name, serial, vin, part_number)");
        f.scale = r.number("scale", 1.0);
        f.offset = r.number("offset", 0.0);
        f.cycleMs = r.integer("cycle_ms", 0, 0, 3600000);
        if (auto idx = r.object("index", false))
            parseIndex(r.child(*idx, "index"), f.index);
        if (auto inv = r.array("invalid_raw", false)) {
            for (const QJsonValue& v : *inv)
                f.invalidRaw.push_back(static_cast<std::int64_t>(v.toDouble()));
        }
        if (auto flag = r.object("invalid_flag", false))
            parseInvalidFlag(r.child(*flag, "invalid_flag"), f);
        f.source = r.string("source", true);
        if (r.ok() && f.source.empty())
            r.fail(QStringLiteral("source"), "say where this field's scaling came from");
        f.gap = r.string("gap", false);
    }

    void parsePoll(const JsonReader& r, UdsPoll& p)
    {
        r.allowOnly({ "name", "request_id", "response_id", "extended", "request", "response_prefix",
            "period_ms", "flow_control", "source" });
        p.name = r.string("name", true);
        if (!parseCanId(r.object().value(QStringLiteral("request_id")), p.requestId))
            r.fail(QStringLiteral("request_id"), "expected a CAN id such as \"0x123\"");
        if (!parseCanId(r.object().value(QStringLiteral("response_id")), p.responseId))
            r.fail(QStringLiteral("response_id"), "expected a CAN id such as \"0x123\"");
        p.extended = r.boolean("extended", false);
        if (!parseHexBytes(QString::fromStdString(r.string("request", true)), p.request)
            || p.request.empty())
            r.fail(QStringLiteral("request"), "expected hex bytes such as \"21 02\"");
        if (!parseHexBytes(
                QString::fromStdString(r.string("response_prefix", false)), p.responsePrefix))
            r.fail(QStringLiteral("response_prefix"), "expected hex bytes such as \"61 02\"");
        p.periodMs = r.integer("period_ms", 1000, 10, 3600000);
        p.flowControl = r.string("flow_control", false);
        p.source = r.string("source", true);
    }

    void parseCheck(const JsonReader& r, FrameCheck& c)
    {
        r.allowOnly({ "message", "signal", "algorithm", "init", "bytes", "source" });
        c.key = r.path();
        c.message = r.string("message", true);
        c.signal = r.string("signal", true);
        c.algorithm = r.string("algorithm", false, "sum8");
        if (c.algorithm != "sum8")
            r.fail(QStringLiteral("algorithm"), "expected \"sum8\"");
        c.init = r.integer("init", 0, 0, 0xFFFF);
        c.bytes = r.integer("bytes", 7, 0, 64);
        c.source = r.string("source", true);
    }

    void parseTransport(const JsonReader& r, ProfileTransport& t)
    {
        r.allowOnly({ "bitrate", "listen_only", "mode", "keep_alive", "note" });
        t.bitrate = r.integer("bitrate", t.bitrate, 10000, 8000000);
        t.listenOnly = r.boolean("listen_only", t.listenOnly);
        const std::string mode = r.string("mode", false, t.polled ? "poll" : "listen");
        if (mode != "listen" && mode != "poll")
            r.fail(QStringLiteral("mode"), "expected \"listen\" or \"poll\"");
        t.polled = mode == "poll";
        if (t.polled && t.listenOnly)
            r.fail(QStringLiteral("listen_only"),
                "a polled profile must transmit: set listen_only to false");
    }

    std::string resolveDbc(const std::string& dbc, const std::string& profileFile)
    {
        if (dbc.rfind(":/", 0) == 0 || QFileInfo(QString::fromStdString(dbc)).isAbsolute())
            return dbc;
        return QFileInfo(QString::fromStdString(profileFile))
            .absoluteDir()
            .filePath(QString::fromStdString(dbc))
            .toStdString();
    }

    void parseDbc(const JsonReader& r, PackProfile& p)
    {
        r.allowOnly({ "file", "license", "source" });
        p.dbcPath = resolveDbc(r.string("file", true), r.file());
        p.dbcLicense = r.string("license", true);
        p.dbcSource = r.string("source", false);
    }

    template <typename T, typename F>
    void parseList(const JsonReader& r, const char* key, std::vector<T>& out, F parseOne)
    {
        const auto list = r.array(key, false);
        if (!list)
            return;
        out.clear();
        for (qsizetype i = 0; i < list->size() && r.ok(); ++i) {
            const std::string name = std::string(key) + "[" + std::to_string(i) + "]";
            if (!list->at(i).isObject()) {
                r.fail(QString::fromStdString(name), "expected an object");
                return;
            }
            T item;
            parseOne(r.child(list->at(i).toObject(), name), item);
            out.push_back(std::move(item));
        }
    }

} // namespace

const UdsPoll* PackProfile::findPoll(const std::string& pollName) const
{
    for (const UdsPoll& p : polls) {
        if (p.name == pollName)
            return &p;
    }
    return nullptr;
}

int PackProfile::elementCount(SnapshotField field) const
{
    for (const auto& [f, n] : elementCounts) {
        if (f == field)
            return n;
    }
    return -1;
}

std::string ProfileLoader::resolve(const std::string& nameOrPath)
{
    const QString builtIn
        = QStringLiteral(":/profiles/%1.json").arg(QString::fromStdString(nameOrPath));
    if (nameOrPath.find('/') == std::string::npos && QFile::exists(builtIn))
        return builtIn.toStdString();
    return nameOrPath;
}

tl::expected<PackProfile, ProfileError> ProfileLoader::load(const std::string& nameOrPath)
{
    const std::string path = resolve(nameOrPath);
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return tl::unexpected(ProfileError { path, {},
            "cannot read: " + file.errorString().toStdString()
                + " (built-in profiles: generic-dbc, inverter-can, orion-bms2, foxbms2, "
                  "nissan-leaf-lbc)" });
    return parse(file.readAll(), path);
}

tl::expected<PackProfile, ProfileError> ProfileLoader::parse(
    const QByteArray& json, const std::string& file)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        const int line = 1 + static_cast<int>(json.left(pe.offset).count('\n'));
        return tl::unexpected(ProfileError { file, {},
            "line " + std::to_string(line) + ": not a JSON object ("
                + pe.errorString().toStdString() + ")" });
    }
    return fromObject(doc.object(), file, 0);
}

tl::expected<PackProfile, ProfileError> ProfileLoader::fromObject(
    const QJsonObject& o, const std::string& file, int depth)
{
    ProfileError error;
    JsonReader r(o, file, {}, &error);
    r.allowOnly({ "$schema", "format", "name", "version", "description", "base", "dbc", "transport",
        "stale_after_cycles", "default_cycle_ms", "fields", "polls", "checks", "notes",
        "abstract", "counts", "invalid_flag_value" });
    if (r.string("format", true) != kFormat && r.ok())
        r.fail(QStringLiteral("format"), std::string("expected \"") + kFormat + "\"");
    PackProfile p;
    const std::string base = r.string("base", false);
    if (r.ok() && !base.empty()) {
        if (depth > 0)
            r.fail(QStringLiteral("base"), "a base profile cannot have a base itself");
        auto b = load(base);
        if (!b)
            return tl::unexpected(b.error());
        p = std::move(*b);
    }
    p.file = file;
    p.abstract = r.boolean("abstract", false);
    const bool complete = base.empty() && !p.abstract;
    p.name = r.string("name", true);
    p.version = r.string("version", base.empty(), p.version);
    p.description = r.string("description", false, p.description);
    if (auto d = r.object("dbc", complete))
        parseDbc(r.child(*d, "dbc"), p);
    if (auto t = r.object("transport", base.empty()))
        parseTransport(r.child(*t, "transport"), p.transport);
    p.staleAfterCycles = r.integer("stale_after_cycles", p.staleAfterCycles, 1, 1000);
    p.defaultCycleMs = r.integer("default_cycle_ms", p.defaultCycleMs, 1, 3600000);
    parseList(r, "polls", p.polls, parsePoll);
    parseList(r, "fields", p.fields, parseField);
    parseList(r, "checks", p.checks, parseCheck);
    if (auto counts = r.object("counts", false))
        parseCounts(r.child(*counts, "counts"), p);
    if (r.has("invalid_flag_value")) {
        // One polarity for every mapped flag: lets a mapping based on a profile follow a firmware
        // whose flags mean the opposite (foxBMS 2 v1.7.0 wrote 1 = invalid, v1.11.0 1 = valid).
        const int value = r.integer("invalid_flag_value", 0, 0, 1);
        bool any = false;
        for (FieldSource& f : p.fields) {
            if (f.invalidFlag.enabled()) {
                f.invalidFlag.invalidValue = value;
                any = true;
            }
        }
        if (r.ok() && !any)
            r.fail(QStringLiteral("invalid_flag_value"),
                "no field of this profile (or its base) has an `invalid_flag`");
    }
    for (const FieldSource& f : p.fields) {
        if (r.ok() && f.kind == FieldSource::Kind::Uds && p.findPoll(f.uds.poll) == nullptr)
            r.fail(QString::fromStdString(f.key + ".uds.poll"),
                "no poll named '" + f.uds.poll + "' in `polls`");
    }
    if (r.ok() && p.fields.empty() && !p.abstract)
        r.fail(QStringLiteral("fields"), "a profile must map at least one snapshot field");
    if (r.ok() && !p.polls.empty() && !p.transport.polled)
        r.fail(QStringLiteral("transport.mode"), "the profile has `polls`: set mode to \"poll\"");
    if (!r.ok())
        return tl::unexpected(error);
    return p;
}

bool parseCanId(const QJsonValue& v, std::uint32_t& id)
{
    bool ok = false;
    qulonglong value = 0;
    if (v.isDouble() && v.toDouble() >= 0
        && v.toDouble() == static_cast<double>(static_cast<qulonglong>(v.toDouble()))) {
        value = static_cast<qulonglong>(v.toDouble());
        ok = true;
    } else if (v.isString()) {
        const QString s = v.toString().trimmed();
        value = s.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
            ? s.mid(2).toULongLong(&ok, 16)
            : s.toULongLong(&ok, 10);
    }
    if (!ok || value > 0x1FFFFFFFULL)
        return false;
    id = static_cast<std::uint32_t>(value);
    return true;
}

bool parseHexBytes(const QString& text, std::vector<std::uint8_t>& out)
{
    out.clear();
    const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const uint b = part.toUInt(&ok, 16);
        if (!ok || part.size() > 2 || b > 0xFF)
            return false;
        out.push_back(static_cast<std::uint8_t>(b));
    }
    return true;
}

} // namespace pg::can
