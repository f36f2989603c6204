#include "isotp_codec.h"

#include <algorithm>

namespace pg::can::isotp {

namespace {

    IsoTpError invalid(std::string message)
    {
        return { IsoTpError::Kind::InvalidFrame, std::move(message) };
    }

    // Builds the frame around `n` bytes already in `bytes`: id, flags, padding, FD length.
    CanFrame finish(const IsoTpConfig& config, const std::uint8_t* bytes, std::size_t n)
    {
        CanFrame f;
        f.id = config.address.txId;
        f.set(CanFrame::Extended, config.address.extended);
        const bool fd = config.frameDataLength > 8;
        f.set(CanFrame::Fd, fd);
        std::copy(bytes, bytes + n, f.data.begin());
        int len = static_cast<int>(n);
        if (fd && len > 8)
            len = dlcToLength(fdLengthToDlc(len), true);
        else if (config.padding)
            len = std::max(len, 8);
        const std::uint8_t fill = config.padding.value_or(0xCC);
        std::fill(f.data.begin() + static_cast<long>(n), f.data.begin() + len, fill);
        f.len = static_cast<std::uint8_t>(len);
        return f;
    }

    tl::expected<Pdu, IsoTpError> decodeSingle(const CanFrame& frame, Pdu pdu)
    {
        const std::uint8_t* d = frame.data.data();
        std::size_t offset = 1;
        pdu.length = d[0] & 0x0F;
        if (pdu.length == 0) {
            // CAN FD escape: 00 LL (ISO 15765-2:2016 9.6.2.1), only in frames longer than 8 bytes.
            if (frame.len <= 8)
                return tl::unexpected(invalid("single frame with length 0"));
            pdu.length = d[1];
            offset = 2;
            if (pdu.length == 0)
                return tl::unexpected(invalid("single frame with length 0"));
        }
        if (offset + pdu.length > frame.len)
            return tl::unexpected(invalid("single frame declares " + std::to_string(pdu.length)
                + " bytes but carries only " + std::to_string(frame.len - offset)));
        pdu.data = { d + offset, pdu.length };
        return pdu;
    }

    tl::expected<Pdu, IsoTpError> decodeFirst(const CanFrame& frame, Pdu pdu)
    {
        const std::uint8_t* d = frame.data.data();
        if (frame.len < 8)
            return tl::unexpected(
                invalid("first frame shorter than 8 bytes (" + std::to_string(frame.len) + ")"));
        std::size_t offset = 2;
        pdu.length = static_cast<std::uint32_t>(((d[0] & 0x0F) << 8) | d[1]);
        if (pdu.length == 0) {
            // Escape for messages over 4095 bytes: 10 00 + 32-bit big-endian length.
            pdu.length = (std::uint32_t { d[2] } << 24) | (std::uint32_t { d[3] } << 16)
                | (std::uint32_t { d[4] } << 8) | d[5];
            offset = 6;
        }
        // A message that fits a Single Frame must not be sent as a First Frame.
        if (pdu.length <= singleFrameCapacity(frame.len))
            return tl::unexpected(invalid("first frame declares only " + std::to_string(pdu.length)
                + " bytes, which fit a single frame"));
        pdu.data = { d + offset, frame.len - offset };
        return pdu;
    }

} // namespace

tl::expected<Pdu, IsoTpError> decodePdu(const CanFrame& frame)
{
    if (frame.len == 0)
        return tl::unexpected(invalid("empty frame"));
    if (frame.is(CanFrame::Remote) || frame.is(CanFrame::Error))
        return tl::unexpected(invalid("remote or error frame"));
    Pdu pdu;
    pdu.frameLength = frame.len;
    const std::uint8_t* d = frame.data.data();
    const int type = d[0] >> 4;
    switch (type) {
    case 0:
        pdu.type = PciType::Single;
        return decodeSingle(frame, pdu);
    case 1:
        pdu.type = PciType::First;
        return decodeFirst(frame, pdu);
    case 2:
        pdu.type = PciType::Consecutive;
        pdu.sequence = d[0] & 0x0F;
        pdu.data = { d + 1, static_cast<std::size_t>(frame.len - 1) };
        return pdu;
    case 3:
        pdu.type = PciType::FlowControl;
        if (frame.len < 3)
            return tl::unexpected(invalid("flow control frame shorter than 3 bytes"));
        if ((d[0] & 0x0F) > 2)
            return tl::unexpected(
                invalid("flow control with reserved flow status " + std::to_string(d[0] & 0x0F)));
        pdu.flowStatus = static_cast<FlowStatus>(d[0] & 0x0F);
        pdu.blockSize = d[1];
        pdu.stMin = d[2];
        return pdu;
    default:
        return tl::unexpected(invalid("reserved PCI type " + std::to_string(type)));
    }
}

std::int64_t stMinToUs(std::uint8_t stMin)
{
    if (stMin <= 0x7F)
        return std::int64_t { stMin } * 1000;
    if (stMin >= 0xF1 && stMin <= 0xF9)
        return std::int64_t { stMin - 0xF0 } * 100;
    return 0x7F * 1000;
}

std::size_t singleFrameCapacity(int frameDataLength)
{
    return frameDataLength <= 8 ? 7 : static_cast<std::size_t>(frameDataLength - 2);
}

CanFrame encodeSingleFrame(const IsoTpConfig& config, std::span<const std::uint8_t> payload)
{
    std::uint8_t bytes[64];
    std::size_t n = 0;
    if (payload.size() <= 7) {
        bytes[n++] = static_cast<std::uint8_t>(payload.size());
    } else {
        bytes[n++] = 0x00;
        bytes[n++] = static_cast<std::uint8_t>(payload.size());
    }
    std::copy(payload.begin(), payload.end(), bytes + n);
    return finish(config, bytes, n + payload.size());
}

CanFrame encodeFirstFrame(
    const IsoTpConfig& config, std::span<const std::uint8_t> payload, std::size_t& taken)
{
    std::uint8_t bytes[64];
    std::size_t n = 0;
    const std::size_t total = payload.size();
    if (total <= 4095) {
        bytes[n++] = static_cast<std::uint8_t>(0x10 | (total >> 8));
        bytes[n++] = static_cast<std::uint8_t>(total & 0xFF);
    } else {
        bytes[n++] = 0x10;
        bytes[n++] = 0x00;
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes[n++] = static_cast<std::uint8_t>(total >> shift);
    }
    taken = std::min(payload.size(), static_cast<std::size_t>(config.frameDataLength) - n);
    std::copy(payload.begin(), payload.begin() + static_cast<long>(taken), bytes + n);
    return finish(config, bytes, n + taken);
}

CanFrame encodeConsecutiveFrame(
    const IsoTpConfig& config, std::uint8_t sequence, std::span<const std::uint8_t> chunk)
{
    std::uint8_t bytes[64];
    bytes[0] = static_cast<std::uint8_t>(0x20 | (sequence & 0x0F));
    std::copy(chunk.begin(), chunk.end(), bytes + 1);
    return finish(config, bytes, 1 + chunk.size());
}

CanFrame encodeFlowControl(
    const IsoTpConfig& config, FlowStatus status, std::uint8_t blockSize, std::uint8_t stMin)
{
    const std::uint8_t bytes[3]
        = { static_cast<std::uint8_t>(0x30 | static_cast<int>(status)), blockSize, stMin };
    return finish(config, bytes, 3);
}

} // namespace pg::can::isotp
