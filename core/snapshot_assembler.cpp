#include "snapshot_assembler.h"

#include <algorithm>
#include <limits>

namespace pg::core {

namespace {

    QString describe(const can::FieldSource& f)
    {
        QString where;
        switch (f.kind) {
        case can::FieldSource::Kind::Signal:
            where = QString::fromStdString(f.signal.message + "." + f.signal.signal);
            break;
        case can::FieldSource::Kind::Bytes:
            where = QStringLiteral("bytes of 0x%1")
                        .arg(f.bytes.id, 0, 16)
                        .toUpper()
                        .replace(QLatin1String("0X"), QLatin1String("0x"));
            break;
        case can::FieldSource::Kind::Uds:
            where = QStringLiteral("poll %1 @%2")
                        .arg(QString::fromStdString(f.uds.poll))
                        .arg(f.uds.offset);
            break;
        case can::FieldSource::Kind::J1939:
            where = QStringLiteral("J1939 DM1 from 0x")
                + QStringLiteral("%1")
                      .arg(f.j1939.sourceAddress, 2, 16, QLatin1Char('0'))
                      .toUpper();
            break;
        }
        QString s
            = QStringLiteral("%1 %2 (%3)")
                  .arg(QString::fromStdString(f.key), where, QString::fromStdString(f.source));
        if (!f.gap.empty())
            s += QStringLiteral(" GAP: ") + QString::fromStdString(f.gap);
        return s;
    }

} // namespace

SnapshotAssembler::SnapshotAssembler(const can::ProfileDecoder& decoder, Options options)
    : m_decoder(&decoder)
    , m_options(options)
{
    m_state.profile = QString::fromStdString(decoder.profile().name);
    if (decoder.usesJ1939())
        m_j1939 = std::make_unique<can::J1939Receiver>(can::J1939ReceiverConfig {});
    for (const can::FieldSource& f : decoder.profile().fields)
        m_state.sources.append(describe(f));
}

void SnapshotAssembler::apply(const can::FieldValue& v)
{
    SnapshotValue* target = nullptr;
    if (auto* arr = m_state.array(v.field)) {
        if (v.listSize >= 0)
            arr->resize(static_cast<std::size_t>(v.listSize));
        if (v.index < 0)
            return;
        // A slot the pack flags invalid is not a cell or a sensor: it never lengthens the array
        // (foxBMS 2 leaves the unused slots of its last frame flagged).
        if (v.flagged && arr->size() <= static_cast<std::size_t>(v.index))
            return;
        if (arr->size() <= static_cast<std::size_t>(v.index))
            arr->resize(static_cast<std::size_t>(v.index) + 1);
        target = &(*arr)[static_cast<std::size_t>(v.index)];
    } else {
        target = &m_state.get(v.field);
    }
    target->stale = false;
    if (v.flagged) {
        // The pack says this value is not valid: not a reading, so not present, and no number
        // (a phantom 0 V / 0 degC must never reach a spread or a plausibility check).
        target->present = false;
        target->valid = false;
        target->value = std::numeric_limits<double>::quiet_NaN();
        target->updatedS = static_cast<double>(v.timeUs) * 1e-6;
        target->source = static_cast<int>(v.source);
        m_lastTimeS = std::max(m_lastTimeS, target->updatedS);
        ++m_valuesSeen;
        return;
    }
    target->present = true;
    target->valid = v.valid;
    target->value = v.value;
    if (can::fieldInfo(v.field).shape == can::FieldShape::Text || !v.text.empty())
        target->text = QString::fromStdString(v.text);
    target->updatedS = static_cast<double>(v.timeUs) * 1e-6;
    target->source = static_cast<int>(v.source);
    m_lastTimeS = std::max(m_lastTimeS, target->updatedS);
    ++m_valuesSeen;
}

void SnapshotAssembler::addValues(
    std::span<const can::FieldValue> values, double timeS, std::vector<PackSnapshot>& out)
{
    for (const can::FieldValue& v : values)
        apply(v);
    m_lastTimeS = std::max(m_lastTimeS, timeS);
    if (m_lastTimeS - m_lastEmitS >= m_options.minIntervalS) {
        out.push_back(snapshot(m_lastTimeS));
        m_lastEmitS = m_lastTimeS;
    }
}

void SnapshotAssembler::addFrames(
    std::span<const can::CanFrame> frames, std::vector<PackSnapshot>& out)
{
    for (const can::CanFrame& f : frames) {
        decodeFrame(f, m_scratch);
        addValues(m_scratch, f.timeS(), out);
    }
}

void SnapshotAssembler::decodeFrame(const can::CanFrame& frame, std::vector<can::FieldValue>& out)
{
    out.clear();
    m_decoder->decode(frame, out);
    if (!m_j1939 || !frame.is(can::CanFrame::Extended))
        return;
    m_j1939->poll(frame.timeUs);
    m_j1939->onFrame(frame, frame.timeUs);
    m_messages.clear();
    m_j1939->takeMessages(m_messages);
    for (const can::J1939Message& m : m_messages)
        m_decoder->decodeJ1939(m, out);
    std::vector<can::J1939Error> dropped; // reassembly errors: the DM1 is simply not updated
    m_j1939->takeErrors(dropped);
}

PackSnapshot SnapshotAssembler::snapshot(double timeS) const
{
    PackSnapshot s = m_state;
    s.timeS = timeS;
    const int cycles = m_decoder->profile().staleAfterCycles;
    auto mark = [&](SnapshotValue& v) {
        if (v.present && v.source >= 0) {
            const double limitS
                = cycles * m_decoder->cycleMs(static_cast<std::uint32_t>(v.source)) * 1e-3;
            v.stale = timeS - v.updatedS > limitS;
        }
    };
    for (SnapshotValue& v : s.scalars)
        mark(v);
    for (auto* arr : { &s.cellVoltagesV, &s.temperaturesC, &s.dtcs }) {
        for (SnapshotValue& v : *arr)
            mark(v);
    }
    return s;
}

} // namespace pg::core
