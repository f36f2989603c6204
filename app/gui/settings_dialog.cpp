#include "settings_dialog.h"

#include "core/grading_policy.h"
#include "core/site_key.h"
#include "error_dialog.h"
#include "language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace pg::app {

SettingsDialog::SettingsDialog(AppSettings settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(std::move(settings))
{
    setWindowTitle(tr("Settings"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildDatabaseTab(), tr("Database"));
    m_tabs->addTab(buildBenchTab(), tr("Site and bench"));
    m_tabs->addTab(buildKeyTab(), tr("Signing key"));
    m_tabs->addTab(buildPolicyTab(), tr("Grading policy"));
    m_tabs->addTab(buildUsersTab(), tr("Users"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(640, 420);
}

QWidget* SettingsDialog::buildDatabaseTab()
{
    auto* w = new QWidget(this);
    auto* form = new QFormLayout(w);
    m_database = new QLineEdit(m_settings.databaseUrl, w);
    m_database->setPlaceholderText(
        tr("sqlite:/path/inventory.sqlite  or  postgresql://user@host:5432/packgrade"));
    form->addRow(tr("Inventory database:"), m_database);
    auto* note = new QLabel(tr("Empty: an SQLite file in the user's data folder. Use PostgreSQL "
                               "when several benches share one inventory."),
        w);
    note->setWordWrap(true);
    form->addRow(note);
    return w;
}

QWidget* SettingsDialog::buildBenchTab()
{
    auto* w = new QWidget(this);
    auto* form = new QFormLayout(w);
    m_site = new QLineEdit(m_settings.siteName, w);
    m_bench = new QLineEdit(m_settings.benchName, w);
    form->addRow(tr("Site name (on certificates):"), m_site);
    form->addRow(tr("Bench name (in session records):"), m_bench);
    m_dark = new QCheckBox(tr("Dark colour theme"), w);
    m_dark->setChecked(m_settings.darkTheme);
    form->addRow(m_dark);
    m_language = new QComboBox(w);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(
        tr("System language (%1)").arg(uiLanguageName(resolveUiLanguage(QString()))), QString());
    for (const QString& code : uiLanguages())
        m_language->addItem(uiLanguageName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings.language)));
    form->addRow(tr("Language:"), m_language);
    auto* languageNote = new QLabel(
        tr("A new language applies when PackGrade is started again (or: packgrade --lang de)."), w);
    languageNote->setWordWrap(true);
    form->addRow(languageNote);
    return w;
}

QWidget* SettingsDialog::buildKeyTab()
{
    auto* w = new QWidget(this);
    auto* form = new QFormLayout(w);
    m_keyDir = new QLineEdit(m_settings.keyDir, w);
    m_keyDir->setPlaceholderText(core::SiteKey::defaultKeyDir());
    form->addRow(tr("Key folder:"), m_keyDir);
    m_fingerprint = new QLabel(tr("(not loaded)"), w);
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setFont(QFont(QStringLiteral("monospace")));
    form->addRow(tr("Fingerprint:"), m_fingerprint);
    auto* row = new QHBoxLayout;
    auto* show = new QPushButton(tr("Show key (create if none)"), w);
    connect(show, &QPushButton::clicked, this, &SettingsDialog::showKey);
    auto* exportButton = new QPushButton(tr("Export public key…"), w);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export public key"), QStringLiteral("site-ed25519.pub"));
        if (!path.isEmpty())
            exportPublicKey(path);
    });
    row->addWidget(show);
    row->addWidget(exportButton);
    form->addRow(row);
    auto* note = new QLabel(tr("Certificates are signed with this Ed25519 key. Give the public key "
                               "to whoever verifies them; the secret never leaves this folder."),
        w);
    note->setWordWrap(true);
    form->addRow(note);
    return w;
}

QWidget* SettingsDialog::buildPolicyTab()
{
    auto* w = new QWidget(this);
    auto* form = new QFormLayout(w);
    m_policy = new QLineEdit(m_settings.policyFile, w);
    m_policy->setPlaceholderText(tr("(built-in policy)"));
    auto* browse = new QPushButton(tr("Browse…"), w);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Grading policy"), {}, tr("Policy (*.json)"));
        if (!path.isEmpty())
            m_policy->setText(path);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(m_policy, 1);
    row->addWidget(browse);
    form->addRow(tr("Policy file:"), row);
    m_policyInfo = new QLabel(w);
    m_policyInfo->setWordWrap(true);
    form->addRow(m_policyInfo);
    auto describe = [this] {
        auto p = m_policy->text().isEmpty() ? core::loadDefaultPolicy()
                                            : core::loadPolicy(m_policy->text());
        m_policyInfo->setText(p ? tr("%1 version %2\nsha256 %3").arg(p->name, p->version, p->sha256)
                                : tr("Cannot use it: %1").arg(p.error().message));
    };
    connect(m_policy, &QLineEdit::editingFinished, this, describe);
    describe();
    return w;
}

QWidget* SettingsDialog::buildUsersTab()
{
    auto* w = new QWidget(this);
    auto* v = new QVBoxLayout(w);
    auto* form = new QFormLayout;
    m_currentUser = new QLineEdit(m_settings.currentUser, w);
    form->addRow(tr("This bench is used by:"), m_currentUser);
    v->addLayout(form);
    m_users = new QTableWidget(0, 2, w);
    m_users->setHorizontalHeaderLabels({ tr("Name"), tr("Role") });
    m_users->horizontalHeader()->setStretchLastSection(true);
    for (const auto& u : m_settings.users)
        addUserRow(u);
    v->addWidget(m_users);
    auto* add = new QPushButton(tr("Add user"), w);
    connect(add, &QPushButton::clicked, this, [this] {
        addUserRow({ QString(), QStringLiteral("technician") });
    });
    auto* remove = new QPushButton(tr("Remove selected"), w);
    connect(
        remove, &QPushButton::clicked, this, [this] { m_users->removeRow(m_users->currentRow()); });
    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    v->addLayout(row);
    const bool supervisor = m_settings.isSupervisor();
    m_users->setEnabled(supervisor);
    add->setEnabled(supervisor);
    remove->setEnabled(supervisor);
    if (!supervisor)
        v->addWidget(new QLabel(tr("Only a supervisor can change users."), w));
    return w;
}

void SettingsDialog::addUserRow(const AppSettings::User& user)
{
    const int row = m_users->rowCount();
    m_users->insertRow(row);
    m_users->setItem(row, 0, new QTableWidgetItem(user.name));
    auto* role = new QComboBox(m_users);
    for (const QString& r : AppSettings::roles())
        role->addItem(AppSettings::roleTitle(r), r);
    role->setCurrentIndex(std::max(0, role->findData(user.role)));
    m_users->setCellWidget(row, 1, role);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_settings;
    s.databaseUrl = m_database->text().trimmed();
    s.siteName = m_site->text().trimmed();
    s.benchName = m_bench->text().trimmed();
    s.keyDir = m_keyDir->text().trimmed();
    s.policyFile = m_policy->text().trimmed();
    s.darkTheme = m_dark->isChecked();
    s.language = m_language->currentData().toString();
    s.currentUser = m_currentUser->text().trimmed();
    s.users.clear();
    for (int r = 0; r < m_users->rowCount(); ++r) {
        const auto* name = m_users->item(r, 0);
        const auto* role = qobject_cast<QComboBox*>(m_users->cellWidget(r, 1));
        s.users.push_back(
            { name ? name->text().trimmed() : QString(), role ? role->currentData().toString() : QString() });
    }
    return s;
}

bool SettingsDialog::showKey()
{
    const QString dir = m_keyDir->text().trimmed().isEmpty() ? core::SiteKey::defaultKeyDir()
                                                             : m_keyDir->text().trimmed();
    auto key = core::SiteKey::loadOrCreate(dir);
    if (!key) {
        m_fingerprint->setText(tr("(not loaded)"));
        showErrorDialog(this, tr("Signing key"),
            tr("%1\n\nChoose a folder only you can read, or fix its permissions (0700).")
                .arg(key.error().message));
        return false;
    }
    m_publicKey = key->publicKey();
    m_fingerprint->setText(key->fingerprint() + (key->created() ? tr("  (new key)") : QString()));
    return true;
}

QString SettingsDialog::keyFingerprint() const
{
    return m_publicKey.isEmpty() ? QString() : core::keyFingerprint(m_publicKey);
}

bool SettingsDialog::exportPublicKey(const QString& path)
{
    if (m_publicKey.isEmpty() && !showKey())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(core::publicKeyFileText(m_publicKey)) < 0) {
        showErrorDialog(
            this, tr("Export public key"), tr("%1: cannot write: %2").arg(path, f.errorString()));
        return false;
    }
    return true;
}

void SettingsDialog::accept()
{
    const AppSettings s = settings();
    if (const QString problem = s.validate(); !problem.isEmpty()) {
        showErrorDialog(this, tr("Settings not saved"),
            problem + tr("\n\nCorrect it, or Cancel to keep the previous settings."));
        return;
    }
    s.save();
    s.applyToCore();
    QDialog::accept();
}

} // namespace pg::app
