#include "app_settings.h"

#include "core/grading_policy.h"
#include "language.h"

#include <QCoreApplication>
#include <QSettings>

namespace pg::app {

namespace {
    const QString kDb = QStringLiteral("core/database_url");
    const QString kSite = QStringLiteral("bench/site_name");
    const QString kBench = QStringLiteral("bench/bench_name");
    const QString kKeyDir = QStringLiteral("core/key_dir");
    const QString kPolicy = QStringLiteral("core/policy_file");
    const QString kDark = QStringLiteral("ui/dark_theme");
    const QString kLanguage = QStringLiteral("ui/language");
    const QString kCurrentUser = QStringLiteral("users/current");
    const QString kUsers = QStringLiteral("users/list");
} // namespace

QStringList AppSettings::roles()
{
    return { QStringLiteral("technician"), QStringLiteral("grader"), QStringLiteral("supervisor") };
}

QString AppSettings::roleTitle(const QString& role)
{
    if (role == QLatin1String("technician"))
        return QCoreApplication::translate("AppSettings", "technician");
    if (role == QLatin1String("grader"))
        return QCoreApplication::translate("AppSettings", "grader");
    if (role == QLatin1String("supervisor"))
        return QCoreApplication::translate("AppSettings", "supervisor");
    return role;
}

AppSettings AppSettings::load()
{
    QSettings s;
    AppSettings a;
    a.databaseUrl = s.value(kDb).toString();
    a.siteName = s.value(kSite).toString();
    a.benchName = s.value(kBench).toString();
    a.keyDir = s.value(kKeyDir).toString();
    a.policyFile = s.value(kPolicy).toString();
    a.darkTheme = s.value(kDark, false).toBool();
    a.language = s.value(kLanguage).toString();
    a.currentUser = s.value(kCurrentUser).toString();
    const int n = s.beginReadArray(kUsers);
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        a.users.push_back(User { s.value(QStringLiteral("name")).toString(),
            s.value(QStringLiteral("role")).toString() });
    }
    s.endArray();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(kDb, databaseUrl);
    s.setValue(kSite, siteName);
    s.setValue(kBench, benchName);
    s.setValue(kKeyDir, keyDir);
    s.setValue(kPolicy, policyFile);
    s.setValue(kDark, darkTheme);
    s.setValue(kLanguage, language);
    s.setValue(kCurrentUser, currentUser);
    s.beginWriteArray(kUsers, static_cast<int>(users.size()));
    for (int i = 0; i < static_cast<int>(users.size()); ++i) {
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("name"), users[static_cast<std::size_t>(i)].name);
        s.setValue(QStringLiteral("role"), users[static_cast<std::size_t>(i)].role);
    }
    s.endArray();
}

QString AppSettings::currentRole() const
{
    if (users.empty())
        return QStringLiteral("supervisor");
    for (const User& u : users)
        if (u.name == currentUser)
            return u.role;
    return QStringLiteral("technician");
}

QString AppSettings::validate() const
{
    if (!databaseUrl.isEmpty() && !databaseUrl.startsWith(QLatin1String("sqlite:"))
        && !databaseUrl.startsWith(QLatin1String("postgresql://")))
        return QCoreApplication::translate("AppSettings",
            "Database: \"%1\" is neither sqlite:PATH nor postgresql://user@host:port/db.")
            .arg(databaseUrl);
    if (!policyFile.isEmpty()) {
        if (auto p = core::loadPolicy(policyFile); !p)
            return QCoreApplication::translate("AppSettings", "Policy file: %1")
                .arg(p.error().message);
    }
    for (const User& u : users) {
        if (u.name.trimmed().isEmpty() || !roles().contains(u.role)) {
            QStringList titles;
            for (const QString& r : roles())
                titles << roleTitle(r);
            return QCoreApplication::translate(
                "AppSettings", "Users: every user needs a name and one of the roles %1.")
                .arg(titles.join(QStringLiteral(", ")));
        }
    }
    if (!language.isEmpty() && resolveUiLanguage(language).isEmpty())
        return QCoreApplication::translate("AppSettings", "Language: \"%1\" is not one of %2.")
            .arg(language, uiLanguages().join(QStringLiteral(", ")));
    return {};
}

void AppSettings::applyToCore() const
{
    if (!keyDir.isEmpty()) // otherwise core's default (or the caller's environment) stays
        qputenv("PACKGRADE_KEY_DIR", keyDir.toLocal8Bit());
}

} // namespace pg::app
