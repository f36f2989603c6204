#include "uds_poll_client.h"

#include <QRegularExpression>
#include <QString>
#include <utility>

namespace pg::core {

bool parseFlowControl(const std::string& text, std::uint8_t& blockSize, std::uint8_t& stMin)
{
    static const QRegularExpression fc(
        QStringLiteral("\\b30 ([0-9A-Fa-f]{2}) ([0-9A-Fa-f]{2})\\b"));
    const QRegularExpressionMatch m = fc.match(QString::fromStdString(text));
    if (!m.hasMatch())
        return false;
    blockSize = static_cast<std::uint8_t>(m.captured(1).toUInt(nullptr, 16));
    stMin = static_cast<std::uint8_t>(m.captured(2).toUInt(nullptr, 16));
    return true;
}

UdsPollClient::UdsPollClient(const can::PackProfile& profile)
{
    for (const can::UdsPoll& p : profile.polls) {
        if (ecuFor(p.requestId) != nullptr)
            continue;
        can::IsoTpConfig c;
        c.address.txId = p.requestId;
        c.address.rxId = p.responseId;
        c.address.extended = p.extended;
        parseFlowControl(p.flowControl, c.blockSize, c.stMin);
        m_ecus.push_back({ p.requestId, std::make_unique<can::UdsClient>(c), {} });
    }
}

UdsPollClient::Ecu* UdsPollClient::ecuFor(std::uint32_t requestId)
{
    for (Ecu& e : m_ecus) {
        if (e.requestId == requestId)
            return &e;
    }
    return nullptr;
}

void UdsPollClient::request(const can::UdsPoll& poll, Reply reply)
{
    Ecu* e = ecuFor(poll.requestId);
    if (e == nullptr) {
        reply(tl::make_unexpected(std::string("no client for this request id")));
        return;
    }
    if (auto started = e->client->request(poll.request, m_nowUs); !started) {
        ++m_failures;
        reply(tl::make_unexpected(started.error().message));
        return;
    }
    e->reply = std::move(reply);
}

void UdsPollClient::finish(Ecu& e)
{
    auto result = e.client->takeResult();
    if (!result || !e.reply)
        return;
    Reply reply = std::exchange(e.reply, {});
    if (*result) {
        ++m_answers;
        reply(std::move(**result));
    } else {
        ++m_failures;
        reply(tl::make_unexpected(result->error().message));
    }
}

bool UdsPollClient::onFrame(const can::CanFrame& frame, std::int64_t nowUs)
{
    m_nowUs = nowUs;
    for (Ecu& e : m_ecus) {
        if (!e.client->accepts(frame))
            continue;
        e.client->onFrame(frame, nowUs);
        finish(e);
        return true;
    }
    return false;
}

void UdsPollClient::poll(std::int64_t nowUs)
{
    m_nowUs = nowUs;
    for (Ecu& e : m_ecus) {
        e.client->poll(nowUs);
        finish(e);
    }
}

std::size_t UdsPollClient::takeFrames(std::vector<can::CanFrame>& out)
{
    std::size_t n = 0;
    for (Ecu& e : m_ecus)
        n += e.client->takeFrames(out);
    return n;
}

} // namespace pg::core
