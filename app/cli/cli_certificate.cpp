// packgrade-cli certificate / verify / site-key: signed SoH certificates (../shared/CLI.md).
#include "cli_common.h"
#include "commands.h"
#include "core/certificate_from_grade.h"
#include "core/certificate_json.h"
#include "core/certificate_pdf.h"
#include "core/graded_pack.h"
#include "core/inventory.h"
#include "core/signed_certificate.h"
#include "core/site_key.h"
#include "packgrade_version.h"

#include <QDateTime>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSysInfo>
#include <memory>

namespace pg::app {

namespace {

    tl::expected<QByteArray, core::Error> readFile(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return tl::make_unexpected(core::Error {
                core::kExitBadInput, path + QStringLiteral(": ") + file.errorString() });
        return file.readAll();
    }

    tl::expected<void, core::Error> writeFile(const QString& path, const QByteArray& bytes)
    {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return tl::make_unexpected(core::Error {
                core::kExitFailed, path + QStringLiteral(": ") + file.errorString() });
        return {};
    }

    tl::expected<core::CertificateData, core::Error> readInput(const QString& path)
    {
        auto bytes = readFile(path);
        if (!bytes)
            return tl::make_unexpected(bytes.error());
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            const int line = static_cast<int>(bytes->left(error.offset).count('\n')) + 1;
            return tl::make_unexpected(core::Error { core::kExitBadInput,
                QStringLiteral("%1:%2: expected a JSON object (%3)")
                    .arg(path)
                    .arg(line)
                    .arg(error.errorString()) });
        }
        auto data = core::certificateFromInput(
            doc.object(), QLatin1String(kVersion), QDateTime::currentDateTimeUtc());
        if (!data)
            return tl::make_unexpected(core::Error {
                core::kExitBadInput, path + QStringLiteral(": ") + data.error().message });
        return data;
    }

    // QPdfWriter needs fonts, and fonts need a QGuiApplication: the CLI makes an offscreen one.
    std::unique_ptr<QGuiApplication> guiForFonts()
    {
        if (QCoreApplication::instance() != nullptr)
            return nullptr;
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "packgrade-cli";
        static char* argv[] = { name, nullptr };
        return std::make_unique<QGuiApplication>(argc, argv);
    }

    QString keyDirOf(const QCommandLineParser& p, const QCommandLineOption& keyDir)
    {
        return p.isSet(keyDir) ? p.value(keyDir) : core::SiteKey::defaultKeyDir();
    }

    struct Outputs {
        QString pdfPath;
        QString jsonPath;
        core::PaperSize paper = core::PaperSize::A4;
        bool json = false;
    };

    // Writes the JSON and the PDF of a signed certificate and reports them.
    int writeOutputs(const core::SignedCertificate& cert, const core::SiteKey& key,
        const Outputs& out, const QString& keyDir, bool reused)
    {
        if (!out.jsonPath.isEmpty()) {
            if (auto ok = writeFile(out.jsonPath, cert.envelope()); !ok)
                return fail(ok.error());
        }
        const auto gui = guiForFonts();
        if (auto ok = core::writeCertificatePdf(cert, out.pdfPath, out.paper); !ok)
            return fail(ok.error());
        if (out.json) {
            printJson(QJsonObject { { QStringLiteral("certificate_id"), cert.certificateId() },
                { QStringLiteral("sha256"), cert.contentSha256() },
                { QStringLiteral("key_fingerprint"), cert.keyFingerprint() },
                { QStringLiteral("key_created"), key.created() },
                { QStringLiteral("reissued_from_inventory"), reused },
                { QStringLiteral("pdf"), out.pdfPath }, { QStringLiteral("json"), out.jsonPath },
                { QStringLiteral("grade"), cert.data.grade } });
            return core::kExitOk;
        }
        if (key.created())
            printOut(QStringLiteral("created the site key in %1 (fingerprint %2)\n")
                         .arg(keyDir, key.fingerprint()));
        printOut(QStringLiteral("certificate %1 (%2)%7 -> %3%4\nsha256 %5\nsigned by key %6\n")
                     .arg(cert.certificateId(), cert.data.grade, out.pdfPath,
                         out.jsonPath.isEmpty() ? QString() : QStringLiteral(", ") + out.jsonPath,
                         cert.contentSha256(), cert.keyFingerprint(),
                         reused ? QStringLiteral(", stored earlier") : QString()));
        return core::kExitOk;
    }

    int issue(const QString& from, const Outputs& out, const QString& keyDir)
    {
        auto data = readInput(from);
        if (!data)
            return fail(data.error());
        auto key = core::SiteKey::loadOrCreate(keyDir);
        if (!key)
            return fail(key.error());
        auto cert = core::signCertificate(*data, *key);
        if (!cert)
            return fail(core::Error {
                cert.error().exitCode, from + QStringLiteral(": ") + cert.error().message });
        return writeOutputs(*cert, *key, out, keyDir, false);
    }

    QString optionOr(const QCommandLineParser& p, const QCommandLineOption& o, const char* env,
        const QString& fallback)
    {
        if (p.isSet(o))
            return p.value(o);
        const QString fromEnv = qEnvironmentVariable(env);
        return fromEnv.isEmpty() ? fallback : fromEnv;
    }

    // Signs the certificate of a graded pack and stores its envelope; a grade that already has
    // one gets the stored certificate again (same id, same signature).
    tl::expected<core::SignedCertificate, core::Error> certificateOfGrade(core::Inventory& inv,
        const core::GradedPack& graded, const core::SiteKey& key, const core::IssueContext& ctx)
    {
        if (graded.certificate)
            return core::signedCertificateFromEnvelope(graded.certificate->envelope);
        auto data = core::certificateFromGradedPack(graded, ctx, &inv);
        if (!data)
            return tl::make_unexpected(data.error());
        auto cert = core::signCertificate(*data, key);
        if (!cert)
            return tl::make_unexpected(core::Error { cert.error().exitCode,
                QStringLiteral("grade %1 of pack %2: %3")
                    .arg(graded.gradeId, graded.pack.serial, cert.error().message) });
        if (auto ok = core::storeCertificate(inv, graded.gradeId, *cert, ctx.operatorName); !ok)
            return tl::make_unexpected(ok.error());
        return cert;
    }

    int issueFromInventory(const QString& id, const QString& dbUrl, const core::IssueContext& ctx,
        const Outputs& out, const QString& keyDir)
    {
        auto inv = core::Inventory::open(dbUrl);
        if (!inv)
            return fail(inv.error());
        auto graded = core::findGradedPack(**inv, id);
        if (!graded)
            return fail(graded.error());
        if (!*graded)
            return fail({ core::kExitFailed,
                QStringLiteral("inventory %1: no grade, pack id or serial '%2' (see packgrade-cli "
                               "inventory search)")
                    .arg((*inv)->urlText(), id) });
        auto key = core::SiteKey::loadOrCreate(keyDir);
        if (!key)
            return fail(key.error());
        auto cert = certificateOfGrade(**inv, **graded, *key, ctx);
        if (!cert)
            return fail(cert.error());
        return writeOutputs(*cert, *key, out, keyDir, (*graded)->certificate.has_value());
    }

} // namespace

int runCertificate(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Write the signed SoH certificate of a graded pack: a PDF with the signed JSON "
        "embedded, and optionally the signed JSON on its own. ID is a grade id, or a pack id or "
        "serial (its latest grade); the signed certificate is stored in the inventory, and asking "
        "again re-exports the stored one. --from FILE.json signs given content instead."));
    p.addPositionalArgument(QStringLiteral("ID"),
        QStringLiteral("grade id, pack id or serial in the inventory"), QStringLiteral("[ID]"));
    const QCommandLineOption from(QStringLiteral("from"),
        QStringLiteral("Certificate content as JSON (docs/notes-certificates.md)."),
        QStringLiteral("FILE.json"));
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("The PDF to write."), QStringLiteral("F.pdf"));
    const QCommandLineOption jsonOut(QStringLiteral("json-out"),
        QStringLiteral("Also write the signed JSON."), QStringLiteral("F.json"));
    const QCommandLineOption keyDir(QStringLiteral("key-dir"),
        QStringLiteral("The site key folder (default $PACKGRADE_KEY_DIR or the user data folder)."),
        QStringLiteral("DIR"));
    const QCommandLineOption paper(QStringLiteral("paper"),
        QStringLiteral("a4 (default) or letter."), QStringLiteral("SIZE"), QStringLiteral("a4"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("Inventory URL (sqlite:PATH or postgresql://...)."), QStringLiteral("URL"));
    const QCommandLineOption site(QStringLiteral("site"),
        QStringLiteral("Issuing site (default $PACKGRADE_SITE)."), QStringLiteral("NAME"));
    const QCommandLineOption bench(QStringLiteral("bench"),
        QStringLiteral("Bench id (default $PACKGRADE_BENCH, else the host name)."),
        QStringLiteral("ID"));
    const QCommandLineOption operatorName(QStringLiteral("operator"),
        QStringLiteral("Who ran the test (default $USER)."), QStringLiteral("NAME"));
    const QCommandLineOption grader(QStringLiteral("grader"),
        QStringLiteral("Who approved the grade (default $USER)."), QStringLiteral("NAME"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions(
        { from, out, jsonOut, keyDir, paper, db, site, bench, operatorName, grader, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("certificate"), args, code))
        return code;
    const bool fromInventory = !p.positionalArguments().isEmpty();
    if (fromInventory == p.isSet(from) || !p.isSet(out))
        return usage(QStringLiteral("certificate"),
            QStringLiteral("expected ID (or --from FILE.json, not both) and --out F.pdf"));
    const QString size = p.value(paper).toLower();
    if (size != QLatin1String("a4") && size != QLatin1String("letter"))
        return usage(QStringLiteral("certificate"),
            QStringLiteral("--paper: expected a4 or letter, got '%1'").arg(size));
    const Outputs outputs { p.value(out), p.value(jsonOut),
        size == QLatin1String("a4") ? core::PaperSize::A4 : core::PaperSize::Letter,
        p.isSet(json) };
    if (!fromInventory)
        return issue(p.value(from), outputs, keyDirOf(p, keyDir));
    const QString user = qEnvironmentVariable("USER");
    const core::IssueContext ctx { optionOr(p, site, "PACKGRADE_SITE", QString()),
        optionOr(p, bench, "PACKGRADE_BENCH", QSysInfo::machineHostName()),
        optionOr(p, operatorName, "USER", user), optionOr(p, grader, "USER", user),
        QLatin1String(kVersion), QDateTime::currentDateTimeUtc(), QString() };
    return issueFromInventory(p.positionalArguments().first(),
        p.isSet(db) ? p.value(db) : core::defaultDatabaseUrl(), ctx, outputs, keyDirOf(p, keyDir));
}

int runSiteKey(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Show the site's Ed25519 signing key (created on first use) and export its public key."));
    const QCommandLineOption keyDir(
        QStringLiteral("key-dir"), QStringLiteral("The site key folder."), QStringLiteral("DIR"));
    const QCommandLineOption exportTo(QStringLiteral("export"),
        QStringLiteral("Write the public key file here."), QStringLiteral("F.pub"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ keyDir, exportTo, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("site-key"), args, code))
        return code;
    auto key = core::SiteKey::loadOrCreate(keyDirOf(p, keyDir));
    if (!key)
        return fail(key.error());
    if (p.isSet(exportTo)) {
        if (auto ok = writeFile(p.value(exportTo), core::publicKeyFileText(key->publicKey())); !ok)
            return fail(ok.error());
    }
    if (p.isSet(json))
        printJson(QJsonObject { { QStringLiteral("key_fingerprint"), key->fingerprint() },
            { QStringLiteral("public_key"), QString::fromLatin1(key->publicKey().toBase64()) },
            { QStringLiteral("key_dir"), key->keyDir() },
            { QStringLiteral("created"), key->created() } });
    else
        printOut(QStringLiteral("site key %1\nfingerprint %2\npublic key (ed25519, base64) %3\n")
                     .arg(key->keyDir(), key->fingerprint(),
                         QString::fromLatin1(key->publicKey().toBase64())));
    return core::kExitOk;
}

} // namespace pg::app
