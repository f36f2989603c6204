#pragma once

#include "can/transport_factory.h"
#include "virtual_bus.h"

#include <memory>

namespace pg::test {

// Two transports on the process's virtual CAN bus, both allowed to transmit, for a product
// endpoint (`tester`) and a scripted peer (`ecuBus`). Both are null when the bus did not open.
struct BusPair {
    BusPair()
        : tester(open())
        , ecuBus(open())
    {
        if (tester && ecuBus && !(hears(*tester, *ecuBus) && hears(*ecuBus, *tester)))
            tester.reset();
    }

    static std::unique_ptr<can::Transport> open()
    {
        can::TransportOptions options;
        options.listenOnly = false;
        auto t = can::createTransport(virtualBus(), options);
        if (!t)
            return nullptr;
        (*t)->open();
        return (*t)->waitOpened(5000) ? std::move(*t) : nullptr;
    }

    // The bus server registers a new client asynchronously: a frame sent right after opening
    // may reach no one. Ping until `to` hears `from`, then drop the pings.
    static bool hears(can::Transport& from, can::Transport& to)
    {
        can::CanFrame ping;
        ping.id = 0x7FF;
        for (int i = 0; i < 50; ++i) {
            (void)from.send(ping);
            if (to.waitForFrames(1, 100)) {
                std::vector<can::CanFrame> drop;
                to.takeFrames(drop);
                from.takeFrames(drop);
                return true;
            }
        }
        return false;
    }

    std::unique_ptr<can::Transport> tester;
    std::unique_ptr<can::Transport> ecuBus;
};

} // namespace pg::test
