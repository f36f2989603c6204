#include "settings_page.h"

#include "app_settings.h"
#include "core/site_key.h"
#include "language.h"
#include "settings_dialog.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pg::app {

SettingsPage::SettingsPage(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    auto* edit = new QPushButton(tr("Edit settings…  [Ctrl+,]"), this);
    edit->setObjectName(QStringLiteral("editSettings"));
    connect(edit, &QPushButton::clicked, this, &SettingsPage::edit);
    layout->addWidget(edit, 0, Qt::AlignLeft);
    layout->addStretch();
    refresh();
}

namespace {
    // The saved choice, and the language this window shows when that differs (until a restart).
    QString languageText(const QString& saved)
    {
        const QString chosen = saved.isEmpty()
            ? SettingsPage::tr("system language (%1)")
                  .arg(uiLanguageName(resolveUiLanguage(QString())))
            : uiLanguageName(saved);
        const QString effective = resolveUiLanguage(saved);
        if (effective.isEmpty() || effective == currentUiLanguage())
            return chosen.toHtmlEscaped();
        return SettingsPage::tr("%1 (shown now: %2)")
            .arg(chosen, uiLanguageName(currentUiLanguage()))
            .toHtmlEscaped();
    }
} // namespace

void SettingsPage::refresh()
{
    const AppSettings s = AppSettings::load();
    auto orDefault = [](const QString& v, const QString& fallback) {
        return (v.isEmpty() ? fallback : v).toHtmlEscaped();
    };
    m_summary->setText(
        tr("<h2>Settings</h2><table cellspacing=6>"
           "<tr><td><b>Inventory database</b></td><td>%1</td></tr>"
           "<tr><td><b>Site</b></td><td>%2</td></tr>"
           "<tr><td><b>Bench</b></td><td>%3</td></tr>"
           "<tr><td><b>Signing key folder</b></td><td>%4</td></tr>"
           "<tr><td><b>Grading policy</b></td><td>%5</td></tr>"
           "<tr><td><b>Colour theme</b></td><td>%6</td></tr>"
           "<tr><td><b>Language</b></td><td>%9</td></tr>"
           "<tr><td><b>User</b></td><td>%7 (%8)</td></tr></table>")
            .arg(orDefault(s.databaseUrl, tr("SQLite file in the user's data folder (default)")),
                orDefault(s.siteName, tr("(not set: certificates need it)")),
                orDefault(s.benchName, tr("(not set)")),
                orDefault(s.keyDir, core::SiteKey::defaultKeyDir()),
                orDefault(s.policyFile, tr("built-in default policy")),
                s.darkTheme ? tr("dark") : tr("light"),
                orDefault(s.currentUser, tr("(nobody signed in)")), AppSettings::roleTitle(s.currentRole()),
                languageText(s.language)));
}

void SettingsPage::edit()
{
    auto* dialog = new SettingsDialog(AppSettings::load(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        refresh();
        Q_EMIT applied();
    });
    dialog->open();
}

} // namespace pg::app
