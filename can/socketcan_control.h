#pragma once

#include <QString>
#include <tl/expected.hpp>

namespace pg::can {

// Link-level control of a SocketCAN interface through libsocketcan (netlink). Needs AF_CAN in
// the kernel and, to change settings, CAP_NET_ADMIN.
namespace socketcan {

// True when the kernel offers AF_CAN sockets at all; `reason` says why not.
bool available(QString* reason = nullptr);

struct LinkState {
    QString state; // "error-active", "error-warning", "error-passive", "bus-off", "stopped", ...
    int bitrate = 0;
    int txErrors = -1;
    int rxErrors = -1;
};

tl::expected<LinkState, QString> linkState(const QString& iface);
// Sets bitrate (and listen-only control mode) on a stopped interface and starts it.
tl::expected<void, QString> configure(const QString& iface, int bitrate, bool listenOnly,
    int restartMs = 100);
// Restarts the controller after bus-off.
tl::expected<void, QString> restart(const QString& iface);

} // namespace socketcan
} // namespace pg::can
