#include "log_decode.h"

#include "can/dbc_parser.h"
#include "can/log_reader.h"

#include <QFile>
#include <charconv>

namespace pg::core {

tl::expected<can::DbcDatabase, Error> loadDbc(const QString& path, bool lenient)
{
    auto db = can::DbcParser::load(path.toStdString(), { lenient });
    if (!db)
        return tl::make_unexpected(
            Error { kExitBadInput, QString::fromStdString(db.error().toString()) });
    return std::move(*db);
}

void appendTimeS(std::string& out, std::int64_t timeUs)
{
    if (timeUs < 0) {
        out += '-';
        timeUs = -timeUs;
    }
    char buf[32];
    const auto seconds = std::to_chars(buf, buf + sizeof buf, timeUs / 1000000);
    out.append(buf, seconds.ptr);
    out += '.';
    const std::int64_t micros = timeUs % 1000000;
    char frac[6];
    std::int64_t v = micros;
    for (int i = 5; i >= 0; --i, v /= 10)
        frac[i] = static_cast<char>('0' + v % 10);
    out.append(frac, 6);
}

void appendNumber(std::string& out, double value)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

tl::expected<DecodeCsvResult, Error> decodeLogToCsv(
    const QString& logPath, const can::DbcDecoder& decoder, const QString& csvPath)
{
    auto reader = can::LogReader::open(logPath.toStdString());
    if (!reader)
        return tl::make_unexpected(
            Error { kExitBadInput, QString::fromStdString(reader.error().toString()) });
    QFile out(csvPath);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return tl::make_unexpected(Error {
            kExitFailed, csvPath + QStringLiteral(": cannot write (") + out.errorString() + ')' });
    DecodeCsvResult r;
    std::string buffer = "time_s,message,signal,value\n";
    std::vector<can::DecodedSignal> values;
    can::CanFrame f;
    while (reader->next(f)) {
        ++r.frames;
        if (f.is(can::CanFrame::Error) || f.is(can::CanFrame::Remote))
            continue;
        int index = -1;
        if (decoder.decode(f, values, &index) == can::DbcDecoder::Status::UnknownId) {
            ++r.unknownIdFrames;
            continue;
        }
        ++r.decodedFrames;
        const can::DbcMessage& m = decoder.message(index);
        for (const can::DecodedSignal& d : values) {
            appendTimeS(buffer, f.timeUs);
            buffer += ',';
            buffer += m.name;
            buffer += ',';
            buffer += m.signalList[d.signal].name;
            buffer += ',';
            appendNumber(buffer, d.value);
            buffer += '\n';
            ++r.rows;
        }
        if (buffer.size() > (1U << 20)) {
            out.write(buffer.data(), static_cast<qint64>(buffer.size()));
            buffer.clear();
        }
    }
    if (out.write(buffer.data(), static_cast<qint64>(buffer.size()))
            != static_cast<qint64>(buffer.size())
        || !out.flush())
        return tl::make_unexpected(Error {
            kExitFailed, csvPath + QStringLiteral(": write failed (") + out.errorString() + ')' });
    r.malformedLines = reader->issueCount();
    return r;
}

} // namespace pg::core
