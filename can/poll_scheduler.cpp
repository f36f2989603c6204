#include "poll_scheduler.h"

#include <algorithm>
#include <utility>

namespace pg::can {

PollScheduler::PollScheduler(const ProfileDecoder& decoder, DiagnosticClient& client)
    : m_decoder(&decoder)
    , m_client(&client)
    , m_nextUs(decoder.profile().polls.size(), 0)
{
}

void PollScheduler::tick(std::int64_t nowUs)
{
    const auto& polls = m_decoder->profile().polls;
    // Most overdue first: when an answer takes longer than a poll's period (a slow bus, or a
    // simulator running at 1000x), the first poll of an ECU must not starve the others.
    std::vector<std::size_t> order(polls.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
        [this](std::size_t a, std::size_t b) { return m_nextUs[a] < m_nextUs[b]; });
    for (std::size_t i : order) {
        const UdsPoll& p = polls[i];
        const bool busy
            = std::find(m_busyEcus.begin(), m_busyEcus.end(), p.requestId) != m_busyEcus.end();
        if (busy || nowUs < m_nextUs[i])
            continue;
        m_nextUs[i] = nowUs + static_cast<std::int64_t>(p.periodMs) * 1000;
        m_busyEcus.push_back(p.requestId);
        m_client->request(
            p, [this, i, nowUs](tl::expected<std::vector<std::uint8_t>, std::string> reply) {
                answer(i, nowUs, std::move(reply));
            });
    }
}

void PollScheduler::answer(std::size_t poll, std::int64_t nowUs,
    tl::expected<std::vector<std::uint8_t>, std::string> reply)
{
    const UdsPoll& p = m_decoder->profile().polls[poll];
    m_busyEcus.erase(
        std::remove(m_busyEcus.begin(), m_busyEcus.end(), p.requestId), m_busyEcus.end());
    if (!reply) {
        m_errors.push_back(p.name + ": " + reply.error());
        return;
    }
    const std::vector<std::uint8_t>& bytes = *reply;
    if (bytes.size() < p.responsePrefix.size()
        || !std::equal(p.responsePrefix.begin(), p.responsePrefix.end(), bytes.begin())) {
        m_errors.push_back(p.name + ": answer does not start with the expected response prefix");
        return;
    }
    const std::span<const std::uint8_t> payload(
        bytes.data() + p.responsePrefix.size(), bytes.size() - p.responsePrefix.size());
    m_decoder->decodePollResponse(p.name, payload, nowUs, m_values);
}

std::vector<FieldValue> PollScheduler::takeValues()
{
    return std::exchange(m_values, {});
}

std::vector<std::string> PollScheduler::takeErrors()
{
    return std::exchange(m_errors, {});
}

} // namespace pg::can
