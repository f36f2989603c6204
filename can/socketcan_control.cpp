#include "socketcan_control.h"

#include <cerrno>
#include <cstring>
#include <libsocketcan.h>
#include <linux/can/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef PF_CAN
#define PF_CAN 29
#endif

namespace pg::can::socketcan {

namespace {
QString err(const QString& iface, const char* what)
{
    return QStringLiteral("socketcan:%1: %2 failed: %3").arg(iface, QLatin1String(what),
        QString::fromLocal8Bit(std::strerror(errno)));
}

QString stateName(int state)
{
    switch (state) {
    case CAN_STATE_ERROR_ACTIVE:
        return QStringLiteral("error-active");
    case CAN_STATE_ERROR_WARNING:
        return QStringLiteral("error-warning");
    case CAN_STATE_ERROR_PASSIVE:
        return QStringLiteral("error-passive");
    case CAN_STATE_BUS_OFF:
        return QStringLiteral("bus-off");
    case CAN_STATE_STOPPED:
        return QStringLiteral("stopped");
    case CAN_STATE_SLEEPING:
        return QStringLiteral("sleeping");
    default:
        return QStringLiteral("unknown");
    }
}
} // namespace

bool available(QString* reason)
{
    const int fd = ::socket(PF_CAN, SOCK_RAW, 1 /* CAN_RAW */);
    if (fd < 0) {
        if (reason)
            *reason = QStringLiteral("this kernel has no AF_CAN sockets (%1); SocketCAN adapters "
                                     "cannot be used here")
                          .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    ::close(fd);
    return true;
}

tl::expected<LinkState, QString> linkState(const QString& iface)
{
    const QByteArray name = iface.toLocal8Bit();
    LinkState s;
    int state = 0;
    if (can_get_state(name.constData(), &state) != 0)
        return tl::make_unexpected(err(iface, "reading the link state"));
    s.state = stateName(state);
    struct can_bittiming bt { };
    if (can_get_bittiming(name.constData(), &bt) == 0)
        s.bitrate = static_cast<int>(bt.bitrate);
    struct can_berr_counter bc { };
    if (can_get_berr_counter(name.constData(), &bc) == 0) {
        s.txErrors = bc.txerr;
        s.rxErrors = bc.rxerr;
    }
    return s;
}

tl::expected<void, QString> configure(const QString& iface, int bitrate, bool listenOnly, int restartMs)
{
    const QByteArray name = iface.toLocal8Bit();
    can_do_stop(name.constData());
    if (can_set_bitrate(name.constData(), static_cast<__u32>(bitrate)) != 0)
        return tl::make_unexpected(err(iface, "setting the bitrate"));
    struct can_ctrlmode cm { };
    cm.mask = CAN_CTRLMODE_LISTENONLY;
    cm.flags = listenOnly ? CAN_CTRLMODE_LISTENONLY : 0;
    if (can_set_ctrlmode(name.constData(), &cm) != 0)
        return tl::make_unexpected(err(iface, "setting listen-only mode"));
    if (can_set_restart_ms(name.constData(), static_cast<__u32>(restartMs)) != 0)
        return tl::make_unexpected(err(iface, "setting restart-ms"));
    if (can_do_start(name.constData()) != 0)
        return tl::make_unexpected(err(iface, "starting the interface"));
    return {};
}

tl::expected<void, QString> restart(const QString& iface)
{
    const QByteArray name = iface.toLocal8Bit();
    if (can_do_restart(name.constData()) != 0)
        return tl::make_unexpected(err(iface, "restarting after bus-off"));
    return {};
}

} // namespace pg::can::socketcan
