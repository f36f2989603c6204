#pragma once

#include "can/dbc_decoder.h"

#include <gtest/gtest.h>
#include <utility>
#include <vector>

namespace pg::test {

using SignalValues = std::vector<std::pair<const char*, double>>;

// A frame of `message` built with the DBC encoder from physical values (what a scripted pack
// sends). Fails the calling test when the message or a signal is unknown or a value does not fit.
inline can::CanFrame encodeFrame(
    const can::DbcDecoder& dbc, const char* message, const SignalValues& values)
{
    const can::DbcMessage* m = dbc.database().findMessage(message);
    EXPECT_NE(m, nullptr) << message;
    if (m == nullptr)
        return {};
    std::vector<can::SignalValue> sv;
    for (const auto& [name, value] : values) {
        const can::DbcSignal* s = m->findSignal(name);
        EXPECT_NE(s, nullptr) << message << "." << name;
        if (s != nullptr)
            sv.push_back({ static_cast<std::uint32_t>(s - m->signalList.data()), value });
    }
    auto f = dbc.encode(dbc.messageIndex(m->id, m->extended), sv);
    EXPECT_TRUE(f.has_value()) << (f ? "" : f.error());
    return f ? *f : can::CanFrame {};
}

} // namespace pg::test
