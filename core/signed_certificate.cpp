#include "signed_certificate.h"

#include "canonical_json.h"
#include "certificate_json.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace pg::core {

namespace {

    inline QString k(const char* key)
    {
        return QString::fromLatin1(key);
    }

    QString sha256Hex(const QByteArray& bytes)
    {
        return QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }

    struct EnvelopeParts {
        QJsonObject content;
        QJsonObject signature;
    };

    tl::expected<EnvelopeParts, QString> splitEnvelope(const QByteArray& bytes)
    {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError)
            return tl::make_unexpected(QStringLiteral("not JSON (%1 at byte %2)")
                                           .arg(error.errorString())
                                           .arg(error.offset));
        const QJsonObject root = doc.object();
        if (!doc.isObject() || root.size() != 2 || !root.value(k("certificate")).isObject()
            || !root.value(k("signature")).isObject())
            return tl::make_unexpected(QStringLiteral(
                "expected exactly the keys \"certificate\" and \"signature\" (objects)"));
        return EnvelopeParts { root.value(k("certificate")).toObject(),
            root.value(k("signature")).toObject() };
    }

    // Checks the content that the signature covers reads back as a certificate and that its derived
    // parts (batteryStatus, batteryPass) are what the results imply.
    QString contentProblem(
        const QJsonObject& content, const QByteArray& canonical, VerifyResult& result)
    {
        auto data = certificateFromJson(content);
        if (!data)
            return QStringLiteral("signed content is not a certificate: ") + data.error().message;
        result.certificateId = data->certificateId;
        const auto again = canonicalJson(certificateToJson(*data));
        if (!again || *again != canonical)
            return QStringLiteral("signed content has unknown fields or a batteryPass section that "
                                  "does not match its results");
        result.data = *data;
        return {};
    }

    QString signatureProblem(
        const QJsonObject& sig, const QByteArray& canonical, VerifyResult& result)
    {
        if (sig.value(k("algorithm")).toString() != QLatin1String("Ed25519"))
            return QStringLiteral("signature.algorithm: expected Ed25519");
        if (sig.value(k("canonicalization")).toString() != QLatin1String(kCanonicalization))
            return QStringLiteral("signature.canonicalization: expected %1")
                .arg(QLatin1String(kCanonicalization));
        const QByteArray publicKey = strictFromBase64(sig.value(k("publicKey")).toString());
        const QByteArray value = strictFromBase64(sig.value(k("value")).toString());
        if (publicKey.size() != 32)
            return QStringLiteral("signature.publicKey: expected 32 bytes in base64");
        if (value.size() != 64)
            return QStringLiteral("signature.value: expected 64 bytes in base64");
        result.keyFingerprint = keyFingerprint(publicKey);
        if (sig.value(k("keyFingerprint")).toString() != result.keyFingerprint)
            return QStringLiteral(
                "signature.keyFingerprint does not belong to signature.publicKey");
        result.contentSha256 = sha256Hex(canonical);
        if (sig.value(k("contentSha256")).toString() != result.contentSha256)
            return QStringLiteral("content changed: its SHA-256 is not signature.contentSha256");
        if (sig.size() != 6)
            return QStringLiteral("signature: unexpected fields");
        if (!verifySignature(publicKey, canonical, value))
            return QStringLiteral(
                "bad signature: the content was changed or the signature belongs to other content");
        return {};
    }

} // namespace

QString SignedCertificate::keyFingerprint() const
{
    return pg::core::keyFingerprint(publicKey);
}

QString SignedCertificate::contentSha256() const
{
    return sha256Hex(signedBytes);
}

QByteArray SignedCertificate::envelope() const
{
    const QJsonObject sig { { k("algorithm"), k("Ed25519") },
        { k("canonicalization"), k(kCanonicalization) }, { k("contentSha256"), contentSha256() },
        { k("keyFingerprint"), keyFingerprint() },
        { k("publicKey"), QString::fromLatin1(publicKey.toBase64()) },
        { k("value"), QString::fromLatin1(signature.toBase64()) } };
    // Every value is finite (checked when signing), so canonicalisation cannot fail here.
    return canonicalJson(QJsonObject { { k("certificate"), content }, { k("signature"), sig } })
               .value_or(QByteArray())
        + '\n';
}

QByteArray SignedCertificate::qrPayload() const
{
    return QByteArrayLiteral("PGCERT1|") + certificateId().toLatin1() + '|'
        + keyFingerprint().toLatin1() + '|' + signature.toBase64();
}

tl::expected<SignedCertificate, Error> signCertificate(
    const CertificateData& data, const SiteKey& key)
{
    if (const QString problem = certificateDataProblem(data); !problem.isEmpty())
        return tl::make_unexpected(Error { kExitBadInput, problem });
    SignedCertificate cert;
    cert.data = data;
    cert.content = certificateToJson(data);
    auto bytes = canonicalJson(cert.content);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    cert.signedBytes = *bytes;
    cert.signature = key.sign(cert.signedBytes);
    cert.publicKey = key.publicKey();
    return cert;
}

VerifyResult verifyCertificateEnvelope(
    const QByteArray& envelopeBytes, const QList<QByteArray>& trustedKeys)
{
    VerifyResult result;
    auto parts = splitEnvelope(envelopeBytes);
    if (!parts) {
        result.reason = parts.error();
        return result;
    }
    result.certificateId = parts->content.value(k("certificateId")).toString();
    auto canonical = canonicalJson(parts->content);
    if (!canonical) {
        result.reason = QStringLiteral("certificate: ") + canonical.error().message;
        return result;
    }
    result.reason = signatureProblem(parts->signature, *canonical, result);
    if (result.reason.isEmpty())
        result.reason = contentProblem(parts->content, *canonical, result);
    const QByteArray publicKey
        = strictFromBase64(parts->signature.value(k("publicKey")).toString());
    result.trustedKey = !publicKey.isEmpty() && trustedKeys.contains(publicKey);
    if (result.reason.isEmpty() && !trustedKeys.isEmpty() && !result.trustedKey)
        result.reason = QStringLiteral("signed by key %1, which is not a trusted site key")
                            .arg(result.keyFingerprint);
    result.valid = result.reason.isEmpty();
    return result;
}

} // namespace pg::core
