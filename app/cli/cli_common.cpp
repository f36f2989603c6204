#include "cli_common.h"

#include <QFile>
#include <QJsonDocument>
#include <cstdio>

namespace pg::app {

void printJson(const QJsonObject& object)
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void printOut(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void printErr(const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
}

int fail(const core::Error& error)
{
    printErr(QStringLiteral("packgrade-cli: ") + error.message);
    return error.exitCode;
}

int usage(const QString& verb, const QString& message)
{
    return fail(core::Error { core::kExitUsage, verb + QStringLiteral(": ") + message
            + QStringLiteral(" (see packgrade-cli ") + verb + QStringLiteral(" --help)") });
}

bool parseArgs(QCommandLineParser& parser, const QString& verb, const QStringList& args, int& exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList { QStringLiteral("packgrade-cli ") + verb } + args)) {
        exitCode = usage(verb, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        exitCode = core::kExitOk;
        return false;
    }
    return true;
}

tl::expected<QJsonObject, core::Error> readJsonObjectFile(const QString& path, const QString& what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tl::unexpected(
            core::Error { core::kExitBadInput, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()) });
    const QByteArray bytes = f.readAll();
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    const int line = static_cast<int>(bytes.left(err.offset).count('\n')) + 1;
    return tl::unexpected(core::Error { core::kExitBadInput,
        QStringLiteral("%1:%2: expected %3 (%4)")
            .arg(path)
            .arg(line)
            .arg(what, err.error == QJsonParseError::NoError ? QStringLiteral("not an object") : err.errorString()) });
}

} // namespace pg::app
