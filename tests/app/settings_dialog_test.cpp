// The Settings dialog: the signing key's fingerprint it shows is SHA-256 of the public key (first
// 16 bytes, hex), recomputed here with Qt's own hash rather than core's libsodium call; the public
// key it exports is the one in the key folder; bad settings are refused with the setting named.
#include "app/gui/app_settings.h"
#include "app/gui/settings_dialog.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace {

QByteArray publicKeyFromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = f.readAll().trimmed().split(' ');
    return parts.size() >= 2 ? QByteArray::fromBase64(parts.at(1)) : QByteArray();
}

} // namespace

TEST(SettingsDialog, ShowsTheKeyFingerprintAndExportsThePublicKey)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    pg::app::AppSettings settings;
    settings.keyDir = tmp.filePath(QStringLiteral("keys"));
    pg::app::SettingsDialog dialog(settings);
    ASSERT_TRUE(dialog.showKey());
    const QByteArray publicKey
        = publicKeyFromFile(tmp.filePath(QStringLiteral("keys/site-ed25519.pub")));
    ASSERT_EQ(publicKey.size(), 32);
    const QByteArray expected
        = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(16).toHex();
    EXPECT_EQ(dialog.keyFingerprint(), QString::fromLatin1(expected));

    const QString exported = tmp.filePath(QStringLiteral("bench.pub"));
    ASSERT_TRUE(dialog.exportPublicKey(exported));
    EXPECT_EQ(publicKeyFromFile(exported), publicKey);
}

TEST(AppSettings, RefusesADatabaseUrlOfNeitherKindAndAMissingPolicy)
{
    pg::app::AppSettings s;
    EXPECT_TRUE(s.validate().isEmpty());
    s.databaseUrl = QStringLiteral("mysql://bench@db/packs");
    EXPECT_TRUE(s.validate().contains(QLatin1String("Database"))) << s.validate().toStdString();
    s.databaseUrl = QStringLiteral("sqlite:/tmp/x.sqlite");
    s.policyFile = QStringLiteral("/nonexistent/policy.json");
    EXPECT_TRUE(s.validate().contains(QLatin1String("/nonexistent/policy.json")))
        << s.validate().toStdString();
}

TEST(AppSettings, SurviveASaveAndLoad)
{
    QStandardPaths::setTestModeEnabled(true);
    pg::app::AppSettings s;
    s.databaseUrl = QStringLiteral("postgresql://bench@localhost:5432/packgrade");
    s.siteName = QStringLiteral("Site A");
    s.benchName = QStringLiteral("Bench 2");
    s.darkTheme = true;
    s.currentUser = QStringLiteral("ana");
    s.users = { { QStringLiteral("ana"), QStringLiteral("supervisor") },
        { QStringLiteral("bo"), QStringLiteral("technician") } };
    s.save();
    const pg::app::AppSettings back = pg::app::AppSettings::load();
    EXPECT_EQ(back.databaseUrl, s.databaseUrl);
    EXPECT_EQ(back.benchName, s.benchName);
    EXPECT_TRUE(back.darkTheme);
    ASSERT_EQ(back.users.size(), 2U);
    EXPECT_EQ(back.users[1].name, QStringLiteral("bo"));
    EXPECT_TRUE(back.isSupervisor());
    pg::app::AppSettings cleared;
    cleared.save();
    QStandardPaths::setTestModeEnabled(false);
}

TEST(SettingsDialog, OnlyASupervisorCanChangeUsers)
{
    pg::app::AppSettings settings;
    settings.users = { { QStringLiteral("ana"), QStringLiteral("supervisor") },
        { QStringLiteral("bo"), QStringLiteral("technician") } };
    settings.currentUser = QStringLiteral("bo");
    {
        pg::app::SettingsDialog dialog(settings);
        auto* users = dialog.findChild<QTableWidget*>();
        ASSERT_NE(users, nullptr);
        EXPECT_FALSE(users->isEnabled());
        EXPECT_EQ(users->rowCount(), 2);
    }
    settings.currentUser = QStringLiteral("ana");
    pg::app::SettingsDialog dialog(settings);
    EXPECT_TRUE(dialog.findChild<QTableWidget*>()->isEnabled());
    EXPECT_EQ(dialog.settings().users.size(), 2U); // the table gives back what it was given
    EXPECT_EQ(dialog.settings().users[1].role, QStringLiteral("technician"));
}
