#pragma once

#include "can_frame.h"
#include "j1939_id.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pg::can {

struct J1939Message {
    j1939::Id id; // pgn, source, destination, priority of the message (not of TP.CM/TP.DT)
    std::vector<std::uint8_t> data;
    std::int64_t timeUs = 0;
};

struct J1939Error {
    enum class Kind { Malformed, WrongSequence, Timeout, Aborted, Unexpected };
    Kind kind = Kind::Malformed;
    std::uint8_t source = 0;
    std::string message;
};

struct J1939ReceiverConfig {
    // This node's address. RTS/CTS sessions to it are answered (CTS, EoMAck); none = listen
    // only (BAM and single frames are still received; connection-mode transfers are not).
    std::optional<std::uint8_t> ownAddress;
    // Also reassemble RTS/CTS transfers between other nodes by watching their CTS (never answers).
    bool followOtherConnections = true;
    std::uint8_t packetsPerCts = 16; // what we ask for per CTS (capped by the sender's RTS)
    std::uint8_t ctsPriority = 7;
    std::int64_t t1Us = 750'000; // between data packets (J1939-21 T1)
    std::int64_t t2Us = 1'250'000; // after our CTS until its first data packet (T2)
};

// Receives J1939 messages from 29-bit frames: single-frame PGNs as they are, multi-packet ones
// (up to 1785 bytes) reassembled from BAM or RTS/CTS (TP.CM 0xEC00, TP.DT 0xEB00, SAE J1939-21).
// Pure state machine: time is an argument; CTS/EoMAck/abort frames to send go to takeFrames().
class J1939Receiver {
public:
    explicit J1939Receiver(J1939ReceiverConfig config = {});

    void onFrame(const CanFrame& frame, std::int64_t nowUs);
    void poll(std::int64_t nowUs); // T1/T2 timeouts
    std::optional<std::int64_t> nextDeadlineUs() const;

    std::size_t takeMessages(std::vector<J1939Message>& out);
    std::size_t takeErrors(std::vector<J1939Error>& out);
    std::size_t takeFrames(std::vector<CanFrame>& out);
    std::size_t activeSessions() const { return m_sessions.size(); }
    std::size_t pendingMessages() const { return m_messages.size(); }
    std::size_t pendingErrors() const { return m_errors.size(); }

private:
    struct Session {
        bool broadcast = true;
        bool passive = false; // RTS/CTS between other nodes, followed without answering
        j1939::Id id; // the message being carried
        std::size_t size = 0;
        int packets = 0;
        int nextSequence = 1;
        int ctsEnd = 0; // RTS/CTS: last packet number of the current CTS window
        int maxPerCts = 255;
        std::vector<std::uint8_t> data;
        std::int64_t deadlineUs = 0;
        bool afterCts = false; // waiting for the first packet after our CTS (T2, not T1)
    };
    using Key = std::uint16_t; // source << 8 | destination

    void onConnectionManagement(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs);
    void onRequestToSend(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs);
    void onClearToSend(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs);
    void onDataTransfer(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs);
    bool startSession(Session s, const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs);
    void sendControl(const Session& s, std::uint8_t peer, const std::uint8_t (&bytes)[5]);
    void sendCts(Session& s, std::uint8_t peer, std::int64_t nowUs);
    void error(J1939Error::Kind kind, std::uint8_t source, std::string message);

    J1939ReceiverConfig m_config;
    std::map<Key, Session> m_sessions;
    std::vector<J1939Message> m_messages;
    std::vector<J1939Error> m_errors;
    std::vector<CanFrame> m_tx;
};

} // namespace pg::can
