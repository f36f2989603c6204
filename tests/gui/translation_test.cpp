// The German user interface, checked against the translation source itself: the test reads
// app/gui/translations/packgrade_de.ts with its own XML parser (not Qt's translator), then starts
// the real bench window in German (offscreen) and compares what its widgets show with the .ts,
// and with the same window in English: nothing a technician sees may stay English except units
// and proper names.
#include "app/gui/app_settings.h"
#include "app/gui/grade_text.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/run_page.h"
#include "app/gui/settings_dialog.h"
#include "tool_runner.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTest>
#include <QXmlStreamReader>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <qcustomplot.h>
#include <set>

namespace {

// One .ts file as a translator's tool sees it.
struct TsFile {
    struct Entry {
        QString context;
        QString source;
        QStringList translations; // one, or the plural forms
        bool unfinished = false;
        bool numerus = false;
    };
    QString language;
    std::vector<Entry> entries;
    QString error;

    QString tr(const QString& context, const QString& source) const
    {
        for (const Entry& e : entries)
            if (e.context == context && e.source == source && !e.numerus)
                return e.translations.value(0);
        ADD_FAILURE() << "not in the .ts: " << context.toStdString() << " / "
                      << source.toStdString();
        return {};
    }
};

TsFile readTs(const QString& path)
{
    TsFile ts;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ts.error = path + QStringLiteral(": ") + f.errorString();
        return ts;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsFile::Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("TS")) {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                entry = TsFile::Entry { context, {}, {}, false,
                    xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes") };
            } else if (name == QLatin1String("source")) {
                entry.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                entry.unfinished
                    = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                if (!entry.numerus)
                    entry.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                entry.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ts.entries.push_back(entry);
        }
    }
    if (xml.hasError())
        ts.error
            = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QString tsPath(const char* language)
{
    return QStringLiteral(PACKGRADE_SOURCE_DIR "/app/gui/translations/packgrade_%1.ts")
        .arg(QLatin1String(language));
}

// The placeholders of a message (%1, %L2, %n), sorted: a translation must keep every one.
QStringList placeholders(const QString& text)
{
    QStringList found;
    static const QRegularExpression re(QStringLiteral("%L?(\\d+|n)"));
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

// Units, symbols and proper names read the same in German; everything else must not.
bool sameInEveryLanguage(const QString& text)
{
    static const QRegularExpression unitsAndNumbers(
        QStringLiteral("^[\\s\\d.,:;%°+\\-−–—…×·/()\\[\\]|<>=≥≤±]*(V|mV|A|Ah|°C|%|s|h|min|kbit/s|Ω/"
                       "V)?[\\s\\d.,:;%°+\\-−–—…×·/()\\[\\]]*$"));
    static const std::set<QString> names { QStringLiteral("PackGrade"), QStringLiteral("BUS-OFF"),
        QStringLiteral("HPPC"), QStringLiteral("CAN"), QStringLiteral("SoH"), QStringLiteral("BMS"),
        QStringLiteral("ID"), QStringLiteral("Phase"), QStringLiteral("Name"),
        QStringLiteral("Frames"), QStringLiteral("Bytes") };
    return text.trimmed().isEmpty() || unitsAndNumbers.match(text).hasMatch()
        || names.count(text.trimmed()) > 0;
}

// Where a widget sits in the window (object names where set, class and sibling index
// elsewhere), so the English and the German window can be compared widget by widget.
QString pathOf(const QObject* o, const QObject* root)
{
    QStringList parts;
    for (; o && o != root; o = o->parent()) {
        QString part = QLatin1String(o->metaObject()->className());
        if (!o->objectName().isEmpty()) {
            part += QLatin1Char('#') + o->objectName();
        } else if (o->parent()) {
            int index = 0;
            for (const QObject* sibling : o->parent()->children()) {
                if (sibling == o)
                    break;
                if (qstrcmp(sibling->metaObject()->className(), o->metaObject()->className()) == 0)
                    ++index;
            }
            part += QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
        }
        parts.prepend(part);
    }
    return parts.join(QLatin1Char('/'));
}

void collectMenu(
    const QString& path, const QList<QAction*>& actions, std::map<QString, QString>& out)
{
    for (int i = 0; i < actions.size(); ++i) {
        const QAction* a = actions[i];
        if (a->isSeparator())
            continue;
        const QString here = path + QStringLiteral("/action[%1]").arg(i);
        out[here] = a->text();
        if (a->menu())
            collectMenu(here, a->menu()->actions(), out);
    }
}

// Every text a technician sees: visible labels, buttons, group boxes, tabs, list items and plot
// axes, table column titles on each screen, the status bar, and every menu entry.
std::map<QString, QString> visibleTexts(pg::app::MainWindow& window)
{
    std::map<QString, QString> texts;
    texts[QStringLiteral("windowTitle")] = window.windowTitle();
    collectMenu(QStringLiteral("menu"), window.menuBar()->actions(), texts);
    for (int s = 0; s < static_cast<int>(pg::app::MainWindow::Screen::Count); ++s) {
        window.showScreen(static_cast<pg::app::MainWindow::Screen>(s));
        QApplication::processEvents();
        for (QWidget* w : window.findChildren<QWidget*>()) {
            if (!w->isVisible())
                continue;
            const QString at = pathOf(w, &window);
            if (auto* label = qobject_cast<QLabel*>(w)) {
                texts[at] = label->text();
            } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
                texts[at] = button->text();
            } else if (auto* box = qobject_cast<QGroupBox*>(w)) {
                texts[at] = box->title();
            } else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
                for (int i = 0; i < tabs->count(); ++i)
                    texts[at + QStringLiteral("/tab[%1]").arg(i)] = tabs->tabText(i);
            } else if (auto* list = qobject_cast<QListWidget*>(w)) {
                for (int i = 0; i < list->count(); ++i)
                    texts[at + QStringLiteral("/item[%1]").arg(i)] = list->item(i)->text();
            } else if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model()) {
                for (int c = 0; c < view->model()->columnCount(); ++c)
                    texts[at + QStringLiteral("/column[%1]").arg(c)]
                        = view->model()->headerData(c, Qt::Horizontal).toString();
            } else if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
                texts[at + QStringLiteral("/x")] = plot->xAxis->label();
                texts[at + QStringLiteral("/y")] = plot->yAxis->label();
            }
        }
    }
    return texts;
}

class GuiTranslation : public ::testing::Test {
protected:
    void SetUp() override
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings and data folders of tests only
        m_locale = QLocale();
        m_de = readTs(tsPath("de"));
        ASSERT_TRUE(m_de.error.isEmpty()) << m_de.error.toStdString();
    }
    void TearDown() override
    {
        // Back to English and the locale the other tests run in.
        pg::app::installUiLanguage(QStringLiteral("en"));
        QLocale::setDefault(m_locale);
        QStandardPaths::setTestModeEnabled(false);
    }
    static std::unique_ptr<pg::app::MainWindow> startWindow()
    {
        auto window = std::make_unique<pg::app::MainWindow>();
        window->resize(1360, 850);
        window->show();
        QTest::qWait(200); // the Inventory and Result screens fill themselves
        return window;
    }

    QLocale m_locale;
    TsFile m_de;
};

} // namespace

TEST_F(GuiTranslation, GermanTsIsCompleteAndIsWhatTheBuildLoads)
{
    EXPECT_EQ(m_de.language, QStringLiteral("de_DE"));
    const TsFile en = readTs(tsPath("en"));
    ASSERT_TRUE(en.error.isEmpty()) << en.error.toStdString();
    // Both files refreshed from the same sources.
    std::set<std::pair<QString, QString>> enKeys, deKeys;
    for (const auto& e : en.entries)
        enKeys.emplace(e.context, e.source);
    for (const auto& e : m_de.entries)
        deKeys.emplace(e.context, e.source);
    EXPECT_EQ(enKeys, deKeys) << "run scripts/update_translations.sh";
    ASSERT_GT(m_de.entries.size(), 300U);

    ASSERT_TRUE(pg::app::installUiLanguage(QStringLiteral("de")));
    for (const auto& e : m_de.entries) {
        const std::string where = e.context.toStdString() + " / " + e.source.toStdString();
        EXPECT_FALSE(e.unfinished) << where;
        ASSERT_EQ(e.translations.size(), e.numerus ? 2 : 1) << where; // German: one, many
        for (const QString& t : e.translations) {
            EXPECT_FALSE(t.trimmed().isEmpty() && !e.source.trimmed().isEmpty()) << where;
            EXPECT_EQ(placeholders(t), placeholders(e.source))
                << where << " -> " << t.toStdString();
            // Accelerators: one '&' at most, as in the source.
            EXPECT_EQ(
                t.count(QRegularExpression(QStringLiteral("&(?!amp;|lt;|gt;|quot;|apos;)"))) > 0,
                e.source.count(QRegularExpression(QStringLiteral("&(?!amp;|lt;|gt;|quot;|apos;)")))
                    > 0)
                << where;
        }
        // The compiled catalogue inside the program says the same as the .ts.
        const QByteArray context = e.context.toUtf8();
        const QByteArray source = e.source.toUtf8();
        if (e.numerus) {
            EXPECT_EQ(
                QCoreApplication::translate(context.constData(), source.constData(), nullptr, 1),
                QString(e.translations[0]).replace(QStringLiteral("%n"), QStringLiteral("1")))
                << where;
            EXPECT_EQ(
                QCoreApplication::translate(context.constData(), source.constData(), nullptr, 3),
                QString(e.translations[1]).replace(QStringLiteral("%n"), QStringLiteral("3")))
                << where;
        } else {
            EXPECT_EQ(QCoreApplication::translate(context.constData(), source.constData()),
                e.translations[0])
                << where;
        }
    }
}

TEST_F(GuiTranslation, MainWindowInGermanShowsTheTranslations)
{
    ASSERT_TRUE(pg::app::installUiLanguage(QStringLiteral("de")));
    EXPECT_EQ(QLocale().language(), QLocale::German);
    auto window = startWindow();

    auto expectGerman = [](const QString& shown, const QString& german, const char* source) {
        EXPECT_NE(german, QLatin1String(source)) << "the .ts leaves " << source << " English";
        EXPECT_EQ(shown, german) << source;
    };
    expectGerman(window->windowTitle(),
        m_de.tr(QStringLiteral("pg::app::MainWindow"), QStringLiteral("PackGrade bench")),
        "PackGrade bench");
    expectGerman(window->menuBar()->actions().value(0)->text(),
        m_de.tr(QStringLiteral("pg::app::MainWindow"), QStringLiteral("&File")), "&File");
    expectGerman(window->runPage()->abortButton()->text(),
        m_de.tr(QStringLiteral("pg::app::RunPage"), QStringLiteral("ABORT — load off  [Esc]")),
        "ABORT — load off  [Esc]");
    auto* connect = window->findChild<QAbstractButton*>(QStringLiteral("connectBus"));
    ASSERT_NE(connect, nullptr);
    expectGerman(connect->text(),
        m_de.tr(
            QStringLiteral("pg::app::BenchPage"), QStringLiteral("Connect (listen-only)  [F5]")),
        "Connect (listen-only)  [F5]");
    auto* edit = window->findChild<QAbstractButton*>(QStringLiteral("editSettings"));
    ASSERT_NE(edit, nullptr);
    expectGerman(edit->text(),
        m_de.tr(
            QStringLiteral("pg::app::SettingsPage"), QStringLiteral("Edit settings…  [Ctrl+,]")),
        "Edit settings…  [Ctrl+,]");
    auto* nav = window->findChild<QListWidget*>(QStringLiteral("navigation"));
    ASSERT_NE(nav, nullptr);
    const QString bench
        = m_de.tr(QStringLiteral("pg::app::MainWindow"), QStringLiteral("Test run"));
    EXPECT_TRUE(nav->item(2)->text().endsWith(bench)) << nav->item(2)->text().toStdString();
    // The status bar, and texts made outside widgets (the grade names of the Result screen).
    bool statusFound = false;
    for (const QLabel* l : window->statusBar()->findChildren<QLabel*>())
        statusFound |= l->text()
                == m_de.tr(
                    QStringLiteral("pg::app::BenchController"), QStringLiteral("Not connected"))
            || l->text()
                == m_de.tr(QStringLiteral("pg::app::MainWindow"), QStringLiteral("Not connected"));
    EXPECT_TRUE(statusFound);
    expectGerman(pg::app::gradeTitle(QStringLiteral("retest")),
        m_de.tr(QStringLiteral("GradeText"), QStringLiteral("RETEST")), "RETEST");
    expectGerman(pg::app::RunPage::outcomeTitle(QStringLiteral("aborted")),
        m_de.tr(QStringLiteral("pg::app::RunPage"), QStringLiteral("aborted")), "aborted");

    // Texts core writes in English and the run screen shows in German: procedure phases (with
    // numbers in German) and the run log's phase and step lines; unknown phases stay as they are.
    const QString runPage = QStringLiteral("pg::app::RunPage");
    EXPECT_EQ(pg::app::RunPage::phaseTitle(QStringLiteral("level 3: discharge pulse")),
        m_de.tr(runPage, QStringLiteral("level %1: %2"))
            .arg(QStringLiteral("3"), m_de.tr(runPage, QStringLiteral("discharge pulse"))));
    EXPECT_EQ(
        pg::app::RunPage::phaseTitle(QStringLiteral("CC-CV charge to full (taper at 0.250 A)")),
        m_de.tr(runPage, QStringLiteral("CC-CV charge to full (taper at %1 A)"))
            .arg(QStringLiteral("0,250")));
    EXPECT_EQ(pg::app::RunPage::eventTitle(QStringLiteral("[hppc] phase: rest")),
        QStringLiteral("[hppc] ")
            + m_de.tr(runPage, QStringLiteral("phase: %1"))
                  .arg(m_de.tr(runPage, QStringLiteral("rest"))));
    EXPECT_EQ(pg::app::RunPage::eventTitle(QStringLiteral("step 2: capacity")),
        m_de.tr(runPage, QStringLiteral("step %1: %2"))
            .arg(QStringLiteral("2"), QStringLiteral("capacity")));
    EXPECT_EQ(pg::app::RunPage::phaseTitle(QStringLiteral("a phase core adds later")),
        QStringLiteral("a phase core adds later"));

    // Numbers in German: the safety limits say "2,50–4,20 V", never "2.50".
    auto* limits = window->findChild<QLabel*>(QStringLiteral("safetyLimits"));
    ASSERT_NE(limits, nullptr);
    EXPECT_TRUE(
        limits->text().contains(QRegularExpression(QStringLiteral("\\d,\\d\\d–\\d,\\d\\d V"))))
        << limits->text().toStdString();
    EXPECT_FALSE(limits->text().contains(QRegularExpression(QStringLiteral("\\d\\.\\d"))))
        << limits->text().toStdString();
}

TEST_F(GuiTranslation, NothingVisibleStaysEnglishInGerman)
{
    std::map<QString, QString> english;
    {
        ASSERT_TRUE(pg::app::installUiLanguage(QStringLiteral("en")));
        auto window = startWindow();
        english = visibleTexts(*window);
    }
    ASSERT_TRUE(pg::app::installUiLanguage(QStringLiteral("de")));
    std::map<QString, QString> german;
    {
        auto window = startWindow();
        german = visibleTexts(*window);
    }
    std::set<QString> englishSources;
    for (const auto& e : m_de.entries)
        englishSources.insert(e.source);

    int compared = 0;
    QStringList stillEnglish;
    for (const auto& [where, text] : german) {
        if (sameInEveryLanguage(text))
            continue;
        if (englishSources.count(text) && !m_de.entries.empty()) {
            bool alsoGerman = false; // a source whose translation is the same word
            for (const auto& e : m_de.entries)
                alsoGerman |= e.source == text && e.translations.contains(text);
            if (!alsoGerman)
                stillEnglish << where + QStringLiteral(": ") + text;
        }
        const auto en = english.find(where);
        if (en == english.end())
            continue;
        ++compared;
        if (en->second == text)
            stillEnglish << where + QStringLiteral(" (same in both): ") + text;
    }
    EXPECT_TRUE(stillEnglish.isEmpty()) << stillEnglish.join(QLatin1Char('\n')).toStdString();
    // The window really was compared: every screen's labels, buttons, menus and plots.
    EXPECT_GT(compared, 80) << "texts compared";
}

TEST_F(GuiTranslation, LanguageIsASettingAndACommandLineChoice)
{
    // Saved with the other settings, chosen in the Settings dialog.
    pg::app::AppSettings saved = pg::app::AppSettings::load();
    const QString before = saved.language;
    pg::app::SettingsDialog dialog(saved);
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("language"));
    ASSERT_NE(combo, nullptr);
    ASSERT_GE(combo->findData(QStringLiteral("de")), 0);
    EXPECT_EQ(combo->itemText(combo->findData(QStringLiteral("de"))), QStringLiteral("Deutsch"));
    EXPECT_GE(combo->findData(QString()), 0); // "System language (…)"
    combo->setCurrentIndex(combo->findData(QStringLiteral("de")));
    pg::app::AppSettings chosen = dialog.settings();
    EXPECT_EQ(chosen.language, QStringLiteral("de"));
    chosen.save();
    EXPECT_EQ(pg::app::AppSettings::load().language, QStringLiteral("de"));
    saved.language = before;
    saved.save();
    // A code PackGrade has no translation for is refused, naming the setting.
    pg::app::AppSettings bad;
    bad.language = QStringLiteral("xx");
    EXPECT_TRUE(bad.validate().contains(QLatin1String("\"xx\""))) << bad.validate().toStdString();
    EXPECT_TRUE(pg::app::resolveUiLanguage(QStringLiteral("xx")).isEmpty());
    EXPECT_TRUE(pg::app::uiLanguages().contains(pg::app::resolveUiLanguage(QString())));

    // The window's --lang option: a wrong code is an error that says what is expected.
    const QString gui = QStringLiteral(PACKGRADE_BIN_DIR "/gui/packgrade");
    if (!QFile::exists(gui))
        GTEST_SKIP() << gui.toStdString() << " not built (cmake --build build --target packgrade)";
    const pg::test::ToolResult r
        = pg::test::runTool(gui, { QStringLiteral("--lang"), QStringLiteral("xx") });
    ASSERT_TRUE(r.started);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains("--lang xx: expected one of en, de or system"))
        << r.err.toStdString();
}
