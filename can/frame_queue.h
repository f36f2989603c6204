#pragma once

#include "can_frame.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace pg::can {

// Bounded single-producer single-consumer ring of frames. The producer is the transport's worker
// thread, the consumer whoever decodes. Lock-free: push and pop touch only two atomics. A push
// into a full ring is refused and counted; nothing is dropped silently.
class FrameQueue {
public:
    explicit FrameQueue(std::size_t capacityPow2 = 1U << 16);

    // Producer side. Returns false (and counts an overflow) when full.
    bool push(const CanFrame& frame);
    // Producer side; true if the queue was empty before this push (time to notify the consumer).
    bool pushNotify(const CanFrame& frame, bool& wasEmpty);

    // Consumer side: appends up to `max` frames to `out`, returns how many.
    std::size_t popBatch(std::vector<CanFrame>& out, std::size_t max = SIZE_MAX);
    bool pop(CanFrame& frame);

    std::size_t size() const;
    std::size_t capacity() const { return m_mask + 1; }
    std::uint64_t overflowCount() const { return m_overflows.load(std::memory_order_relaxed); }
    std::uint64_t pushedCount() const { return m_pushed.load(std::memory_order_relaxed); }

private:
    std::unique_ptr<CanFrame[]> m_ring;
    std::size_t m_mask;
    alignas(64) std::atomic<std::size_t> m_head { 0 }; // next slot to write (producer)
    alignas(64) std::atomic<std::size_t> m_tail { 0 }; // next slot to read (consumer)
    alignas(64) std::atomic<std::uint64_t> m_overflows { 0 };
    std::atomic<std::uint64_t> m_pushed { 0 };
};

} // namespace pg::can
