#pragma once

#include "transport.h"

#include <QStringList>

namespace pg::can {

// A CAN adapter driven through a Qt SerialBus plugin: socketcan, virtualcan, peakcan,
// passthrucan, ... as installed. For socketcan the bitrate, listen-only mode and bus-off restart
// go through libsocketcan as well, since Qt 6.4's plugin re-applies its own bitrate on connect.
class QtBusTransport : public Transport {
    Q_OBJECT
public:
    QtBusTransport(QString plugin, QString interfaceName, TransportOptions options,
        QObject* parent = nullptr);

    QString deviceName() const override;
    const QString& plugin() const { return m_plugin; }
    const QString& interfaceName() const { return m_interface; }

    // Plugins Qt found on this machine.
    static QStringList availablePlugins();
    // "plugin:interface" for every device the plugins report, with a description.
    struct DeviceInfo {
        QString plugin;
        QString interfaceName;
        QString description;
    };
    static QList<DeviceInfo> availableDevices();

protected:
    TransportWorker* createWorker(std::shared_ptr<TransportShared> shared) override;

private:
    QString m_plugin;
    QString m_interface;
};

} // namespace pg::can
