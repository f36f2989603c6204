#pragma once

#include "can/transport_factory.h"

#include <QString>
#include <QTcpServer>

namespace pg::test {

// Qt's virtualcan plugin runs ONE bus server per process, on the port of the first device created,
// and the server lives on that device's thread: when that transport closes, its thread ends and
// the bus goes quiet for every later device. So every test of the process uses this one bus, and a
// keeper device, opened on first use and deliberately never closed, keeps the server's thread
// alive.
inline QString sharedVirtualBus()
{
    static const QString spec = [] {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        const QString bus
            = QStringLiteral("virtualcan:tcp://127.0.0.1:%1/can0").arg(s.serverPort());
        s.close();
        auto keeper = can::createTransport(bus, can::TransportOptions {});
        if (keeper) {
            (*keeper)->open();
            (*keeper)->waitOpened(5000);
            (void)keeper->release(); // lives until the process ends
        }
        return bus;
    }();
    return spec;
}

} // namespace pg::test
