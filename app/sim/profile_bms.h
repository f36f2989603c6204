#pragma once

#include "bench_simulator.h"
#include "broadcast_encoder.h"
#include "can/transport.h"
#include "poll_server.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <random>

namespace pg::sim {

// The simulated pack's BMS on a CAN bus, speaking a pack profile: after every step of the
// BenchSimulator it sends the profile's broadcast messages that are due (each at its real cycle
// time in simulated time, so the speed factor scales them; at high speed a message due several
// times within one step is sent once, with the newest values) and answers the profile's UDS /
// group polls over ISO-TP. Faults from the spec: bms_silent (stops sending and answering),
// bus_off (its controller leaves the bus: nothing more is sent), garbage_frames (random ids the
// profile does not use, random payloads, drawn from the spec's seed, mixed into every round),
// open_temp_sensor (the profile's "not available" value, or the stuck -40 degC reading),
// isolation_fault (the general fault flag). Lives on the simulator's thread.
class ProfileBms : public QObject {
    Q_OBJECT
public:
    // `transport` must be open and allowed to send.
    static tl::expected<std::unique_ptr<ProfileBms>, QString> create(
        BenchSimulator& sim, const QString& profile, std::unique_ptr<can::Transport> transport);
    // Opens `device` ("virtualcan:can0", "slcan:/dev/pts/3", ...) at the profile's bitrate, able
    // to send, and puts the BMS on it.
    static tl::expected<std::unique_ptr<ProfileBms>, QString> open(
        BenchSimulator& sim, const QString& profile, const QString& device, int timeoutMs = 5000);
    ~ProfileBms() override;

    // Sends one round of every broadcast message now (faults still apply), for tests and start-up.
    void sendAll();
    const BmsState& state() const { return m_state; }
    const can::ProfileDecoder& decoder() const { return *m_decoder; }
    can::Transport& transport() { return *m_transport; }
    std::uint64_t framesSent() const { return m_sent; }
    std::uint64_t garbageSent() const { return m_garbage; }
    std::uint64_t pollsAnswered() const { return m_polls.answered(); }
    // The latest simulated time the bench's poll reader allows (BenchSimulator::setReaderLimit):
    // each poll it asks for must have been answered within its period plus
    // BenchSimulator::kLeadS, so the values it holds are never older than that, however long the
    // answer takes on the wall clock (the Leaf's 28-frame G02 answer with flow control after
    // every frame: 100+ s of simulated time at 1000x before). A poll not answered for
    // kMaxReaderWaitMs of wall time no longer counts (the reader stopped asking, hung or left);
    // +infinity when none counts, at real time and below, and while the BMS is silent.
    //
    // Broadcasts have no answer to wait for: with setDeliveredCounter (the number of frames the
    // bench's reader has received off the bus, which carries them in order and loses none), the
    // simulation also never runs more than kLeadS past a frame still on its way, so a broadcast
    // cell set is as fresh at 1000x as at real time (without it, a 96-cell foxBMS set read over
    // virtualcan lagged 5+ s of simulated time behind the pack during an HPPC pulse).
    double readerLimitS();
    using Counter = std::function<std::uint64_t()>;
    void setDeliveredCounter(Counter delivered);

private:
    static tl::expected<std::unique_ptr<ProfileBms>, QString> build(BenchSimulator& sim,
        std::unique_ptr<can::ProfileDecoder> decoder, std::unique_ptr<can::Transport> transport);
    ProfileBms(BenchSimulator& sim, std::unique_ptr<can::ProfileDecoder> decoder,
        BroadcastEncoder encoder, std::unique_ptr<can::Transport> transport);
    void onAdvanced(double timeS);
    void onFrames();
    void refreshState();
    bool silent() const;
    void sendMessage(std::size_t m);
    void sendGarbage();
    void send(const std::vector<can::CanFrame>& frames);
    void flushPolls();
    int temperatureSlots() const;

    BenchSimulator& m_sim;
    std::unique_ptr<can::ProfileDecoder> m_decoder;
    BroadcastEncoder m_encoder;
    PollServer m_polls;
    std::unique_ptr<can::Transport> m_transport;
    BmsState m_state;
    std::vector<double> m_servedS; // per poll: as of when its last complete answer was
    std::vector<QElapsedTimer> m_servedWall; // per poll: since that answer went (invalid: never)
    std::vector<double> m_nextS; // per broadcast message: when it is next due (simulated time)
    std::mt19937_64 m_random;
    QTimer m_pollTimer; // ISO-TP deadlines (wall clock)
    std::uint64_t m_sent = 0;
    Counter m_delivered;
    std::deque<std::pair<std::uint64_t, double>> m_inFlight; // (frames sent by then, simulated s)
    std::uint64_t m_lastDelivered = 0;
    std::int64_t m_deliveredOffset = 0; // sent minus received when the counter was set
    QElapsedTimer m_deliveredWall; // since the delivered count last moved
    std::uint64_t m_garbage = 0;
    bool m_reportedStop = false;
};

} // namespace pg::sim
