#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>
#include <array>
#include <tl/expected.hpp>

namespace pg::core {

// The site's Ed25519 signing key (libsodium). It lives in a key folder as two files:
//   site-ed25519.secret  "packgrade-ed25519-seed-v1 BASE64(32-byte seed)\n", mode 0600
//   site-ed25519.pub     "ed25519 BASE64(32-byte public key) FINGERPRINT\n", mode 0644
// The folder is created with mode 0700 and the key on first use. A secret key file that group or
// others may read, or that another user owns, is refused, never used.
class SiteKey {
public:
    static constexpr const char* kSecretFile = "site-ed25519.secret";
    static constexpr const char* kPublicFile = "site-ed25519.pub";

    // Loads the key in `keyDir`, creating folder and key when there is none yet.
    static tl::expected<SiteKey, Error> loadOrCreate(const QString& keyDir);
    // Loads the key in `keyDir`; an error when there is none.
    static tl::expected<SiteKey, Error> load(const QString& keyDir);
    // The default key folder: $PACKGRADE_KEY_DIR, or <user data folder>/keys.
    static QString defaultKeyDir();

    SiteKey(const SiteKey& other) = default;
    SiteKey& operator=(const SiteKey& other) = default;
    ~SiteKey();

    QByteArray publicKey() const; // 32 bytes
    QString fingerprint() const; // keyFingerprint(publicKey())
    QByteArray sign(const QByteArray& message) const; // 64-byte detached signature
    QString keyDir() const { return m_keyDir; }
    bool created() const { return m_created; } // true when this call made the key

    // Derives a key from a 32-byte seed (tests, and known-answer checks).
    static SiteKey fromSeed(const QByteArray& seed);

private:
    SiteKey() = default;

    std::array<unsigned char, 64> m_secretKey {}; // libsodium's seed || public key
    std::array<unsigned char, 32> m_publicKey {};
    QString m_keyDir;
    bool m_created = false;
};

// Hex of the first 16 bytes of SHA-256(public key): 32 lower-case characters.
QString keyFingerprint(const QByteArray& publicKey);
// Ed25519 verification of a detached signature (libsodium crypto_sign_verify_detached).
bool verifySignature(
    const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);
// The text of a .pub file, and the public key read back from one.
QByteArray publicKeyFileText(const QByteArray& publicKey);
tl::expected<QByteArray, Error> readPublicKeyFile(const QString& path);
// Strict base64: decodes only text that is exactly the canonical encoding of its bytes (so no
// two texts decode to the same key or signature). Empty on any deviation.
QByteArray strictFromBase64(const QString& text);

} // namespace pg::core
