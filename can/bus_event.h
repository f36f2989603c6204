#pragma once

#include "can_frame.h"

#include <QMetaType>
#include <QString>
#include <cstdint>

namespace pg::can {

// Something the bus or the adapter reported, typed so that procedures can react to it (a bus-off
// during a test is a safety stop, not a log line).
struct BusEvent {
    enum class Kind {
        Connected,
        Disconnected, // adapter unplugged, device closed by the OS, peer gone
        DeviceError, // the device reported an error (read, write, configuration)
        ErrorWarning, // error counters >= 96
        ErrorPassive, // error counters > 127
        ErrorActive, // back to normal
        BusOff,
        Restarted, // controller restarted after bus-off
        ControllerOverflow, // the adapter's own RX/TX buffer overflowed
        QueueOverflow, // PackGrade's queue was full: frames lost, with the count
        ProtocolError, // stuff, form, CRC, ACK errors seen in error frames
        ArbitrationLost,
        TxTimeout,
        Malformed, // an adapter sent text or data that could not be read (SLCAN)
    };

    Kind kind = Kind::DeviceError;
    std::int64_t timeUs = 0;
    QString device; // "virtualcan:can0", "slcan:/dev/ttyACM0", a log path ...
    QString message;
    int txErrors = -1; // error counters when known
    int rxErrors = -1;
    std::uint64_t count = 0; // e.g. frames lost for QueueOverflow
};

const char* busEventKindName(BusEvent::Kind kind);

// Decodes a SocketCAN-layout error frame (as socketcan delivers it and candump records it) into
// zero or more events, appended to `out`. Returns the number appended.
int decodeErrorFrame(const CanFrame& frame, const QString& device, QList<BusEvent>& out);

} // namespace pg::can

Q_DECLARE_METATYPE(pg::can::BusEvent)
