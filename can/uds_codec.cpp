#include "uds_codec.h"

#include <cstdio>

namespace pg::can::uds {

Bytes sessionControlRequest(std::uint8_t session)
{
    return { DiagnosticSessionControl, session };
}

Bytes testerPresentRequest(bool suppressResponse)
{
    return { TesterPresent, suppressResponse ? kSuppressPositiveResponse : std::uint8_t { 0 } };
}

Bytes readDataByIdentifierRequest(std::uint16_t did)
{
    return { ReadDataByIdentifier, static_cast<std::uint8_t>(did >> 8),
        static_cast<std::uint8_t>(did & 0xFF) };
}

Bytes readDtcByStatusMaskRequest(std::uint8_t statusMask)
{
    return { ReadDtcInformation, 0x02, statusMask };
}

std::string serviceName(std::uint8_t sid)
{
    switch (sid) {
    case DiagnosticSessionControl:
        return "DiagnosticSessionControl";
    case 0x11:
        return "ECUReset";
    case 0x14:
        return "ClearDiagnosticInformation";
    case ReadDtcInformation:
        return "ReadDTCInformation";
    case ReadDataByLocalIdentifier:
        return "ReadDataByLocalIdentifier";
    case ReadDataByIdentifier:
        return "ReadDataByIdentifier";
    case 0x27:
        return "SecurityAccess";
    case 0x2E:
        return "WriteDataByIdentifier";
    case 0x31:
        return "RoutineControl";
    case TesterPresent:
        return "TesterPresent";
    default:
        break;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "service 0x%02X", sid);
    return buf;
}

std::string nrcName(std::uint8_t nrc)
{
    struct Entry {
        std::uint8_t code;
        const char* name;
    };
    static constexpr Entry kNames[] = {
        { 0x10, "generalReject" },
        { 0x11, "serviceNotSupported" },
        { 0x12, "subFunctionNotSupported" },
        { 0x13, "incorrectMessageLengthOrInvalidFormat" },
        { 0x14, "responseTooLong" },
        { 0x21, "busyRepeatRequest" },
        { 0x22, "conditionsNotCorrect" },
        { 0x24, "requestSequenceError" },
        { 0x25, "noResponseFromSubnetComponent" },
        { 0x26, "failurePreventsExecutionOfRequestedAction" },
        { 0x31, "requestOutOfRange" },
        { 0x33, "securityAccessDenied" },
        { 0x35, "invalidKey" },
        { 0x36, "exceedNumberOfAttempts" },
        { 0x37, "requiredTimeDelayNotExpired" },
        { 0x70, "uploadDownloadNotAccepted" },
        { 0x71, "transferDataSuspended" },
        { 0x72, "generalProgrammingFailure" },
        { 0x73, "wrongBlockSequenceCounter" },
        { 0x78, "requestCorrectlyReceived-ResponsePending" },
        { 0x7E, "subFunctionNotSupportedInActiveSession" },
        { 0x7F, "serviceNotSupportedInActiveSession" },
    };
    for (const Entry& e : kNames) {
        if (e.code == nrc)
            return e.name;
    }
    return "unknown NRC";
}

std::string hexBytes(std::span<const std::uint8_t> bytes)
{
    std::string s;
    char buf[4];
    for (std::uint8_t b : bytes) {
        std::snprintf(buf, sizeof buf, s.empty() ? "%02X" : " %02X", b);
        s += buf;
    }
    return s;
}

tl::expected<SessionTiming, std::string> decodeSessionControl(std::span<const std::uint8_t> r)
{
    if (r.size() < 2 || r[0] != DiagnosticSessionControl + kPositiveOffset)
        return tl::unexpected(std::string("not a DiagnosticSessionControl response"));
    SessionTiming t;
    t.session = r[1];
    if (r.size() >= 6) {
        t.p2Ms = (r[2] << 8) | r[3];
        t.p2StarMs = ((r[4] << 8) | r[5]) * 10;
    }
    return t;
}

tl::expected<Bytes, std::string> decodeReadDataByIdentifier(
    std::span<const std::uint8_t> r, std::uint16_t did)
{
    if (r.size() < 3 || r[0] != ReadDataByIdentifier + kPositiveOffset)
        return tl::unexpected(std::string("not a ReadDataByIdentifier response"));
    const std::uint16_t got = static_cast<std::uint16_t>((r[1] << 8) | r[2]);
    if (got != did) {
        char buf[80];
        std::snprintf(buf, sizeof buf, "response is for DID 0x%04X, not 0x%04X", got, did);
        return tl::unexpected(std::string(buf));
    }
    return Bytes(r.begin() + 3, r.end());
}

tl::expected<DtcReport, std::string> decodeDtcByStatusMask(std::span<const std::uint8_t> r)
{
    if (r.size() < 3 || r[0] != ReadDtcInformation + kPositiveOffset || r[1] != 0x02)
        return tl::unexpected(std::string("not a reportDTCByStatusMask response (59 02 ..)"));
    if ((r.size() - 3) % 4 != 0)
        return tl::unexpected("truncated DTC record: " + std::to_string(r.size() - 3)
            + " bytes after the availability mask, not a multiple of 4");
    DtcReport report;
    report.availabilityMask = r[2];
    for (std::size_t i = 3; i + 4 <= r.size(); i += 4) {
        Dtc d;
        d.code = (std::uint32_t { r[i] } << 16) | (std::uint32_t { r[i + 1] } << 8) | r[i + 2];
        d.status = r[i + 3];
        report.dtcs.push_back(d);
    }
    return report;
}

std::string dtcText(std::uint32_t code)
{
    static constexpr char kLetters[] = { 'P', 'C', 'B', 'U' };
    const unsigned high = (code >> 16) & 0xFF;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%u%X%02X-%02X", kLetters[high >> 6], (high >> 4) & 0x3,
        high & 0xF, static_cast<unsigned>((code >> 8) & 0xFF), static_cast<unsigned>(code & 0xFF));
    return buf;
}

} // namespace pg::can::uds
