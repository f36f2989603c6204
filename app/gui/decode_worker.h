#pragma once

#include "can/can_frame.h"
#include "live_sample.h"

#include <QMutex>
#include <QObject>
#include <memory>
#include <vector>

namespace pg::can {
class ProfileDecoder;
}
namespace pg::core {
class SnapshotAssembler;
}

namespace pg::app {

// The newest BMS reading decoded from the bus, for a procedure on the run's thread.
class LatestBmsSource : public core::BmsSource {
public:
    void set(const core::BmsReading& reading)
    {
        QMutexLocker lock(&m_mutex);
        m_reading = reading;
    }
    std::optional<core::BmsReading> latest() override
    {
        QMutexLocker lock(&m_mutex);
        return m_reading;
    }

private:
    QMutex m_mutex;
    std::optional<core::BmsReading> m_reading;
};

// Turns frame batches into the pack's state through a profile, on a thread of its own (DESIGN:
// decoding off the GUI thread). One LiveSample per batch goes back to the GUI; the newest BMS
// reading goes straight into the (mutex-guarded) source a running procedure reads.
class DecodeWorker : public QObject {
    Q_OBJECT
public:
    explicit DecodeWorker(std::shared_ptr<LatestBmsSource> bms);
    ~DecodeWorker() override;

    // Both are called through queued invocations on the worker's thread.
    void setDecoder(std::shared_ptr<const can::ProfileDecoder> decoder);
    void decode(const std::vector<can::CanFrame>& frames);

Q_SIGNALS:
    void decoded(const pg::app::LiveSample& sample);

private:
    std::shared_ptr<LatestBmsSource> m_bms;
    std::shared_ptr<const can::ProfileDecoder> m_decoder;
    std::unique_ptr<core::SnapshotAssembler> m_assembler;
    std::vector<core::PackSnapshot> m_snapshots;
};

} // namespace pg::app
