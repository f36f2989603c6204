// Signing and verifying certificates: round trip, and every kind of tampering the issue names.
#include "certificate_fixture.h"
#include "core/canonical_json.h"
#include "core/signed_certificate.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <cmath>
#include <gtest/gtest.h>

using namespace pg;

namespace {

core::SignedCertificate signedWith(const core::CertificateData& d, char keyFill)
{
    auto cert = core::signCertificate(d, test::seededKey(keyFill));
    EXPECT_TRUE(cert.has_value()) << (cert ? std::string() : cert.error().message.toStdString());
    return cert.value_or(core::SignedCertificate {});
}

QJsonObject envelopeObject(const core::SignedCertificate& c)
{
    return QJsonDocument::fromJson(c.envelope()).object();
}
QByteArray bytesOf(const QJsonObject& o)
{
    return core::canonicalJson(o).value_or(QByteArray());
}

} // namespace

TEST(CertificateSignature, RoundTripKeepsEveryField)
{
    const core::SignedCertificate cert = signedWith(test::fullCertificate(), 'a');
    const core::VerifyResult r
        = core::verifyCertificateEnvelope(cert.envelope(), { test::seededKey('a').publicKey() });
    ASSERT_TRUE(r.valid) << r.reason.toStdString();
    EXPECT_TRUE(r.trustedKey);
    EXPECT_EQ(r.certificateId, QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"));
    EXPECT_EQ(r.keyFingerprint, test::seededKey('a').fingerprint());
    ASSERT_TRUE(r.data.has_value());
    EXPECT_EQ(bytesOf(core::certificateToJson(*r.data)), cert.signedBytes);
    EXPECT_EQ(r.data->curve.size(), test::fullCertificate().curve.size());
    EXPECT_EQ(r.data->dtcs, test::fullCertificate().dtcs);
    EXPECT_EQ(*r.data->powerCapabilityW, 250.0);
    EXPECT_EQ(r.data->internalResistanceStderrOhm, test::fullCertificate().internalResistanceStderrOhm);
    EXPECT_EQ(r.data->sohResistanceStderr, test::fullCertificate().sohResistanceStderr);
}

TEST(CertificateSignature, AnyChangedByteOfTheSignedJsonIsDetected)
{
    const QByteArray envelope = signedWith(test::exampleCertificate(), 'a').envelope();
    int accepted = 0;
    for (qsizetype i = 0; i < envelope.size(); ++i) {
        QByteArray tampered = envelope;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        if (core::verifyCertificateEnvelope(tampered, {}).valid) {
            ++accepted;
            ADD_FAILURE() << "byte " << i << " ('" << envelope[i] << "') changed and still valid";
        }
    }
    EXPECT_EQ(accepted, 0) << "of " << envelope.size() << " bytes";
}

TEST(CertificateSignature, ASignatureFromAnotherCertificateIsRefused)
{
    core::CertificateData other = test::exampleCertificate();
    other.grade = QStringLiteral("reuse");
    QJsonObject env = envelopeObject(signedWith(test::exampleCertificate(), 'a'));
    const QJsonObject foreign = envelopeObject(signedWith(other, 'a'));
    QJsonObject sig = env.value(QStringLiteral("signature")).toObject();
    sig[QStringLiteral("value")]
        = foreign.value(QStringLiteral("signature")).toObject().value(QStringLiteral("value"));
    env[QStringLiteral("signature")] = sig;
    const auto r = core::verifyCertificateEnvelope(bytesOf(env), {});
    EXPECT_FALSE(r.valid);
    EXPECT_TRUE(r.reason.startsWith(QStringLiteral("bad signature"))) << r.reason.toStdString();
}

TEST(CertificateSignature, ChangedContentWithItsHashFixedIsRefused)
{
    QJsonObject env = envelopeObject(signedWith(test::exampleCertificate(), 'a'));
    QJsonObject content = env.value(QStringLiteral("certificate")).toObject();
    QJsonObject grading = content.value(QStringLiteral("grading")).toObject();
    grading[QStringLiteral("grade")] = QStringLiteral("reuse");
    content[QStringLiteral("grading")] = grading;
    env[QStringLiteral("certificate")] = content;
    QJsonObject sig = env.value(QStringLiteral("signature")).toObject();
    sig[QStringLiteral("contentSha256")] = QString::fromLatin1(
        QCryptographicHash::hash(bytesOf(content), QCryptographicHash::Sha256).toHex());
    env[QStringLiteral("signature")] = sig;
    const auto r = core::verifyCertificateEnvelope(bytesOf(env), {});
    EXPECT_FALSE(r.valid);
    EXPECT_TRUE(r.reason.startsWith(QStringLiteral("bad signature"))) << r.reason.toStdString();
}

TEST(CertificateSignature, AnotherKeyIsNamedAndRefusedWhenKeysAreTrusted)
{
    const QByteArray byOther = signedWith(test::exampleCertificate(), 'z').envelope();
    const auto trusted
        = core::verifyCertificateEnvelope(byOther, { test::seededKey('a').publicKey() });
    EXPECT_FALSE(trusted.valid);
    EXPECT_EQ(trusted.keyFingerprint, test::seededKey('z').fingerprint());
    EXPECT_TRUE(trusted.reason.contains(QStringLiteral("not a trusted site key")))
        << trusted.reason.toStdString();
    const auto open = core::verifyCertificateEnvelope(byOther, {});
    EXPECT_TRUE(open.valid); // intact, but only the fingerprint says whose it is
    EXPECT_FALSE(open.trustedKey);
}

TEST(CertificateSignature, ReSigningWithAnotherKeyUnderTheSiteFingerprintIsRefused)
{
    QJsonObject env = envelopeObject(signedWith(test::exampleCertificate(), 'z'));
    QJsonObject sig = env.value(QStringLiteral("signature")).toObject();
    sig[QStringLiteral("keyFingerprint")] = test::seededKey('a').fingerprint();
    env[QStringLiteral("signature")] = sig;
    const auto r = core::verifyCertificateEnvelope(bytesOf(env), {});
    EXPECT_FALSE(r.valid);
    EXPECT_TRUE(r.reason.contains(QStringLiteral("keyFingerprint"))) << r.reason.toStdString();
}

TEST(CertificateSignature, RefusesToCertifyARetestOrBadNumbers)
{
    core::CertificateData d = test::exampleCertificate();
    d.grade = QStringLiteral("retest");
    EXPECT_FALSE(core::signCertificate(d, test::seededKey('a')).has_value());
    d = test::exampleCertificate();
    d.sohCapacity = 77.4; // percent by mistake
    EXPECT_FALSE(core::signCertificate(d, test::seededKey('a')).has_value());
    d = test::exampleCertificate();
    d.curve[3].voltageV = std::nan("");
    EXPECT_FALSE(core::signCertificate(d, test::seededKey('a')).has_value());
}

TEST(CertificateSignature, QrPayloadNamesIdFingerprintAndSignature)
{
    const core::SignedCertificate cert = signedWith(test::exampleCertificate(), 'a');
    const QList<QByteArray> parts = cert.qrPayload().split('|');
    ASSERT_EQ(parts.size(), 4);
    EXPECT_EQ(parts[0], QByteArray("PGCERT1"));
    EXPECT_EQ(parts[1], cert.certificateId().toLatin1());
    EXPECT_EQ(parts[2], cert.keyFingerprint().toLatin1());
    EXPECT_TRUE(
        core::verifySignature(cert.publicKey, cert.signedBytes, QByteArray::fromBase64(parts[3])));
}
