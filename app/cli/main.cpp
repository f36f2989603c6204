// packgrade-cli: the command-line face of PackGrade (../shared/CLI.md is its contract).
#include "cli_common.h"
#include "commands.h"
#include "packgrade_version.h"

#include <QLoggingCategory>
#include <QString>
#include <cstring>

namespace {

struct Verb {
    const char* name;
    int (*run)(const QStringList&);
    const char* summary;
};

constexpr Verb kVerbs[] = {
    { "replay", pg::app::runReplay, "summarise a recorded CAN log (candump .log, Vector .asc, PCAN .trc)" },
    { "devices", pg::app::runDevices, "list CAN plugins and adapters found on this machine" },
    { "listen", pg::app::runListen, "receive from an adapter for a while, record a frame log, summarise" },
    { "certificate", pg::app::runCertificate, "write a signed SoH certificate (PDF + signed JSON)" },
    { "verify", pg::app::runVerify, "check a certificate's signature and content (PDF or JSON)" },
    { "site-key", pg::app::runSiteKey, "show the site's signing key (created on first use), export its public key" },
};

int printHelp()
{
    QString text = QStringLiteral("usage: packgrade-cli VERB [options]   (packgrade-cli VERB --help)\n\nverbs:\n");
    for (const Verb& v : kVerbs)
        text += QStringLiteral("  %1  %2\n").arg(QLatin1String(v.name), -10).arg(QLatin1String(v.summary));
    text += QStringLiteral("\nexit codes: 0 ok, 1 operation failed, 2 usage error, 3 bad input data\n");
    pg::app::printOut(text);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    // Qt's CAN plugins chatter on stderr (virtualcan's server log, a missing PEAK driver); the
    // CLI's stderr is for one clear line. QT_LOGGING_RULES still turns them back on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("qt.canbus*=false"));
    if (argc < 2)
        return printHelp() == 0 ? pg::core::kExitUsage : pg::core::kExitUsage;
    const char* verb = argv[1];
    if (std::strcmp(verb, "--version") == 0) {
        pg::app::printOut(QStringLiteral("packgrade %1\n").arg(QLatin1String(pg::kVersion)));
        return 0;
    }
    if (std::strcmp(verb, "--help") == 0 || std::strcmp(verb, "-h") == 0 || std::strcmp(verb, "help") == 0)
        return printHelp();
    QStringList args;
    for (int i = 2; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    for (const Verb& v : kVerbs) {
        if (std::strcmp(verb, v.name) == 0)
            return v.run(args);
    }
    pg::app::printErr(QStringLiteral("packgrade-cli: unknown verb '%1' (see packgrade-cli --help)")
                          .arg(QString::fromLocal8Bit(verb)));
    return pg::core::kExitUsage;
}
