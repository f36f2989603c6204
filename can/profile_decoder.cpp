#include "profile_decoder.h"

#include "dbc_parser.h"
#include "profile_ids.h"
#include "profile_loader.h"

#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace pg::can {

namespace {

    std::uint64_t bytesKey(std::uint32_t id, bool extended)
    {
        return (std::uint64_t(extended) << 32) | id;
    }

    std::int64_t readElement(
        std::span<const std::uint8_t> p, std::size_t at, const std::string& type)
    {
        const int size = udsElementSize(type);
        std::uint64_t v = 0;
        for (int i = 0; i < size; ++i)
            v = (v << 8) | p[at + static_cast<std::size_t>(i)];
        if (type == "s8")
            return static_cast<std::int8_t>(v);
        if (type == "s16be")
            return static_cast<std::int16_t>(v);
        return static_cast<std::int64_t>(v);
    }

    bool isSentinel(const FieldSource& f, std::int64_t raw)
    {
        return std::find(f.invalidRaw.begin(), f.invalidRaw.end(), raw) != f.invalidRaw.end();
    }

    tl::expected<std::shared_ptr<const DbcDatabase>, ProfileError> loadDbc(const PackProfile& p)
    {
        QFile file(QString::fromStdString(p.dbcPath));
        if (!file.open(QIODevice::ReadOnly))
            return tl::unexpected(ProfileError { p.file, "dbc.file",
                "cannot read " + p.dbcPath + ": " + file.errorString().toStdString() });
        const QByteArray text = file.readAll();
        auto db = DbcParser::parse(
            std::string_view(text.constData(), static_cast<std::size_t>(text.size())), p.dbcPath,
            {});
        if (!db)
            return tl::unexpected(ProfileError { p.file, "dbc.file", db.error().toString() });
        return std::make_shared<const DbcDatabase>(std::move(*db));
    }

} // namespace

tl::expected<ProfileDecoder, ProfileError> ProfileDecoder::load(const std::string& nameOrPath)
{
    auto profile = ProfileLoader::load(nameOrPath);
    if (!profile)
        return tl::unexpected(profile.error());
    if (profile->abstract)
        return tl::unexpected(ProfileError { profile->file, "abstract",
            "'" + profile->name
                + "' is a base for mappings, not a profile: write one with "
                  "`packgrade-cli profile new --dbc F --out mapping.json` and pass that file" });
    auto db = loadDbc(*profile);
    if (!db)
        return tl::unexpected(db.error());
    return create(std::move(*profile), std::move(*db));
}

tl::expected<ProfileDecoder, ProfileError> ProfileDecoder::create(
    PackProfile profile, std::shared_ptr<const DbcDatabase> db)
{
    ProfileDecoder d;
    d.m_profile = std::move(profile);
    d.m_db = std::move(db);
    d.m_decoder = std::make_unique<DbcDecoder>(*d.m_db);
    d.m_cycleMs.assign(d.m_profile.fields.size(), d.m_profile.defaultCycleMs);
    d.m_counts.assign(static_cast<std::size_t>(SnapshotField::Count), -1);
    for (const auto& [field, n] : d.m_profile.elementCounts)
        d.m_counts[static_cast<std::size_t>(field)] = n;
    ProfileError error;
    for (std::uint32_t i = 0; i < d.m_profile.fields.size(); ++i) {
        const FieldSource& f = d.m_profile.fields[i];
        if (f.kind == FieldSource::Kind::Signal && !d.bindSignal(i, error))
            return tl::unexpected(error);
        if (f.kind == FieldSource::Kind::Bytes)
            d.m_bytesById[bytesKey(f.bytes.id, f.bytes.extended)].push_back(i);
        if (f.kind == FieldSource::Kind::Uds)
            d.m_cycleMs[i] = d.m_profile.findPoll(f.uds.poll)->periodMs;
        if (f.kind == FieldSource::Kind::J1939)
            d.m_j1939[f.j1939.pgn << 8 | f.j1939.sourceAddress].push_back(i);
        if (f.cycleMs > 0)
            d.m_cycleMs[i] = f.cycleMs;
    }
    std::size_t widest = 0;
    for (const DbcMessage& m : d.m_db->messages)
        widest = std::max(widest, m.signalList.size());
    d.m_position.assign(widest, -1);
    for (const FrameCheck& c : d.m_profile.checks) {
        if (!d.bindCheck(c, error))
            return tl::unexpected(error);
    }
    return d;
}

bool ProfileDecoder::bindCheck(const FrameCheck& c, ProfileError& error)
{
    const DbcMessage* m = m_db->findMessage(c.message);
    const DbcSignal* s = m == nullptr ? nullptr : m->findSignal(c.signal);
    if (s == nullptr) {
        error = { m_profile.file, c.key + (m == nullptr ? ".message" : ".signal"),
            "no " + (m == nullptr ? "message '" + c.message : "signal '" + c.signal)
                + "' in the DBC" };
        return false;
    }
    m_checks[m_decoder->messageIndex(m->id, m->extended)]
        = Check { static_cast<std::uint32_t>(s - m->signalList.data()), c.init, c.bytes };
    return true;
}

bool ProfileDecoder::passes(const Check& c, const CanFrame& frame) const
{
    const std::int32_t at = m_position[c.signal];
    if (at < 0 || c.bytes > frame.len)
        return false;
    unsigned sum = static_cast<unsigned>(c.init);
    for (int i = 0; i < c.bytes; ++i)
        sum += frame.data[static_cast<std::size_t>(i)];
    return static_cast<std::int64_t>(sum & 0xFFU) == m_scratch[static_cast<std::size_t>(at)].raw;
}

bool ProfileDecoder::bindSignal(std::uint32_t source, ProfileError& error)
{
    const FieldSource& f = m_profile.fields[source];
    const std::string dbcName = m_profile.dbcPath.substr(m_profile.dbcPath.find_last_of('/') + 1);
    const DbcMessage* m = m_db->findMessage(f.signal.message);
    if (m == nullptr) {
        error = { m_profile.file, f.key + ".signal.message",
            "no message '" + f.signal.message + "' in " + dbcName };
        return false;
    }
    const int msg = m_decoder->messageIndex(m->id, m->extended);
    if (m->cycleTimeMs > 0)
        m_cycleMs[source] = m->cycleTimeMs;
    Binding b;
    b.source = source;
    if (!f.index.bySignal.empty()) {
        const DbcSignal* is = m->findSignal(f.index.bySignal);
        if (is == nullptr) {
            error = { m_profile.file, f.key + ".index.by_signal",
                "no signal '" + f.index.bySignal + "' in message '" + m->name + "'" };
            return false;
        }
        b.indexSignal = static_cast<std::int32_t>(is - m->signalList.data());
    }
    const QRegularExpression re(
        QStringLiteral("^(?:%1)$").arg(QString::fromStdString(f.signal.signal)));
    std::size_t bound = 0;
    for (std::uint32_t s = 0; s < m->signalList.size(); ++s) {
        const QString name = QString::fromStdString(m->signalList[s].name);
        if (!f.signal.pattern && m->signalList[s].name != f.signal.signal)
            continue;
        const QRegularExpressionMatch match
            = f.signal.pattern ? re.match(name) : QRegularExpressionMatch();
        if (f.signal.pattern && !match.hasMatch())
            continue;
        b.signal = s;
        b.element = f.signal.pattern && f.index.fromPattern
            ? f.index.base + match.captured(1).toInt()
            : -1;
        b.flagSignal = -1;
        if (f.invalidFlag.enabled()) {
            std::string flagName = f.invalidFlag.signal;
            if (const auto at = flagName.find("{signal}"); at != std::string::npos)
                flagName.replace(at, 8, m->signalList[s].name);
            const DbcSignal* fs = m->findSignal(flagName);
            if (fs == nullptr) {
                error = { m_profile.file, f.key + ".invalid_flag.signal",
                    "no signal '" + flagName + "' (the flag of '" + m->signalList[s].name
                        + "') in message '" + m->name + "' of " + dbcName };
                return false;
            }
            b.flagSignal = static_cast<std::int32_t>(fs - m->signalList.data());
        }
        m_byMessage[msg].push_back(b);
        ++bound;
    }
    if (bound == 0) {
        error = { m_profile.file, f.key + (f.signal.pattern ? ".signal.pattern" : ".signal.name"),
            "no signal " + std::string(f.signal.pattern ? "matching '" : "'") + f.signal.signal
                + "' in message '" + m->name + "' of " + dbcName };
        return false;
    }
    if (fieldInfo(f.field).shape != FieldShape::Array && bound > 1) {
        error = { m_profile.file, f.key + ".signal.pattern",
            "a pattern matching several signals needs an array field" };
        return false;
    }
    return true;
}

bool ProfileDecoder::beyondCount(const FieldValue& v) const
{
    const int n = m_counts[static_cast<std::size_t>(v.field)];
    return n >= 0 && v.index >= n;
}

void ProfileDecoder::emitValue(const Binding& b, const DecodedSignal& s, std::int64_t indexRaw,
    bool flagged, std::int64_t timeUs, std::vector<FieldValue>& out) const
{
    const FieldSource& f = m_profile.fields[b.source];
    FieldValue v;
    v.field = f.field;
    v.raw = s.raw;
    v.flagged = flagged;
    v.valid = !flagged && !isSentinel(f, s.raw);
    v.value = s.value * f.scale + f.offset;
    v.timeUs = timeUs;
    v.source = b.source;
    if (fieldInfo(f.field).shape == FieldShape::Array) {
        if (b.element >= 0)
            v.index = b.element;
        else if (b.indexSignal >= 0)
            v.index = f.index.base + f.index.stride * static_cast<int>(indexRaw);
        else
            v.index = f.index.base;
        if (v.index < 0 || v.index > 100000 || beyondCount(v))
            return; // beyond the pack's declared count: a slot the pack does not fill
    }
    out.push_back(std::move(v));
}

void ProfileDecoder::decodeText(const CanFrame& frame, std::vector<FieldValue>& out) const
{
    const auto bytes = m_bytesById.find(bytesKey(frame.id, frame.is(CanFrame::Extended)));
    if (bytes == m_bytesById.end())
        return;
    for (std::uint32_t source : bytes->second) {
        const FieldSource& f = m_profile.fields[source];
        std::string text;
        for (int i = f.bytes.offset; i < f.bytes.offset + f.bytes.length && i < frame.len; ++i)
            text += static_cast<char>(frame.data[static_cast<std::size_t>(i)]);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
            text.pop_back();
        out.push_back(
            FieldValue { f.field, -1, 0.0, std::move(text), 0, true, frame.timeUs, source });
    }
}

std::size_t ProfileDecoder::decode(const CanFrame& frame, std::vector<FieldValue>& out) const
{
    const std::size_t before = out.size();
    decodeText(frame, out);
    const int msg = m_decoder->messageIndex(frame);
    const auto it = msg < 0 ? m_byMessage.end() : m_byMessage.find(msg);
    if (it == m_byMessage.end())
        return out.size() - before;
    m_decoder->decode(msg, frame, m_scratch);
    for (std::size_t i = 0; i < m_scratch.size(); ++i)
        m_position[m_scratch[i].signal] = static_cast<std::int32_t>(i);
    const auto check = m_checks.find(msg);
    const bool ok = check == m_checks.end() || passes(check->second, frame);
    m_checkFailures += ok ? 0 : 1;
    for (std::size_t k = 0; ok && k < it->second.size(); ++k) {
        const Binding& b = it->second[k];
        const std::int32_t at = m_position[b.signal];
        const std::int32_t indexAt
            = b.indexSignal >= 0 ? m_position[static_cast<std::size_t>(b.indexSignal)] : 0;
        if (at < 0 || indexAt < 0)
            continue; // not in this frame (other multiplexer value, or beyond a short frame)
        const std::int64_t indexRaw
            = b.indexSignal >= 0 ? m_scratch[static_cast<std::size_t>(indexAt)].raw : 0;
        const std::int32_t flagAt
            = b.flagSignal >= 0 ? m_position[static_cast<std::size_t>(b.flagSignal)] : -1;
        const bool flagged = flagAt >= 0
            && m_scratch[static_cast<std::size_t>(flagAt)].raw
                == m_profile.fields[b.source].invalidFlag.invalidValue;
        emitValue(
            b, m_scratch[static_cast<std::size_t>(at)], indexRaw, flagged, frame.timeUs, out);
    }
    for (const DecodedSignal& s : m_scratch)
        m_position[s.signal] = -1;
    return out.size() - before;
}

std::size_t ProfileDecoder::decodePollResponse(const std::string& poll,
    std::span<const std::uint8_t> payload, std::int64_t timeUs, std::vector<FieldValue>& out) const
{
    const std::size_t before = out.size();
    for (std::uint32_t i = 0; i < m_profile.fields.size(); ++i) {
        const FieldSource& f = m_profile.fields[i];
        if (f.kind != FieldSource::Kind::Uds || f.uds.poll != poll)
            continue;
        const int size = udsElementSize(f.uds.type);
        const int stride = f.uds.stride > 0 ? f.uds.stride : size;
        for (int k = 0; k < f.uds.count; ++k) {
            const std::size_t at = static_cast<std::size_t>(f.uds.offset + k * stride);
            if (at + static_cast<std::size_t>(size) > payload.size())
                break; // short response: decode only what is there
            FieldValue v;
            v.field = f.field;
            v.raw = readElement(payload, at, f.uds.type);
            v.valid = !isSentinel(f, v.raw);
            v.value = static_cast<double>(v.raw) * f.scale + f.offset;
            v.index = fieldInfo(f.field).shape == FieldShape::Array ? f.index.base + k : -1;
            v.timeUs = timeUs;
            v.source = i;
            if (v.index >= 0 && beyondCount(v))
                break; // the rest are slots the pack does not fill
            out.push_back(std::move(v));
        }
    }
    return out.size() - before;
}

} // namespace pg::can
