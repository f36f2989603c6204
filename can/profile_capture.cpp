#include "profile_capture.h"

#include "dbc_parser.h"
#include "profile_loader.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace pg::can {

namespace {

    bool isIdentifier(const std::string& s)
    {
        if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
            return false;
        return std::all_of(s.begin(), s.end(),
            [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    }

    // The bit after the last one of a Motorola signal that starts (MSB) at `start`: walking the
    // sawtooth numbering down a byte, then to the next byte's top bit.
    int motorolaEndsInside(int start, int length)
    {
        int p = start;
        for (int i = 1; i < length; ++i)
            p = (p % 8 == 0) ? p + 15 : p - 1;
        return p;
    }

    std::string number(double v)
    {
        std::ostringstream s;
        s.precision(12);
        s << v;
        return s.str();
    }

    tl::expected<void, ProfileError> writeFile(const QString& path, const QByteArray& bytes)
    {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            return tl::unexpected(ProfileError {
                path.toStdString(), {}, "cannot write: " + f.errorString().toStdString() });
        return {};
    }

} // namespace

std::string capturedMessageName(std::uint32_t id, bool extended)
{
    return (extended ? "MsgX_" : "Msg_") + QString::number(id, 16).toUpper().toStdString();
}

std::string capturedSignalProblem(const CapturedSignal& s)
{
    if (!isIdentifier(s.name))
        return "signal name '" + s.name + "': expected letters, digits and _ (not first a digit)";
    if (s.length < 1 || s.length > 64 || s.startBit < 0 || s.startBit > 63)
        return "bits: expected a start bit 0..63 and a length 1..64";
    const bool fits = s.byteOrder == ByteOrder::LittleEndian
        ? s.startBit + s.length <= 64
        : motorolaEndsInside(s.startBit, s.length) < 64;
    if (!fits)
        return "bits: the signal runs past the 8th byte";
    if (s.factor == 0.0 || !std::isfinite(s.factor) || !std::isfinite(s.offset))
        return "scale: expected a finite, non-zero factor and a finite offset";
    if (s.id > (s.extended ? 0x1FFFFFFFu : 0x7FFu))
        return "id: too large for a " + std::string(s.extended ? "29" : "11") + "-bit identifier";
    return {};
}

std::string capturedDbcText(const std::vector<CapturedSignal>& signalList)
{
    std::map<std::pair<bool, std::uint32_t>, std::vector<const CapturedSignal*>> byId;
    for (const CapturedSignal& s : signalList)
        byId[{ s.extended, s.id }].push_back(&s);
    std::string out = "VERSION \"\"\n\nNS_ :\n\nBS_:\n\nBU_: PACK\n\n";
    for (const auto& [key, list] : byId) {
        const std::uint32_t dbcId = key.second | (key.first ? 0x80000000u : 0u);
        out += "BO_ " + std::to_string(dbcId) + " " + capturedMessageName(key.second, key.first)
            + ": 8 PACK\n";
        for (const CapturedSignal* s : list)
            out += " SG_ " + s->name + " : " + std::to_string(s->startBit) + "|"
                + std::to_string(s->length) + "@"
                + (s->byteOrder == ByteOrder::LittleEndian ? "1" : "0") + (s->isSigned ? "-" : "+")
                + " (" + number(s->factor) + "," + number(s->offset) + ") [0|0] \"" + s->unit
                + "\" Vector__XXX\n";
        out += "\n";
    }
    return out;
}

QJsonObject capturedProfileJson(const std::string& name, const std::string& dbcFileName,
    const std::vector<CapturedSignal>& signalList, const std::string& note)
{
    QJsonArray fields;
    for (const CapturedSignal& s : signalList) {
        const FieldInfo& info = fieldInfo(s.field);
        QJsonObject f { { QStringLiteral("field"), QLatin1String(info.key) },
            { QStringLiteral("signal"),
                QJsonObject { { QStringLiteral("message"),
                                  QString::fromStdString(capturedMessageName(s.id, s.extended)) },
                    { QStringLiteral("name"), QString::fromStdString(s.name) } } },
            { QStringLiteral("source"), QString::fromStdString(note) } };
        if (info.shape == FieldShape::Array)
            f[QStringLiteral("index")] = QJsonObject { { QStringLiteral("base"), s.index } };
        fields.append(f);
    }
    return QJsonObject { { QStringLiteral("format"), QStringLiteral("packgrade-profile/1") },
        { QStringLiteral("base"), QStringLiteral("generic-dbc") },
        { QStringLiteral("name"), QString::fromStdString(name) },
        { QStringLiteral("version"), QStringLiteral("0.1.0") },
        { QStringLiteral("description"),
            QStringLiteral("Captured at the bench with the profile wizard.") },
        { QStringLiteral("dbc"),
            QJsonObject { { QStringLiteral("file"), QString::fromStdString(dbcFileName) },
                { QStringLiteral("license"),
                    QStringLiteral("own measurement (written by the PackGrade profile wizard)") },
                { QStringLiteral("source"), QString::fromStdString(note) } } },
        { QStringLiteral("fields"), fields } };
}

tl::expected<std::string, ProfileError> writeCapturedProfile(const std::string& folder,
    const std::string& name, const std::vector<CapturedSignal>& signalList, const std::string& note)
{
    const QDir dir(QString::fromStdString(folder));
    const QString profilePath
        = dir.filePath(QString::fromStdString(name) + QStringLiteral(".json"));
    if (name.empty() || name.find_first_of("/\\ ") != std::string::npos)
        return tl::unexpected(ProfileError {
            profilePath.toStdString(), "name", "expected a file name without spaces or slashes" });
    if (signalList.empty())
        return tl::unexpected(
            ProfileError { profilePath.toStdString(), "fields", "no signal captured" });
    for (std::size_t i = 0; i < signalList.size(); ++i) {
        if (const std::string p = capturedSignalProblem(signalList[i]); !p.empty())
            return tl::unexpected(
                ProfileError { profilePath.toStdString(), "fields[" + std::to_string(i) + "]", p });
    }
    const std::string dbcName = name + ".dbc";
    if (auto ok = writeFile(dir.filePath(QString::fromStdString(dbcName)),
            QByteArray::fromStdString(capturedDbcText(signalList)));
        !ok)
        return tl::unexpected(ok.error());
    const QJsonObject profile = capturedProfileJson(name, dbcName, signalList, note);
    if (auto ok = writeFile(profilePath, QJsonDocument(profile).toJson(QJsonDocument::Indented));
        !ok)
        return tl::unexpected(ok.error());
    auto loaded = ProfileLoader::load(profilePath.toStdString());
    if (!loaded)
        return tl::unexpected(loaded.error());
    return profilePath.toStdString();
}

tl::expected<void, ProfileError> CapturedSignalPreview::setSignal(const CapturedSignal& s)
{
    m_decoder.reset();
    m_db.reset();
    if (const std::string p = capturedSignalProblem(s); !p.empty())
        return tl::unexpected(ProfileError { "capture", s.name, p });
    auto db = DbcParser::parse(capturedDbcText({ s }), "capture.dbc", {});
    if (!db)
        return tl::unexpected(ProfileError { "capture", s.name, db.error().toString() });
    m_db = std::make_unique<DbcDatabase>(std::move(*db));
    m_decoder = std::make_unique<DbcDecoder>(*m_db);
    return {};
}

std::optional<double> CapturedSignalPreview::value(const CanFrame& frame) const
{
    if (!m_decoder)
        return std::nullopt;
    std::vector<DecodedSignal> out;
    if (m_decoder->decode(frame, out) != DbcDecoder::Status::Decoded || out.empty())
        return std::nullopt;
    return out.front().value;
}

} // namespace pg::can
