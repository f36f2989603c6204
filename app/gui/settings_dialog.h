#pragma once

#include "app_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTabWidget;

namespace pg::app {

// Settings and administration: database, site and bench names, the signing key (fingerprint,
// public key export), the grading policy file, users (supervisors only), the colour theme.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings settings, QWidget* parent = nullptr);

    AppSettings settings() const;
    // Loads (or creates) the key in the key folder and shows its fingerprint; false with the
    // reason shown when it cannot.
    bool showKey();
    QString keyFingerprint() const;
    bool exportPublicKey(const QString& path);

    void accept() override;

private:
    QWidget* buildDatabaseTab();
    QWidget* buildBenchTab();
    QWidget* buildKeyTab();
    QWidget* buildPolicyTab();
    QWidget* buildUsersTab();
    void addUserRow(const AppSettings::User& user);

    AppSettings m_settings;
    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_site = nullptr;
    QLineEdit* m_bench = nullptr;
    QLineEdit* m_keyDir = nullptr;
    QLabel* m_fingerprint = nullptr;
    QLineEdit* m_policy = nullptr;
    QLabel* m_policyInfo = nullptr;
    QLineEdit* m_currentUser = nullptr;
    QTableWidget* m_users = nullptr;
    QCheckBox* m_dark = nullptr;
    QComboBox* m_language = nullptr;
    QByteArray m_publicKey;
};

} // namespace pg::app
