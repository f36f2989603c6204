#pragma once

#include <QString>
#include <QStringList>

namespace pg::app {

// The user interface languages: English (the source strings) and the translations compiled from
// app/gui/translations/packgrade_<code>.ts into :/i18n/packgrade_<code>.qm.
QStringList uiLanguages(); // "en", "de"
// "English", "Deutsch": each language named in itself, as a language menu shows it.
QString uiLanguageName(const QString& code);
// The language to use for `requested`: a code of uiLanguages(), or "" / "system" for the first
// of the system's UI languages that PackGrade has (English when none). Empty for an unknown code.
QString resolveUiLanguage(const QString& requested);
// Installs the translators (PackGrade's and Qt's own dialogs) for a code of uiLanguages() and
// makes QLocale() format numbers and dates for that language, replacing what an earlier call
// installed. Must run before the widgets are built (they are not retranslated). Returns false
// when the translation cannot be loaded (the English source strings stay).
bool installUiLanguage(const QString& code);
// The language installUiLanguage() installed ("en" before any call).
QString currentUiLanguage();

// A number for display in the current locale (decimal comma in German, group separators).
QString localNumber(double value, int decimals);

} // namespace pg::app
