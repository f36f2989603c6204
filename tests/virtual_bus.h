#pragma once

#include <QCanBus>
#include <QCanBusDevice>
#include <QString>
#include <QTcpServer>

namespace pg::test {

// Qt's virtualcan plugin starts one bus server per process, on the port of the first device
// connected, and that server lives on the connecting thread. A Transport connects its device on
// its own worker thread, so a server started by a Transport dies with it: devices opened later
// still "connect" but nothing is relayed. The first call here therefore connects a device that
// lives on the main (test) thread for the whole run, so the server is served by the main thread's
// event loop (waitForFrames, QSignalSpy::wait, UdsSession::requestAndWait all run it), and every
// test of this process uses that same port.
inline int virtualBusPort()
{
    static const int port = [] {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        const int p = static_cast<int>(s.serverPort());
        s.close();
        QCanBusDevice* keeper = QCanBus::instance()->createDevice(
            QStringLiteral("virtualcan"), QStringLiteral("tcp://127.0.0.1:%1/can0").arg(p));
        if (keeper)
            keeper->connectDevice(); // deliberately never deleted: the bus outlives every test
        return p;
    }();
    return port;
}

inline QString virtualBus(int port = virtualBusPort())
{
    return QStringLiteral("virtualcan:tcp://127.0.0.1:%1/can0").arg(port);
}

// The shared bus as a device spec (the profile tests' name for it).
inline QString sharedVirtualBus() { return virtualBus(); }

} // namespace pg::test
