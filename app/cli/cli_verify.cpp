// packgrade-cli verify F.pdf|F.json: is this certificate what the site signed? (../shared/CLI.md)
#include "cli_common.h"
#include "commands.h"
#include "core/certificate_json.h"
#include "core/certificate_pdf.h"
#include "core/signed_certificate.h"
#include "core/site_key.h"

#include <QFile>

namespace pg::app {

namespace {

    // The site's own public key (when this machine has one) and every --trust file.
    tl::expected<QList<QByteArray>, core::Error> trustedKeys(
        const QStringList& files, const QString& keyDir)
    {
        QList<QByteArray> keys;
        const QString own = keyDir + QLatin1Char('/') + QLatin1String(core::SiteKey::kPublicFile);
        if (QFile::exists(own)) {
            if (auto key = core::readPublicKeyFile(own))
                keys.append(*key);
        }
        for (const QString& file : files) {
            auto key = core::readPublicKeyFile(file);
            if (!key)
                return tl::make_unexpected(key.error());
            keys.append(*key);
        }
        return keys;
    }

    QJsonObject toJson(const core::VerifyResult& r, const QString& path, const QString& source)
    {
        QJsonObject o { { QStringLiteral("valid"), r.valid },
            { QStringLiteral("certificate_id"), r.certificateId },
            { QStringLiteral("reason"), r.reason },
            { QStringLiteral("key_fingerprint"), r.keyFingerprint },
            { QStringLiteral("trusted_key"), r.trustedKey },
            { QStringLiteral("content_sha256"), r.contentSha256 }, { QStringLiteral("file"), path },
            { QStringLiteral("source"), source } };
        if (r.valid && r.data) {
            o[QStringLiteral("grade")] = r.data->grade;
            o[QStringLiteral("battery_status")] = core::batteryStatusForGrade(r.data->grade);
            o[QStringLiteral("serial_number")] = r.data->serialNumber;
            o[QStringLiteral("soh_capacity")] = r.data->sohCapacity;
            o[QStringLiteral("issued_at")] = core::certificateTimestamp(r.data->issuedAt);
        }
        return o;
    }

    QString toText(const core::VerifyResult& r)
    {
        const core::CertificateData& d = *r.data;
        return QStringLiteral(
            "VALID certificate %1, issued %2 by %3\n  battery    %4 %5, serial %6\n"
            "  grade      %7 (Battery Pass status %8), capacity SoH %9 %\n  signed by  key %10 "
            "(%11)\n")
            .arg(d.certificateId, core::certificateTimestamp(d.issuedAt), d.siteName, d.make,
                d.model, d.serialNumber, d.grade, core::batteryStatusForGrade(d.grade),
                QString::number(d.sohCapacity * 100, 'f', 1), r.keyFingerprint,
                r.trustedKey ? QStringLiteral("a trusted site key")
                             : QStringLiteral("not among the trusted keys: compare it with the "
                                              "fingerprint the site publishes"));
    }

} // namespace

int runVerify(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Check a certificate (PDF or signed JSON): signature, content, and which key signed it. "
        "Exit 0 when valid, 3 when not."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("F.pdf or F.json"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption trust(QStringLiteral("trust"),
        QStringLiteral("A trusted site public key (.pub, repeatable); "
                       "when any key is trusted, others are refused."),
        QStringLiteral("F.pub"));
    const QCommandLineOption keyDir(QStringLiteral("key-dir"),
        QStringLiteral("This site's key folder (its public key is trusted)."),
        QStringLiteral("DIR"));
    p.addOptions({ json, trust, keyDir });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("verify"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("verify"), QStringLiteral("expected exactly one FILE"));
    const QString path = p.positionalArguments().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail({ core::kExitBadInput, path + QStringLiteral(": ") + file.errorString() });
    const QByteArray bytes = file.readAll();
    auto keys = trustedKeys(
        p.values(trust), p.isSet(keyDir) ? p.value(keyDir) : core::SiteKey::defaultKeyDir());
    if (!keys)
        return fail(keys.error());
    const bool isPdf = bytes.startsWith("%PDF-");
    core::VerifyResult result;
    if (auto envelope = isPdf ? core::certificatePdfEnvelope(bytes)
                              : tl::expected<QByteArray, core::Error>(bytes))
        result = core::verifyCertificateEnvelope(*envelope, *keys);
    else
        result.reason = envelope.error().message;
    if (p.isSet(json))
        printJson(toJson(result, path, isPdf ? QStringLiteral("pdf") : QStringLiteral("json")));
    else if (result.valid)
        printOut(toText(result));
    if (!result.valid)
        return fail({ core::kExitBadInput,
            QStringLiteral("%1: invalid certificate: %2").arg(path, result.reason) });
    return core::kExitOk;
}

} // namespace pg::app
