// packgrade-cli export / upload: graded packs for the marketplace (../shared/CLI.md).
#include "cli_common.h"
#include "commands.h"
#include "core/inventory.h"
#include "core/marketplace_export.h"
#include "core/marketplace_uploader.h"
#include "packgrade_version.h"

#include <QCoreApplication>
#include <memory>

namespace pg::app {

namespace {

    QString dbUrlOf(const QCommandLineParser& p, const QCommandLineOption& db)
    {
        return p.isSet(db) ? p.value(db) : core::defaultDatabaseUrl();
    }

    QCommandLineOption dbOption()
    {
        return QCommandLineOption(QStringLiteral("db"),
            QStringLiteral("sqlite:PATH or postgresql://user@host:port/db."),
            QStringLiteral("URL"));
    }

    // Qt Network needs an event loop, and an event loop needs an application object.
    std::unique_ptr<QCoreApplication> appForNetwork()
    {
        if (QCoreApplication::instance() != nullptr)
            return nullptr;
        static int argc = 1;
        static char name[] = "packgrade-cli";
        static char* argv[] = { name, nullptr };
        return std::make_unique<QCoreApplication>(argc, argv);
    }

    bool positiveInt(const QCommandLineParser& p, const QCommandLineOption& o, int& value)
    {
        if (!p.isSet(o))
            return true;
        bool ok = false;
        value = p.value(o).toInt(&ok);
        return ok && value > 0;
    }

} // namespace

int runExport(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Export graded packs for the marketplace: one record per pack (its latest grade), as "
        "JSON (docs/export.schema.json) or CSV with a header row."));
    const QCommandLineOption format(
        QStringLiteral("format"), QStringLiteral("csv or json."), QStringLiteral("FORMAT"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("F"));
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("Only packs graded at or after DATE (YYYY-MM-DD or ISO-8601, UTC)."),
        QStringLiteral("DATE"));
    const QCommandLineOption db = dbOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ format, out, since, db, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("export"), args, code))
        return code;
    const QString fmt = p.value(format).toLower();
    if ((fmt != QLatin1String("csv") && fmt != QLatin1String("json")) || !p.isSet(out))
        return usage(
            QStringLiteral("export"), QStringLiteral("expected --format csv|json and --out F"));
    core::ExportRequest request { dbUrlOf(p, db),
        fmt == QLatin1String("csv") ? core::ExportFormat::Csv : core::ExportFormat::Json,
        p.value(out), QString() };
    if (p.isSet(since)) {
        auto parsed = core::parseSince(p.value(since));
        if (!parsed)
            return fail(parsed.error());
        request.since = *parsed;
    }
    auto count = core::runExport(request);
    if (!count)
        return fail(count.error());
    if (p.isSet(json))
        printJson(QJsonObject { { QStringLiteral("count"), *count },
            { QStringLiteral("format"), fmt }, { QStringLiteral("out"), request.outPath } });
    else
        printOut(QStringLiteral("%1 graded packs -> %2\n").arg(*count).arg(request.outPath));
    return core::kExitOk;
}

int runUpload(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Send certified packs to the marketplace: every issued certificate goes through the "
        "inventory's outbox and is POSTed once (Idempotency-Key: certificate id), with retries."));
    const QCommandLineOption url(QStringLiteral("url"),
        QStringLiteral("Marketplace endpoint (http/https)."), QStringLiteral("URL"));
    const QCommandLineOption token(QStringLiteral("token"),
        QStringLiteral("Bearer token (default $PACKGRADE_MARKETPLACE_TOKEN)."),
        QStringLiteral("T"));
    const QCommandLineOption attempts(QStringLiteral("max-attempts"),
        QStringLiteral("Attempts per record in this run (default 5)."), QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
        QStringLiteral("Per request (default 15000)."), QStringLiteral("MS"));
    const QCommandLineOption backoff(QStringLiteral("backoff-ms"),
        QStringLiteral("First retry delay, doubled each retry (default 500)."),
        QStringLiteral("MS"));
    const QCommandLineOption retryFailed(QStringLiteral("retry-failed"),
        QStringLiteral("Send records the marketplace refused before once more."));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"), QStringLiteral("One line per attempt on stderr."));
    const QCommandLineOption caCert(QStringLiteral("ca-cert"),
        QStringLiteral("PEM file of the CA that signed the marketplace's HTTPS certificate (a "
                       "site's own CA), trusted besides the system's CAs."),
        QStringLiteral("FILE"));
    const QCommandLineOption db = dbOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ url, token, attempts, timeout, backoff, retryFailed, verbose, caCert, db, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("upload"), args, code))
        return code;
    core::UploadOptions options;
    options.url = QUrl(p.value(url));
    options.token
        = p.isSet(token) ? p.value(token) : qEnvironmentVariable("PACKGRADE_MARKETPLACE_TOKEN");
    options.userAgent = QStringLiteral("packgrade/") + QLatin1String(kVersion);
    options.caCertFile = p.value(caCert);
    if (!p.isSet(url) || !positiveInt(p, attempts, options.maxAttempts)
        || !positiveInt(p, timeout, options.timeoutMs)
        || !positiveInt(p, backoff, options.backoffMs))
        return usage(QStringLiteral("upload"),
            QStringLiteral("expected --url URL; --max-attempts, --timeout-ms, --backoff-ms "
                           "positive integers"));
    const auto app = appForNetwork();
    auto inv = core::Inventory::open(dbUrlOf(p, db));
    if (!inv)
        return fail(inv.error());
    if (p.isSet(retryFailed)) {
        if (auto reset = core::retryFailedOutbox(**inv); !reset)
            return fail(reset.error());
    }
    std::function<void(const QString&)> log;
    if (p.isSet(verbose))
        log = [](const QString& line) { printErr(QStringLiteral("upload: ") + line); };
    auto counts = core::uploadPending(**inv, options, log);
    if (!counts)
        return fail(counts.error());
    if (p.isSet(json))
        printJson(QJsonObject { { QStringLiteral("sent"), counts->sent },
            { QStringLiteral("pending"), counts->pending },
            { QStringLiteral("failed"), counts->failed } });
    else
        printOut(QStringLiteral("sent %1, pending %2, failed %3\n")
                     .arg(counts->sent)
                     .arg(counts->pending)
                     .arg(counts->failed));
    if (counts->pending == 0 && counts->failed == 0)
        return core::kExitOk;
    printErr(QStringLiteral("upload %1: %2 records still pending (run upload again), %3 refused by "
                            "the marketplace (see export_outbox.last_error)")
                 .arg(options.url.toString())
                 .arg(counts->pending)
                 .arg(counts->failed));
    return core::kExitFailed;
}

} // namespace pg::app
