#pragma once

#include "transport.h"

namespace pg::can {

// An SLCAN (Lawicel ASCII) adapter on a serial port: CANable, CANUSB, many USB-CAN sticks.
// Opens with C, Sn, then L (listen-only) or O. Frames are stamped with the host clock.
class SlcanTransport : public Transport {
    Q_OBJECT
public:
    SlcanTransport(QString portName, TransportOptions options, int serialBaud = 115200,
        QObject* parent = nullptr);

    QString deviceName() const override { return QStringLiteral("slcan:") + m_port; }

protected:
    TransportWorker* createWorker(std::shared_ptr<TransportShared> shared) override;

private:
    QString m_port;
    int m_serialBaud;
};

} // namespace pg::can
