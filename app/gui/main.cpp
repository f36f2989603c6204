// packgrade: the bench GUI.
#include "app_settings.h"
#include "bench_controller.h"
#include "bench_page.h"
#include "error_dialog.h"
#include "grading_screens.h"
#include "inventory_page_model.h"
#include "inventory_view.h"
#include "language.h"
#include "main_window.h"
#include "pack_detail_view.h"
#include "packgrade_version.h"
#include "run_page.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QTimer>
#include <cstdio>

namespace {

struct Options {
    QCommandLineOption device { QStringLiteral("device"),
        QStringLiteral("Connect to DEVICE on start."), QStringLiteral("DEVICE") };
    QCommandLineOption bitrate { QStringLiteral("bitrate"), QStringLiteral("Bitrate in bit/s."),
        QStringLiteral("N"), QStringLiteral("500000") };
    QCommandLineOption simulate { QStringLiteral("simulate"),
        QStringLiteral("Start connected to a simulated pack and bench (resources/sim/*.json, or "
                       ":/sim/NAME.json)."),
        QStringLiteral("SPEC") };
    QCommandLineOption speed { QStringLiteral("speed"),
        QStringLiteral("Simulated seconds per real second."), QStringLiteral("X"),
        QStringLiteral("1") };
    QCommandLineOption profile { QStringLiteral("profile"),
        QStringLiteral("Decode the bus with this pack profile."), QStringLiteral("P") };
    QCommandLineOption run { QStringLiteral("run"),
        QStringLiteral("Start this plan once connected (quick, standard, full, capacity, hppc)."),
        QStringLiteral("PLAN") };
    QCommandLineOption screen { QStringLiteral("screen"),
        QStringLiteral("Screen to show: bench, live, run, result, inventory, frames, settings."),
        QStringLiteral("NAME") };
    QCommandLineOption screenshot { QStringLiteral("screenshot"),
        QStringLiteral(
            "Save a picture of the window to FILE after --after ms, then quit (for docs)."),
        QStringLiteral("FILE") };
    QCommandLineOption after { QStringLiteral("after"),
        QStringLiteral("Delay for --screenshot in ms."), QStringLiteral("MS"),
        QStringLiteral("3000") };
    QCommandLineOption afterGrade { QStringLiteral("after-grade"),
        QStringLiteral("When a run is graded, show this screen instead of the result (inventory: "
                       "with the pack's detail and certificate)."),
        QStringLiteral("NAME") };
    QCommandLineOption dialog { QStringLiteral("dialog"),
        QStringLiteral("Open a dialog on start: export or wizard (a screenshot shows it)."),
        QStringLiteral("NAME") };
    QCommandLineOption dark { QStringLiteral("dark"),
        QStringLiteral("Use the dark colour theme for this run.") };
    QCommandLineOption lang { QStringLiteral("lang"),
        QStringLiteral("User interface language for this run: en, de or system (default: the "
                       "one chosen in Settings, else the system's)."),
        QStringLiteral("CODE") };
    QCommandLineOption size { QStringLiteral("size"),
        QStringLiteral("Window size WxH (screenshots)."), QStringLiteral("WxH") };
};

void startFromOptions(pg::app::MainWindow& window, const QCommandLineParser& p, const Options& o)
{
    if (p.isSet(o.simulate)) {
        window.benchPage()->selectSimulator(p.value(o.simulate), p.value(o.speed).toDouble());
        if (auto ok
            = window.bench().startSimulator(p.value(o.simulate), p.value(o.speed).toDouble());
            !ok)
            pg::app::showErrorDialog(
                &window, QObject::tr("Cannot start the simulator"), ok.error());
    }
    if (p.isSet(o.device))
        window.connectTo(p.value(o.device), p.value(o.bitrate).toInt());
    if (p.isSet(o.profile)) {
        if (auto ok = window.bench().setProfile(p.value(o.profile)); !ok)
            pg::app::showErrorDialog(&window, QObject::tr("Cannot use this profile"), ok.error());
    }
    if (p.isSet(o.screen) && !window.showScreenByKey(p.value(o.screen)))
        std::fprintf(stderr,
            "packgrade: --screen %s: expected one of bench, live, run, result, inventory, frames, "
            "settings\n",
            qPrintable(p.value(o.screen)));
    if (p.isSet(o.afterGrade)) {
        const QString key = p.value(o.afterGrade);
        QObject::connect(
            &window.grading(), &pg::app::GradingScreens::resultShown, &window, [&window, key] {
                window.showScreenByKey(key);
                pg::app::InventoryView* inventory = window.grading().inventoryView();
                if (key == QLatin1String("inventory") && inventory)
                    inventory->openFirstWithCertificate();
            });
    }
    if (p.value(o.dialog) == QLatin1String("export"))
        window.grading().openExportDialog();
    else if (p.value(o.dialog) == QLatin1String("wizard"))
        window.grading().openProfileWizard();
    if (p.isSet(o.run)) {
        window.runPage()->selectPlan(p.value(o.run));
        QTimer::singleShot(500, window.runPage(), &pg::app::RunPage::start);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PackGrade"));
    QApplication::setApplicationName(QStringLiteral("PackGrade"));
    QApplication::setApplicationVersion(QLatin1String(pg::kVersion));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("PackGrade bench workstation"));
    p.addHelpOption();
    p.addVersionOption();
    const Options o;
    p.addOptions({ o.device, o.bitrate, o.simulate, o.speed, o.profile, o.run, o.screen,
        o.screenshot, o.after, o.dark, o.size, o.afterGrade, o.dialog, o.lang });
    p.process(app);
    // The language before any widget exists (widgets are not retranslated while they live).
    const QString requested
        = p.isSet(o.lang) ? p.value(o.lang) : pg::app::AppSettings::load().language;
    QString language = pg::app::resolveUiLanguage(requested);
    if (language.isEmpty() && !p.isSet(o.lang)) // a stale setting: the system's language
        language = pg::app::resolveUiLanguage(QString());
    if (language.isEmpty()) {
        std::fprintf(stderr, "packgrade: --lang %s: expected one of %s or system\n",
            qPrintable(requested), qPrintable(pg::app::uiLanguages().join(QStringLiteral(", "))));
        return 2;
    }
    if (!pg::app::installUiLanguage(language) && language != QLatin1String("en"))
        std::fprintf(stderr, "packgrade: the %s translation is missing from this build; English\n",
            qPrintable(language));
    pg::app::applyTheme(p.isSet(o.dark) || pg::app::AppSettings::load().darkTheme);
    pg::app::MainWindow window;
    if (p.isSet(o.size)) {
        const QStringList wh = p.value(o.size).split(QLatin1Char('x'));
        window.resize(wh.value(0).toInt(), wh.value(1).toInt());
    }
    window.show();
    startFromOptions(window, p, o);
    if (!p.isSet(o.screenshot))
        window.offerToCloseInterruptedSessions(); // sessions a crash left "running"
    if (p.isSet(o.screenshot)) {
        QTimer::singleShot(p.value(o.after).toInt(), &window, [&] {
            QWidget* shown = &window;
            if (p.isSet(o.dialog)) // the dialog opened with --dialog, not the window under it
                if (auto* d = window.findChild<QDialog*>(); d && d->isVisible())
                    shown = d;
            const bool saved = shown->grab().save(p.value(o.screenshot));
            if (!saved)
                std::fprintf(stderr, "packgrade: %s: cannot write the screenshot\n",
                    qPrintable(p.value(o.screenshot)));
            window.bench().abortRun();
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
