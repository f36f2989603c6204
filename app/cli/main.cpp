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
    { "decode", pg::app::runDecode, "decode a recorded CAN log with a DBC into CSV time_s,message,signal,value" },
    { "devices", pg::app::runDevices, "list CAN plugins and adapters found on this machine" },
    { "listen", pg::app::runListen, "receive from an adapter for a while, record a frame log, summarise" },
    { "fit-ecm", pg::app::runFitEcm, "identify a 1RC/2RC Thevenin model from pulse data (interchange CSV)" },
    { "capacity", pg::app::runCapacity, "capacity from a full discharge or between two rested OCV points" },
    { "simulate", pg::app::runSimulate, "run a simulated pack and bench through a procedure, record the session" },
    { "fade", pg::app::runFade, "fit capacity-fade models to cycle,capacity_ah; project remaining life" },
    { "profile", pg::app::runProfile, "pack profiles: `profile new --dbc F` writes a starting mapping for a DBC" },
    { "uds", pg::app::runUds, "send one UDS request over ISO-TP (--request 22F190 --tx 7E0 --rx 7E8)" },
    { "grade", pg::app::runGrade, "grade an assessment (reuse/repurpose/recycle/retest) and store it" },
    { "inventory", pg::app::runInventory, "list | show ID | search TEXT | stats | match --modules N" },
    { "certificate", pg::app::runCertificate, "write a signed SoH certificate (PDF + signed JSON)" },
    { "verify", pg::app::runVerify, "check a certificate's signature and content (PDF or JSON)" },
    { "session", pg::app::runSession, "list | close DIR | resume DIR: sessions left running by a crash" },
    { "site-key", pg::app::runSiteKey, "show the site's signing key (created on first use), export its public key" },
    { "export", pg::app::runExport, "export graded packs for the marketplace (--format csv|json --out F)" },
    { "upload", pg::app::runUpload, "send certified packs to the marketplace through the outbox (--url URL)" },
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
