#include "session_files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>

#include <memory>
#include <vector>

namespace pg::core {

namespace {

    const char* const kManifest = "manifest.json";

    Error badInput(const QString& message)
    {
        return Error { kExitBadInput, message };
    }

    tl::expected<QList<QByteArray>, Error> readLines(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return tl::unexpected(
                badInput(path + QStringLiteral(": cannot read: ") + f.errorString()));
        QList<QByteArray> lines = f.readAll().split('\n');
        while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
            lines.removeLast();
        return lines;
    }

    // time_s (as written) -> current_a (as written) from timeseries.csv.
    tl::expected<QHash<QByteArray, QByteArray>, Error> currentByTime(const QString& dir)
    {
        auto lines = readLines(QDir(dir).filePath(QStringLiteral("timeseries.csv")));
        if (!lines)
            return tl::unexpected(lines.error());
        QHash<QByteArray, QByteArray> out;
        for (qsizetype k = 1; k < lines->size(); ++k) {
            const QList<QByteArray> cols = lines->at(k).split(',');
            if (cols.size() >= 2)
                out.insert(cols[0], cols[1]);
        }
        return out;
    }

    struct CellColumns {
        QList<int> voltage;
        QList<int> temperature;
    };

    CellColumns cellColumns(const QByteArray& header)
    {
        CellColumns c;
        const QList<QByteArray> names = header.trimmed().split(',');
        for (int k = 0; k < names.size(); ++k) {
            if (names[k].startsWith("cell_") && names[k].endsWith("_v"))
                c.voltage.append(k);
            else if (names[k].startsWith("temp_") && names[k].endsWith("_c"))
                c.temperature.append(k);
        }
        return c;
    }

    QString writeError(const QFileDevice& f)
    {
        return f.fileName() + QStringLiteral(": cannot write: ") + f.errorString();
    }

} // namespace

tl::expected<QString, Error> sha256OfFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(badInput(path + QStringLiteral(": cannot read: ") + f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return tl::unexpected(badInput(path + QStringLiteral(": cannot read: ") + f.errorString()));
    return QString::fromLatin1(h.result().toHex());
}

tl::expected<int, Error> writeChannelFiles(const QString& dir)
{
    const QString cellsPath = QDir(dir).filePath(QStringLiteral("cells.csv"));
    if (!QFile::exists(cellsPath))
        return 0; // no BMS readings: nothing per cell
    auto lines = readLines(cellsPath);
    if (!lines)
        return tl::unexpected(lines.error());
    auto current = currentByTime(dir);
    if (!current)
        return tl::unexpected(current.error());
    if (lines->isEmpty())
        return 0;
    const CellColumns cols = cellColumns(lines->first());
    const bool withTemp = cols.temperature.size() == cols.voltage.size();
    QDir(dir).mkpath(QStringLiteral("channels"));
    // One pass over cells.csv, every channel file open at once: a 96-cell pack's 12,000-row
    // HPPC session split each row once, not once per cell (that was two thirds of the CPU of a
    // simulated session).
    std::vector<std::unique_ptr<QSaveFile>> files;
    for (int cell = 0; cell < cols.voltage.size(); ++cell) {
        auto f = std::make_unique<QSaveFile>(QDir(dir).filePath(
            QStringLiteral("channels/cell_%1.csv").arg(cell, 2, 10, QLatin1Char('0'))));
        if (!f->open(QIODevice::WriteOnly))
            return tl::unexpected(Error { kExitFailed, writeError(*f) });
        f->write(withTemp ? "time_s,current_a,voltage_v,temperature_c\n"
                          : "time_s,current_a,voltage_v\n");
        files.push_back(std::move(f));
    }
    QByteArray out;
    for (qsizetype k = 1; k < lines->size(); ++k) {
        const QList<QByteArray> row = lines->at(k).split(',');
        const auto i = current->constFind(row.value(0));
        if (i == current->constEnd())
            continue;
        for (int cell = 0; cell < cols.voltage.size(); ++cell) {
            if (row.size() <= cols.voltage[cell])
                break; // a row cut short by a crash
            out.clear();
            out.append(row[0]).append(',').append(*i).append(',').append(row[cols.voltage[cell]]);
            if (withTemp)
                out.append(',').append(row.value(cols.temperature[cell]));
            out.append('\n');
            files[static_cast<std::size_t>(cell)]->write(out);
        }
    }
    for (auto& f : files) {
        if (!f->commit())
            return tl::unexpected(Error { kExitFailed, writeError(*f) });
    }
    return static_cast<int>(cols.voltage.size());
}

tl::expected<QJsonObject, Error> writeManifest(const QString& dir)
{
    QJsonObject files;
    const QDir root(QFileInfo(dir).absoluteFilePath());
    QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = root.relativeFilePath(path);
        if (rel == QLatin1String("session.json") || rel == QLatin1String(kManifest)
            || rel == QLatin1String("grade.json"))
            continue;
        auto hash = sha256OfFile(path);
        if (!hash)
            return tl::unexpected(hash.error());
        files[rel] = QJsonObject { { QStringLiteral("bytes"),
                                       static_cast<double>(QFileInfo(path).size()) },
            { QStringLiteral("sha256"), *hash } };
    }
    const QJsonObject manifest { { QStringLiteral("files"), files } };
    QSaveFile f(root.filePath(QLatin1String(kManifest)));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(manifest).toJson()) < 0
        || !f.commit())
        return tl::unexpected(Error { kExitFailed, writeError(f) });
    return manifest;
}

tl::expected<QJsonObject, Error> verifyManifest(const QString& dir)
{
    const QString path = QDir(dir).filePath(QLatin1String(kManifest));
    QFile f(path);
    if (!f.exists())
        return QJsonObject {};
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(badInput(path + QStringLiteral(": cannot read: ") + f.errorString()));
    const QJsonObject files
        = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("files")).toObject();
    for (auto i = files.begin(); i != files.end(); ++i) {
        const QString file = QDir(dir).filePath(i.key());
        auto hash = sha256OfFile(file);
        if (!hash)
            return tl::unexpected(
                badInput(path + QStringLiteral(": lists %1, which is missing").arg(i.key())));
        if (*hash != i.value().toObject().value(QStringLiteral("sha256")).toString())
            return tl::unexpected(badInput(
                QStringLiteral("%1: changed since the session was sealed (sha256 %2, %3 expected)")
                    .arg(file, *hash,
                        i.value().toObject().value(QStringLiteral("sha256")).toString())));
    }
    return files;
}

tl::expected<void, Error> sealSession(const QString& dir)
{
    if (auto channels = writeChannelFiles(dir); !channels)
        return tl::unexpected(channels.error());
    if (auto manifest = writeManifest(dir); !manifest)
        return tl::unexpected(manifest.error());
    return {};
}

tl::expected<SessionTable, Error> readSessionTable(const QString& path)
{
    SessionTable t;
    t.path = path;
    QFile f(path);
    if (!f.exists())
        return t;
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(badInput(path + QStringLiteral(": cannot read: ") + f.errorString()));
    const QByteArray text = f.readAll();
    qsizetype pos = 0;
    int line = 0;
    // The next line without its end; false at the end of the file.
    const auto next = [&](QByteArray& out) {
        if (pos >= text.size())
            return false;
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        out = text.mid(pos, end - pos).trimmed();
        pos = end + 1;
        ++line;
        return true;
    };
    QByteArray row;
    if (!next(row) || row.isEmpty())
        return t; // created, never written to: no readings
    for (const QByteArray& name : row.split(','))
        t.header.append(name.trimmed());
    std::vector<bool> temperature;
    for (const QByteArray& name : t.header)
        temperature.push_back(name == "temperature_c" || name.startsWith("temp_"));
    t.columns.resize(static_cast<std::size_t>(t.header.size()));
    while (next(row)) {
        if (row.isEmpty())
            continue;
        const QList<QByteArray> cells = row.split(',');
        if (cells.size() != t.header.size()) {
            t.skippedLines.push_back(line);
            continue;
        }
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const QByteArray cell = cells[c].trimmed();
            bool ok = true;
            double v = std::nan(""); // an empty temperature cell: no reading
            if (!cell.isEmpty() || !temperature[static_cast<std::size_t>(c)])
                v = cell.toDouble(&ok);
            if (!ok || std::isinf(v) || (std::isnan(v) && !temperature[static_cast<std::size_t>(c)]))
                return tl::unexpected(badInput(
                    QStringLiteral("%1:%2: column '%3': expected a number, got '%4'")
                        .arg(path)
                        .arg(line)
                        .arg(QString::fromLatin1(t.header[c]), QString::fromLatin1(cell))));
            t.columns[static_cast<std::size_t>(c)].push_back(v);
        }
    }
    return t;
}

QString SessionTable::skippedText() const
{
    if (skippedLines.empty())
        return {};
    QStringList lines;
    for (std::size_t k = 0; k < skippedLines.size() && k < 5; ++k)
        lines << QString::number(skippedLines[k]);
    if (skippedLines.size() > 5)
        lines << QStringLiteral("...");
    return QStringLiteral("%1 rows of %2 left out (line %3): not as many cells as its header")
        .arg(skippedLines.size())
        .arg(path, lines.join(QStringLiteral(", ")));
}

QJsonObject readJsonFileObject(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject {};
}

tl::expected<QJsonObject, Error> readSessionJson(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("session.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(badInput(path
            + QStringLiteral(": cannot read (expected a session folder): ") + f.errorString()));
    QJsonParseError err;
    const QByteArray bytes = f.readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        const auto line = bytes.left(err.offset).count('\n') + 1;
        return tl::unexpected(badInput(
            QStringLiteral("%1:%2: expected a JSON object (%3)")
                .arg(path)
                .arg(line)
                .arg(err.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                           : err.errorString())));
    }
    return doc.object();
}

tl::expected<void, Error> writeSessionJson(const QString& dir, const QJsonObject& meta)
{
    QSaveFile f(QDir(dir).filePath(QStringLiteral("session.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(meta).toJson()) < 0 || !f.commit())
        return tl::unexpected(Error { kExitFailed, writeError(f) });
    return {};
}

} // namespace pg::core
