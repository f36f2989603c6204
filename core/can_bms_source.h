#pragma once

#include "bench_io.h"
#include "pack_snapshot.h"

#include <QMutex>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

namespace pg::core {

struct CanBmsOptions {
    QString device; // as createTransport() takes it: "virtualcan:can0", "slcan:/dev/ttyACM0"
    QString profile; // name or path
    QString frameLogPath; // when set, every frame received and sent, candump -l, bench clock
    std::function<double()> clockS; // the bench clock (thread-safe); default: seconds since open
    int bitrate = 0; // 0: the profile's
};

// A BMS read live through a pack profile: a Transport on a worker thread of its own, every frame
// stamped with the bench clock, decoded (ProfileDecoder + SnapshotAssembler), the profile's polls
// run over ISO-TP/UDS, and each batch turned into the BmsReading the procedures take.
// `BmsReading::timeS` is the bench time the BMS last sent anything the profile decodes, so a BMS
// that stops (or a bus that goes quiet) makes the reading stale; frames with ids the profile does
// not know are counted, never decoded.
class CanBmsSource : public BmsSource {
public:
    struct Stats {
        std::uint64_t frames = 0; // received
        std::uint64_t unknownFrames = 0; // ids the profile does not define
        std::uint64_t checkFailures = 0; // dropped by a profile checksum
        std::uint64_t pollAnswers = 0;
        std::uint64_t pollErrors = 0;
        std::uint64_t framesLogged = 0;
        QString lastPollError;
    };

    // Opens the device and starts reading; errors name the device or the profile file.
    static tl::expected<std::unique_ptr<CanBmsSource>, QString> open(
        CanBmsOptions options, int timeoutMs = 5000);
    ~CanBmsSource() override;
    CanBmsSource(const CanBmsSource&) = delete;
    CanBmsSource& operator=(const CanBmsSource&) = delete;

    std::optional<BmsReading> latest() override;
    // Everything the profile decoded, with per-field staleness evaluated at the bench clock now.
    PackSnapshot snapshot() const;
    Stats stats() const;

    class Worker;

private:
    CanBmsSource() = default;

    QThread m_thread;
    Worker* m_worker = nullptr;
};

// What the procedures need from a snapshot. Cells only once every cell up to the highest index
// has been received (a half-filled set would read as 0 V cells); a temperature the pack marks
// "not available" becomes kNoTemperatureC, which no plausibility check accepts.
BmsReading readingFromSnapshot(const PackSnapshot& s, double bmsTimeS);
inline constexpr double kNoTemperatureC = -273.15;

} // namespace pg::core
