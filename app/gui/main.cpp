// packgrade: the bench GUI.
#include "main_window.h"
#include "packgrade_version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

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
    const QCommandLineOption device(QStringLiteral("device"), QStringLiteral("Connect to DEVICE on start."),
        QStringLiteral("DEVICE"));
    const QCommandLineOption bitrate(QStringLiteral("bitrate"), QStringLiteral("Bitrate in bit/s."), QStringLiteral("N"),
        QStringLiteral("500000"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to FILE after --after ms, then quit (for docs)."),
        QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("Delay for --screenshot in ms."),
        QStringLiteral("MS"), QStringLiteral("3000"));
    p.addOptions({ device, bitrate, screenshot, after });
    p.process(app);
    pg::app::MainWindow window;
    window.show();
    if (p.isSet(device))
        window.connectTo(p.value(device), p.value(bitrate).toInt());
    if (p.isSet(screenshot)) {
        QTimer::singleShot(p.value(after).toInt(), &window, [&] {
            const bool saved = window.grab().save(p.value(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
