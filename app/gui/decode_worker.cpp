#include "decode_worker.h"

#include "can/profile_decoder.h"
#include "core/snapshot_assembler.h"

namespace pg::app {

DecodeWorker::DecodeWorker(std::shared_ptr<LatestBmsSource> bms)
    : m_bms(std::move(bms))
{
}

DecodeWorker::~DecodeWorker() = default;

void DecodeWorker::setDecoder(std::shared_ptr<const can::ProfileDecoder> decoder)
{
    m_assembler.reset();
    m_decoder = std::move(decoder);
    if (m_decoder)
        m_assembler = std::make_unique<core::SnapshotAssembler>(
            *m_decoder, core::SnapshotAssembler::Options {});
}

void DecodeWorker::decode(const std::vector<can::CanFrame>& frames)
{
    if (!m_assembler)
        return;
    m_snapshots.clear();
    m_assembler->addFrames(frames, m_snapshots);
    // The state after the whole batch (one per GUI tick, <= 30 Hz), so the last values show
    // even when the bus goes quiet right after them.
    const core::PackSnapshot now = m_assembler->snapshot(m_assembler->lastTimeS());
    m_bms->set(bmsReadingFromSnapshot(now));
    Q_EMIT decoded(liveSampleFromSnapshot(now));
}

} // namespace pg::app
