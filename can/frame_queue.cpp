#include "frame_queue.h"

namespace pg::can {

namespace {
std::size_t roundUpPow2(std::size_t n)
{
    std::size_t p = 16;
    while (p < n)
        p <<= 1;
    return p;
}
} // namespace

FrameQueue::FrameQueue(std::size_t capacityPow2)
    : m_ring(new CanFrame[roundUpPow2(capacityPow2)])
    , m_mask(roundUpPow2(capacityPow2) - 1)
{
}

bool FrameQueue::push(const CanFrame& frame)
{
    bool wasEmpty = false;
    return pushNotify(frame, wasEmpty);
}

bool FrameQueue::pushNotify(const CanFrame& frame, bool& wasEmpty)
{
    const std::size_t head = m_head.load(std::memory_order_relaxed);
    const std::size_t tail = m_tail.load(std::memory_order_acquire);
    if (head - tail > m_mask) {
        m_overflows.fetch_add(1, std::memory_order_relaxed);
        wasEmpty = false;
        return false;
    }
    wasEmpty = head == tail;
    m_ring[head & m_mask] = frame;
    m_head.store(head + 1, std::memory_order_release);
    m_pushed.fetch_add(1, std::memory_order_relaxed);
    return true;
}

std::size_t FrameQueue::popBatch(std::vector<CanFrame>& out, std::size_t max)
{
    const std::size_t tail = m_tail.load(std::memory_order_relaxed);
    const std::size_t head = m_head.load(std::memory_order_acquire);
    std::size_t n = head - tail;
    if (n > max)
        n = max;
    out.reserve(out.size() + n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(m_ring[(tail + i) & m_mask]);
    m_tail.store(tail + n, std::memory_order_release);
    return n;
}

bool FrameQueue::pop(CanFrame& frame)
{
    const std::size_t tail = m_tail.load(std::memory_order_relaxed);
    if (tail == m_head.load(std::memory_order_acquire))
        return false;
    frame = m_ring[tail & m_mask];
    m_tail.store(tail + 1, std::memory_order_release);
    return true;
}

std::size_t FrameQueue::size() const
{
    return m_head.load(std::memory_order_acquire) - m_tail.load(std::memory_order_acquire);
}

} // namespace pg::can
