#pragma once

#include "can/profile_decoder.h"
#include "can/transport.h"

#include <QCoreApplication>

namespace pg::app {

struct ListenLimits {
    double seconds = 5.0;
    std::uint64_t maxFrames = UINT64_MAX;
    double intervalS = 1.0; // at most one snapshot per interval of frame time
    bool json = false;
};

// `listen DEVICE --profile P`: decodes the live frames through the profile and prints each
// snapshot as it is assembled (JSON Lines with --json: one object per snapshot, then a summary
// object with "type": "summary"). The transport is created but not yet opened.
int listenWithProfile(QCoreApplication& app, can::Transport& transport,
    const can::ProfileDecoder& decoder, const ListenLimits& limits);

} // namespace pg::app
