#pragma once

#include "transport.h"

#include <memory>

namespace pg::can {

// Opens a device named as the user types it:
//   virtualcan:can0        a Qt SerialBus plugin and interface (socketcan:can0, peakcan:usb0, ...)
//   virtualcan:tcp://127.0.0.1:35468/can0   Qt's virtual CAN bus on a chosen server
//   slcan:/dev/ttyACM0[@baud]   an SLCAN adapter on a serial port
//   replay:bench.log[@speed]    a recording (speed 1 = original timing, 0 = as fast as possible)
tl::expected<std::unique_ptr<Transport>, QString> createTransport(const QString& spec,
    const TransportOptions& options);

} // namespace pg::can
