// The site's Ed25519 key: RFC 8032 known answers, key files and their permissions, and a check
// of our signatures by an independent implementation (Python's cryptography package).
#include "certificate_fixture.h"
#include "core/site_key.h"
#include "tool_runner.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace pg;

namespace {

int modeOf(const QString& path)
{
    struct stat st { };
    ::stat(QFile::encodeName(path).constData(), &st);
    return static_cast<int>(st.st_mode & 0777);
}

} // namespace

// RFC 8032 section 7.1, tests 1 to 3.
TEST(SigningKey, MatchesRfc8032Vectors)
{
    struct Vector {
        const char* seed;
        const char* publicKey;
        const char* message;
        const char* signature;
    };
    const Vector vectors[] = {
        { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39"
            "701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
        { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f36"
            "13d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
        { "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f7"
            "60984dc6594a7c15e9716ed28dc027beceea1ec40a" },
    };
    for (const Vector& v : vectors) {
        const core::SiteKey key = core::SiteKey::fromSeed(QByteArray::fromHex(v.seed));
        const QByteArray message = QByteArray::fromHex(v.message);
        EXPECT_EQ(key.publicKey().toHex(), QByteArray(v.publicKey));
        EXPECT_EQ(key.sign(message).toHex(), QByteArray(v.signature));
        EXPECT_TRUE(
            core::verifySignature(key.publicKey(), message, QByteArray::fromHex(v.signature)));
        EXPECT_FALSE(core::verifySignature(
            key.publicKey(), message + 'x', QByteArray::fromHex(v.signature)));
    }
}

TEST(SigningKey, IsCreatedOnFirstUseWithPrivatePermissions)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("site/keys"));
    auto first = core::SiteKey::loadOrCreate(dir);
    ASSERT_TRUE(first.has_value()) << first.error().message.toStdString();
    EXPECT_TRUE(first->created());
    EXPECT_EQ(modeOf(dir), 0700);
    EXPECT_EQ(modeOf(dir + QStringLiteral("/site-ed25519.secret")), 0600);
    auto again = core::SiteKey::loadOrCreate(dir);
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->created());
    EXPECT_EQ(again->publicKey(), first->publicKey());
    auto exported = core::readPublicKeyFile(dir + QStringLiteral("/site-ed25519.pub"));
    ASSERT_TRUE(exported.has_value());
    EXPECT_EQ(*exported, first->publicKey());
}

TEST(SigningKey, RefusesASecretKeyOthersCanRead)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(core::SiteKey::loadOrCreate(tmp.path()).has_value());
    const QString secret = tmp.filePath(QStringLiteral("site-ed25519.secret"));
    for (const int mode : { 0644, 0640, 0604 }) {
        ::chmod(QFile::encodeName(secret).constData(), static_cast<mode_t>(mode));
        const auto key = core::SiteKey::loadOrCreate(tmp.path());
        ASSERT_FALSE(key.has_value()) << mode;
        EXPECT_TRUE(key.error().message.contains(QStringLiteral("readable by others")))
            << key.error().message.toStdString();
    }
    ::chmod(QFile::encodeName(secret).constData(), 0600);
    EXPECT_TRUE(core::SiteKey::load(tmp.path()).has_value());
}

TEST(SigningKey, FingerprintIsTheShortenedSha256OfThePublicKey)
{
    const core::SiteKey key = test::seededKey('\x07');
    const QByteArray sha = QCryptographicHash::hash(key.publicKey(), QCryptographicHash::Sha256);
    EXPECT_EQ(key.fingerprint(), QString::fromLatin1(sha.left(16).toHex()));
    EXPECT_EQ(key.fingerprint().size(), 32);
}

TEST(SigningKey, StrictBase64RefusesOtherSpellings)
{
    const QByteArray bytes = QByteArray::fromHex("00ff10");
    EXPECT_EQ(core::strictFromBase64(QStringLiteral("AP8Q")), bytes);
    EXPECT_TRUE(
        core::strictFromBase64(QStringLiteral("AP8R")).size() == 3); // other bytes, still canonical
    EXPECT_TRUE(core::strictFromBase64(QStringLiteral("AP8Q\n")).isEmpty());
    EXPECT_TRUE(core::strictFromBase64(QStringLiteral("AP@Q")).isEmpty());
    EXPECT_TRUE(core::strictFromBase64(QStringLiteral("AA==")).size() == 1);
    EXPECT_TRUE(core::strictFromBase64(QStringLiteral("AB==")).isEmpty()); // unused bits set
}

TEST(SigningKey, SignaturesVerifyWithPythonCryptography)
{
    QString why;
    const QString python = test::pythonWith(QStringLiteral("cryptography"), &why);
    if (python.isEmpty())
        GTEST_SKIP() << why.toStdString();
    const core::SiteKey key = test::seededKey('\x2a');
    const QByteArray message = QByteArrayLiteral("{\"certificateId\":\"x\",\"grade\":\"reuse\"}");
    const QString script = QStringLiteral(
        "import sys,base64\n"
        "from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey\n"
        "k=Ed25519PublicKey.from_public_bytes(base64.b64decode(sys.argv[1]))\n"
        "k.verify(base64.b64decode(sys.argv[2]), base64.b64decode(sys.argv[3]))\n");
    const QStringList args { QStringLiteral("-c"), script,
        QString::fromLatin1(key.publicKey().toBase64()),
        QString::fromLatin1(key.sign(message).toBase64()),
        QString::fromLatin1(message.toBase64()) };
    const auto good = test::runTool(python, args);
    EXPECT_EQ(good.exitCode, 0) << good.err.toStdString();
    QStringList forged = args;
    forged[4] = QString::fromLatin1((message + ' ').toBase64());
    EXPECT_NE(test::runTool(python, forged).exitCode, 0);
}
