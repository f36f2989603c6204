#include "bus_event.h"

#include <QList>

namespace pg::can {

namespace {
// linux/can/error.h class bits and data[1] controller bits.
constexpr std::uint32_t kErrTxTimeout = 0x001;
constexpr std::uint32_t kErrLostArb = 0x002;
constexpr std::uint32_t kErrCrtl = 0x004;
constexpr std::uint32_t kErrProt = 0x008;
constexpr std::uint32_t kErrAck = 0x020;
constexpr std::uint32_t kErrBusOff = 0x040;
constexpr std::uint32_t kErrRestarted = 0x100;
constexpr std::uint32_t kErrCnt = 0x200;
constexpr std::uint8_t kCrtlRxOverflow = 0x01;
constexpr std::uint8_t kCrtlTxOverflow = 0x02;
constexpr std::uint8_t kCrtlWarning = 0x04 | 0x08;
constexpr std::uint8_t kCrtlPassive = 0x10 | 0x20;
constexpr std::uint8_t kCrtlActive = 0x40;
} // namespace

const char* busEventKindName(BusEvent::Kind kind)
{
    using K = BusEvent::Kind;
    switch (kind) {
    case K::Connected:
        return "connected";
    case K::Disconnected:
        return "disconnected";
    case K::DeviceError:
        return "device-error";
    case K::ErrorWarning:
        return "error-warning";
    case K::ErrorPassive:
        return "error-passive";
    case K::ErrorActive:
        return "error-active";
    case K::BusOff:
        return "bus-off";
    case K::Restarted:
        return "restarted";
    case K::ControllerOverflow:
        return "controller-overflow";
    case K::QueueOverflow:
        return "queue-overflow";
    case K::ProtocolError:
        return "protocol-error";
    case K::ArbitrationLost:
        return "arbitration-lost";
    case K::TxTimeout:
        return "tx-timeout";
    case K::Malformed:
        return "malformed";
    }
    return "unknown";
}

int decodeErrorFrame(const CanFrame& frame, const QString& device, QList<BusEvent>& out)
{
    const qsizetype before = out.size();
    const std::uint32_t cls = frame.id;
    auto add = [&](BusEvent::Kind kind, const QString& message) {
        BusEvent e;
        e.kind = kind;
        e.timeUs = frame.timeUs;
        e.device = device;
        e.message = message;
        if ((cls & kErrCnt) && frame.len >= 8) {
            e.txErrors = frame.data[6];
            e.rxErrors = frame.data[7];
        }
        out.append(e);
    };
    using K = BusEvent::Kind;
    if (cls & kErrBusOff)
        add(K::BusOff, QStringLiteral("bus off"));
    if (cls & kErrRestarted)
        add(K::Restarted, QStringLiteral("controller restarted"));
    if (cls & kErrTxTimeout)
        add(K::TxTimeout, QStringLiteral("transmit timeout"));
    if (cls & kErrLostArb)
        add(K::ArbitrationLost, QStringLiteral("arbitration lost at bit %1").arg(frame.data[0]));
    if ((cls & kErrCrtl) && frame.len >= 2) {
        const std::uint8_t c = frame.data[1];
        if (c & (kCrtlRxOverflow | kCrtlTxOverflow))
            add(K::ControllerOverflow,
                QStringLiteral("controller %1 buffer overflow").arg(c & kCrtlRxOverflow ? "RX" : "TX"));
        if (c & kCrtlPassive)
            add(K::ErrorPassive, QStringLiteral("error passive (error counter > 127)"));
        else if (c & kCrtlWarning)
            add(K::ErrorWarning, QStringLiteral("error warning (error counter >= 96)"));
        if (c & kCrtlActive)
            add(K::ErrorActive, QStringLiteral("error active again"));
    }
    if (cls & (kErrProt | kErrAck))
        add(K::ProtocolError,
            cls & kErrAck ? QStringLiteral("no acknowledgement (is anything else on the bus?)")
                          : QStringLiteral("protocol violation type 0x%1 at 0x%2")
                                .arg(frame.len > 2 ? frame.data[2] : 0, 2, 16, QLatin1Char('0'))
                                .arg(frame.len > 3 ? frame.data[3] : 0, 2, 16, QLatin1Char('0')));
    if (out.size() == before)
        add(K::DeviceError, QStringLiteral("error frame, class 0x%1").arg(cls, 0, 16));
    return static_cast<int>(out.size() - before);
}

} // namespace pg::can
