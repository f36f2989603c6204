#pragma once

#include "certificate_data.h"
#include "error.h"
#include "site_key.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <optional>
#include <tl/expected.hpp>

namespace pg::core {

// A certificate's content with its Ed25519 signature. The signed message is the canonical JSON
// (canonical_json.h) of the content object, byte for byte. On disk and inside the PDF it travels
// as the envelope
//   {"certificate": {...content...},
//    "signature": {"algorithm": "Ed25519", "canonicalization": "packgrade-canonical-json-1",
//                  "contentSha256": HEX, "keyFingerprint": HEX, "publicKey": BASE64, "value":
//                  BASE64}}
// itself written as canonical JSON plus one newline.
struct SignedCertificate {
    QJsonObject content;
    QByteArray signedBytes; // canonicalJson(content)
    QByteArray signature; // 64 bytes
    QByteArray publicKey; // 32 bytes
    CertificateData data;

    QString certificateId() const { return data.certificateId; }
    QString keyFingerprint() const;
    QString contentSha256() const; // hex SHA-256 of signedBytes
    QByteArray envelope() const;
    // What the QR code holds: "PGCERT1|<certificate id>|<key fingerprint>|<signature, base64>".
    QByteArray qrPayload() const;
};

inline constexpr const char* kCanonicalization = "packgrade-canonical-json-1";

// Checks the data (certificateDataProblem), builds the content and signs it with the site key.
tl::expected<SignedCertificate, Error> signCertificate(
    const CertificateData& data, const SiteKey& key);

// What verification found. `valid` needs: a well-formed envelope, a key whose fingerprint is the
// stated one, content whose SHA-256 is the stated one, a good signature over the canonical
// content, content that reads back as a certificate whose derived sections match, and (when
// `trustedKeys` is not empty) a key among them.
struct VerifyResult {
    bool valid = false;
    QString reason; // why not valid; empty when valid
    QString certificateId; // from the content, when it could be read
    QString keyFingerprint; // the key that signed, when the envelope names one
    bool trustedKey = false; // the key is one of `trustedKeys`
    QString contentSha256;
    std::optional<CertificateData> data; // when the content could be read
};

VerifyResult verifyCertificateEnvelope(
    const QByteArray& envelopeBytes, const QList<QByteArray>& trustedKeys);

} // namespace pg::core
