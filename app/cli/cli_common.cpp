#include "cli_common.h"

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

} // namespace pg::app
