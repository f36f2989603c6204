#include "site_key.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pg::core {

namespace {

    const QByteArray kSeedTag = QByteArrayLiteral("packgrade-ed25519-seed-v1");

    bool sodiumReady()
    {
        static const bool ready = sodium_init() >= 0;
        return ready;
    }

    Error failed(const QString& message)
    {
        return Error { kExitFailed, message };
    }

    // Refuses a secret key that others may read or that another user owns.
    tl::expected<void, Error> checkPermissions(const QString& path)
    {
        struct stat st { };
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return tl::make_unexpected(failed(
                QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)))));
        if ((st.st_mode & 077) != 0)
            return tl::make_unexpected(
                failed(QStringLiteral("%1: the site's secret key is readable by others (mode %2); "
                                      "refusing to use it (chmod 600 it, and consider it leaked)")
                           .arg(path)
                           .arg(st.st_mode & 0777, 4, 8, QLatin1Char('0'))));
        if (st.st_uid != ::geteuid())
            return tl::make_unexpected(
                failed(QStringLiteral("%1: the site's secret key belongs to another user (uid %2)")
                           .arg(path)
                           .arg(st.st_uid)));
        return {};
    }

    tl::expected<void, Error> writeNewFile(const QString& path, const QByteArray& bytes, int mode)
    {
        const int fd = ::open(
            QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0)
            return tl::make_unexpected(
                failed(QStringLiteral("%1: cannot create (%2)")
                           .arg(path, QString::fromLocal8Bit(std::strerror(errno)))));
        const bool ok
            = ::write(fd, bytes.constData(), static_cast<std::size_t>(bytes.size())) == bytes.size()
            && ::fsync(fd) == 0;
        ::close(fd);
        if (!ok)
            return tl::make_unexpected(
                failed(QStringLiteral("%1: cannot write the key").arg(path)));
        return {};
    }

    tl::expected<void, Error> ensureKeyDir(const QString& keyDir)
    {
        if (QDir(keyDir).exists())
            return {};
        if (!QDir().mkpath(keyDir) || ::chmod(QFile::encodeName(keyDir).constData(), 0700) != 0)
            return tl::make_unexpected(
                failed(QStringLiteral("%1: cannot create the key folder").arg(keyDir)));
        return {};
    }

} // namespace

SiteKey::~SiteKey()
{
    sodium_memzero(m_secretKey.data(), m_secretKey.size());
}

SiteKey SiteKey::fromSeed(const QByteArray& seed)
{
    sodiumReady();
    SiteKey key;
    if (seed.size() == crypto_sign_SEEDBYTES)
        crypto_sign_seed_keypair(key.m_publicKey.data(), key.m_secretKey.data(),
            reinterpret_cast<const unsigned char*>(seed.constData()));
    return key;
}

QString SiteKey::defaultKeyDir()
{
    const QString env = qEnvironmentVariable("PACKGRADE_KEY_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/packgrade/keys");
}

tl::expected<SiteKey, Error> SiteKey::load(const QString& keyDir)
{
    if (!sodiumReady())
        return tl::make_unexpected(failed(QStringLiteral("libsodium failed to initialise")));
    const QString path = keyDir + QLatin1Char('/') + QLatin1String(kSecretFile);
    if (!QFile::exists(path))
        return tl::make_unexpected(failed(
            QStringLiteral("%1: no site key (it is created on the first certificate)").arg(path)));
    if (auto ok = checkPermissions(path); !ok)
        return tl::make_unexpected(ok.error());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tl::make_unexpected(failed(QStringLiteral("%1: %2").arg(path, file.errorString())));
    const QList<QByteArray> parts = file.readAll().trimmed().split(' ');
    QByteArray seed = parts.size() == 2 && parts[0] == kSeedTag
        ? strictFromBase64(QString::fromLatin1(parts[1]))
        : QByteArray();
    if (seed.size() != crypto_sign_SEEDBYTES)
        return tl::make_unexpected(failed(QStringLiteral("%1: expected '%2 BASE64-SEED'")
                                              .arg(path, QString::fromLatin1(kSeedTag))));
    SiteKey key = fromSeed(seed);
    sodium_memzero(seed.data(), static_cast<std::size_t>(seed.size()));
    key.m_keyDir = keyDir;
    return key;
}

tl::expected<SiteKey, Error> SiteKey::loadOrCreate(const QString& keyDir)
{
    if (!sodiumReady())
        return tl::make_unexpected(failed(QStringLiteral("libsodium failed to initialise")));
    const QString secretPath = keyDir + QLatin1Char('/') + QLatin1String(kSecretFile);
    if (QFile::exists(secretPath))
        return load(keyDir);
    if (auto ok = ensureKeyDir(keyDir); !ok)
        return tl::make_unexpected(ok.error());
    QByteArray seed(crypto_sign_SEEDBYTES, '\0');
    randombytes_buf(seed.data(), static_cast<std::size_t>(seed.size()));
    SiteKey key = fromSeed(seed);
    QByteArray text = kSeedTag + ' ' + seed.toBase64() + '\n';
    sodium_memzero(seed.data(), static_cast<std::size_t>(seed.size()));
    auto written = writeNewFile(secretPath, text, 0600);
    sodium_memzero(text.data(), static_cast<std::size_t>(text.size()));
    if (!written)
        return tl::make_unexpected(written.error());
    const QString publicPath = keyDir + QLatin1Char('/') + QLatin1String(kPublicFile);
    QFile::remove(publicPath);
    if (auto ok = writeNewFile(publicPath, publicKeyFileText(key.publicKey()), 0644); !ok)
        return tl::make_unexpected(ok.error());
    key.m_keyDir = keyDir;
    key.m_created = true;
    return key;
}

QByteArray SiteKey::publicKey() const
{
    return QByteArray(reinterpret_cast<const char*>(m_publicKey.data()),
        static_cast<qsizetype>(m_publicKey.size()));
}

QString SiteKey::fingerprint() const
{
    return keyFingerprint(publicKey());
}

QByteArray SiteKey::sign(const QByteArray& message) const
{
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
        reinterpret_cast<const unsigned char*>(message.constData()),
        static_cast<unsigned long long>(message.size()), m_secretKey.data());
    return signature;
}

QString keyFingerprint(const QByteArray& publicKey)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(publicKey.constData()),
        static_cast<unsigned long long>(publicKey.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), 16).toHex());
}

bool verifySignature(
    const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (!sodiumReady() || publicKey.size() != crypto_sign_PUBLICKEYBYTES
        || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char*>(signature.constData()),
               reinterpret_cast<const unsigned char*>(message.constData()),
               static_cast<unsigned long long>(message.size()),
               reinterpret_cast<const unsigned char*>(publicKey.constData()))
        == 0;
}

QByteArray publicKeyFileText(const QByteArray& publicKey)
{
    return QByteArrayLiteral("ed25519 ") + publicKey.toBase64() + ' '
        + keyFingerprint(publicKey).toLatin1() + '\n';
}

tl::expected<QByteArray, Error> readPublicKeyFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tl::make_unexpected(
            Error { kExitBadInput, QStringLiteral("%1: %2").arg(path, file.errorString()) });
    const QList<QByteArray> parts = file.readAll().trimmed().split(' ');
    const QByteArray key = parts.size() >= 2 && parts[0] == "ed25519"
        ? strictFromBase64(QString::fromLatin1(parts[1]))
        : QByteArray();
    if (key.size() != crypto_sign_PUBLICKEYBYTES)
        return tl::make_unexpected(Error { kExitBadInput,
            QStringLiteral("%1:1: expected 'ed25519 BASE64-PUBLIC-KEY'").arg(path) });
    return key;
}

QByteArray strictFromBase64(const QString& text)
{
    const QByteArray latin = text.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(latin, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != latin)
        return {};
    return decoded.decoded;
}

} // namespace pg::core
