#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace pg::app {

namespace {
    QPointer<QTranslator> g_ours;
    QPointer<QTranslator> g_qt;
    QString g_current = QStringLiteral("en");

    void removeTranslator(QPointer<QTranslator>& t)
    {
        if (!t)
            return;
        QCoreApplication::removeTranslator(t);
        delete t;
    }
} // namespace

QStringList uiLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("de") };
}

QString uiLanguageName(const QString& code)
{
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString resolveUiLanguage(const QString& requested)
{
    if (requested.isEmpty() || requested == QLatin1String("system")) {
        for (const QString& ui : QLocale::system().uiLanguages()) {
            const QString code = ui.section(QLatin1Char('-'), 0, 0).toLower();
            if (uiLanguages().contains(code))
                return code;
        }
        return QStringLiteral("en");
    }
    return uiLanguages().contains(requested) ? requested : QString();
}

bool installUiLanguage(const QString& code)
{
    removeTranslator(g_ours);
    removeTranslator(g_qt);
    // The system's own locale when it speaks this language (de_AT keeps its conventions),
    // otherwise the language's main one.
    const QLocale system = QLocale::system();
    const QLocale locale = QLocale::languageToCode(system.language()) == code
        ? system
        : QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code);
    QLocale::setDefault(locale);
    g_current = code;
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else {
        delete qt;
    }
    auto* ours = new QTranslator(QCoreApplication::instance());
    if (!ours->load(QStringLiteral(":/i18n/packgrade_%1.qm").arg(code))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    g_ours = ours;
    return true;
}

QString currentUiLanguage()
{
    return g_current;
}

QString localNumber(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace pg::app
