// packgrade-cli devices: which CAN plugins and adapters this machine offers.
#include "can/qt_bus_transport.h"
#include "can/socketcan_control.h"
#include "cli_common.h"
#include "commands.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSerialPortInfo>

namespace pg::app {

int runDevices(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List CAN plugins, adapters and serial ports (for SLCAN)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOption(json);
    int code = 0;
    if (!parseArgs(p, QStringLiteral("devices"), args, code))
        return code;
    int argc = 1;
    char name[] = "packgrade-cli";
    char* argv[] = { name, nullptr };
    QCoreApplication app(argc, argv);

    QString afCanReason;
    const bool afCan = can::socketcan::available(&afCanReason);
    QJsonArray devices;
    for (const auto& d : can::QtBusTransport::availableDevices())
        devices.append(QJsonObject { { QStringLiteral("device"), d.plugin + QLatin1Char(':') + d.interfaceName },
            { QStringLiteral("description"), d.description } });
    for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts())
        devices.append(QJsonObject { { QStringLiteral("device"), QStringLiteral("slcan:") + port.systemLocation() },
            { QStringLiteral("description"), port.description() } });
    if (p.isSet(json)) {
        printJson(QJsonObject { { QStringLiteral("plugins"), QJsonArray::fromStringList(can::QtBusTransport::availablePlugins()) },
            { QStringLiteral("devices"), devices }, { QStringLiteral("af_can"), afCan },
            { QStringLiteral("af_can_reason"), afCanReason } });
        return 0;
    }
    QString t = QStringLiteral("plugins: %1\n").arg(can::QtBusTransport::availablePlugins().join(QStringLiteral(", ")));
    t += afCan ? QStringLiteral("SocketCAN: available\n") : QStringLiteral("SocketCAN: %1\n").arg(afCanReason);
    for (const auto& d : devices) {
        const QJsonObject o = d.toObject();
        t += QStringLiteral("  %1  %2\n").arg(o[QStringLiteral("device")].toString(), -28).arg(o[QStringLiteral("description")].toString());
    }
    t += QStringLiteral("also: replay:FILE[@speed] plays a recording as if it were an adapter\n");
    printOut(t);
    return 0;
}

} // namespace pg::app
