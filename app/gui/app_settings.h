#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace pg::app {

// The workstation's settings, kept with QSettings and applied to core when saved. The other
// screens (inventory, grading, certificates) read them from here.
struct AppSettings {
    struct User {
        QString name;
        QString role; // "technician", "grader", "supervisor"
    };

    QString
        databaseUrl; // "sqlite:PATH" or "postgresql://user@host:port/db"; empty = core's default
    QString siteName;
    QString benchName;
    QString keyDir; // the site's signing key folder; empty = core's default
    QString policyFile; // empty = the built-in policy
    bool darkTheme = false;
    QString language; // "en", "de"; empty = the system's language (English if we lack it)
    QString currentUser;
    std::vector<User> users;

    static AppSettings load();
    void save() const;
    // The role of the current user; with no users yet, the first one to open the settings sets
    // the bench up as supervisor.
    QString currentRole() const;
    bool isSupervisor() const { return currentRole() == QLatin1String("supervisor"); }
    // Checks the values core will use, naming the setting and what is expected; empty when fine.
    QString validate() const;
    // Makes core use these settings (the key folder through PACKGRADE_KEY_DIR).
    void applyToCore() const;

    static QStringList roles();
    // A role as the user interface shows it (translated); the stored value stays English.
    static QString roleTitle(const QString& role);
};

} // namespace pg::app
