// packgrade: the bench GUI.
#include "main_window.h"
#include "packgrade_version.h"

#include <QApplication>
#include <QCommandLineParser>

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
    p.addOptions({ device, bitrate });
    p.process(app);
    pg::app::MainWindow window;
    window.show();
    if (p.isSet(device))
        window.connectTo(p.value(device), p.value(bitrate).toInt());
    return app.exec();
}
