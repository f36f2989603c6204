#include "profile_bms.h"

#include "can/transport_factory.h"
#include "core/safety.h"

#include <QDebug>
#include <algorithm>
#include <limits>

namespace pg::sim {

namespace {

    constexpr std::size_t kGarbagePerRound = 2;
    // A poll not answered for this long (wall clock): its reader stopped asking, hung or left;
    // the simulation no longer waits for it (its values then go stale, as on a real bench).
    constexpr qint64 kMaxReaderWaitMs = 2000;
    constexpr double kChargeC = 1.0; // the simulated BMS allows 1C charge, 3C discharge
    constexpr double kDischargeC = 3.0;

    bool sensorOpen(const PackModel& pack, int group)
    {
        for (const FaultSpec& f : pack.spec().faults) {
            if (f.kind == FaultSpec::Kind::OpenTempSensor && f.atS <= pack.timeS()
                && f.cell == group * pack.parallel())
                return true;
        }
        return false;
    }

} // namespace

namespace {

    tl::expected<std::unique_ptr<can::ProfileDecoder>, QString> loadDecoder(const QString& profile)
    {
        auto decoder = can::ProfileDecoder::load(profile.toStdString());
        if (!decoder)
            return tl::make_unexpected(QString::fromStdString(decoder.error().toString()));
        return std::make_unique<can::ProfileDecoder>(std::move(*decoder));
    }

} // namespace

tl::expected<std::unique_ptr<ProfileBms>, QString> ProfileBms::create(
    BenchSimulator& sim, const QString& profile, std::unique_ptr<can::Transport> transport)
{
    auto decoder = loadDecoder(profile);
    if (!decoder)
        return tl::make_unexpected(decoder.error());
    return build(sim, std::move(*decoder), std::move(transport));
}

tl::expected<std::unique_ptr<ProfileBms>, QString> ProfileBms::open(
    BenchSimulator& sim, const QString& profile, const QString& device, int timeoutMs)
{
    auto decoder = loadDecoder(profile);
    if (!decoder)
        return tl::make_unexpected(decoder.error());
    can::TransportOptions options;
    options.bitrate = (*decoder)->profile().transport.bitrate;
    options.listenOnly = false; // the simulated BMS is the one talking
    auto transport = can::createTransport(device, options);
    if (!transport)
        return tl::make_unexpected(transport.error());
    (*transport)->open();
    if (!(*transport)->waitOpened(timeoutMs))
        return tl::make_unexpected(device + QStringLiteral(": ") + (*transport)->lastError());
    return build(sim, std::move(*decoder), std::move(*transport));
}

tl::expected<std::unique_ptr<ProfileBms>, QString> ProfileBms::build(BenchSimulator& sim,
    std::unique_ptr<can::ProfileDecoder> decoder, std::unique_ptr<can::Transport> transport)
{
    auto encoder = BroadcastEncoder::create(*decoder);
    if (!encoder)
        return tl::make_unexpected(QString::fromStdString(encoder.error()));
    return std::unique_ptr<ProfileBms>(
        new ProfileBms(sim, std::move(decoder), std::move(*encoder), std::move(transport)));
}

ProfileBms::ProfileBms(BenchSimulator& sim, std::unique_ptr<can::ProfileDecoder> decoder,
    BroadcastEncoder encoder, std::unique_ptr<can::Transport> transport)
    : m_sim(sim)
    , m_decoder(std::move(decoder))
    , m_encoder(std::move(encoder))
    , m_polls(*m_decoder)
    , m_transport(std::move(transport))
    , m_nextS(m_encoder.messages().size(), sim.pack().timeS())
    , m_random(sim.pack().spec().seed)
{
    const PackTruth truth = sim.pack().truth(); // the BMS's own SoH and capacity estimate: exact
    const PackSpec& spec = sim.pack().spec();
    // ... unless the spec makes it claim another SoH (a reset or tampered BMS)
    m_state.sohPct = 100.0 * spec.bmsSoh.value_or(truth.sohCapacity);
    m_state.capacityAh = truth.capacityAh;
    m_state.serial = spec.serial.toStdString();
    for (const QString& code : spec.dtcs) {
        bool ok = false;
        const uint value = code.toUInt(&ok, 0); // "0x5A" or "90": a profile's numeric code
        if (ok)
            m_state.dtcCodes.push_back(static_cast<double>(value));
    }
    const core::SafetyLimits limits
        = core::SafetyLimits::forChemistry(spec.chemistry, spec.series, 0);
    const double ratedAh = spec.nominalCapacityAh * spec.parallel;
    m_state.chargeCurrentLimitA = kChargeC * ratedAh;
    m_state.dischargeCurrentLimitA = kDischargeC * ratedAh;
    m_state.chargeVoltageLimitV = limits.cutoffMaxV * spec.series;
    m_state.dischargeVoltageLimitV = limits.cutoffMinV * spec.series;
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &ProfileBms::flushPolls);
    m_servedS.assign(m_decoder->profile().polls.size(), 0.0);
    m_servedWall.resize(m_decoder->profile().polls.size());
    sim.setReaderLimit([this] { return readerLimitS(); });
    connect(&sim, &BenchSimulator::advanced, this, &ProfileBms::onAdvanced);
    connect(m_transport.get(), &can::Transport::framesAvailable, this, &ProfileBms::onFrames);
    refreshState();
    onFrames(); // what arrived since the transport opened (it notifies once until read)
}

ProfileBms::~ProfileBms()
{
    m_sim.setReaderLimit({});
    m_transport->close();
}

void ProfileBms::setDeliveredCounter(Counter delivered)
{
    m_delivered = std::move(delivered);
    m_inFlight.clear();
    m_lastDelivered = m_delivered ? m_delivered() : 0;
    // What was sent before the reader joined the bus never reaches it: count from here.
    m_deliveredOffset = static_cast<std::int64_t>(m_sent) - static_cast<std::int64_t>(m_lastDelivered);
    m_deliveredWall.start();
}

double ProfileBms::readerLimitS()
{
    constexpr double kNone = std::numeric_limits<double>::infinity();
    if (m_sim.speed() <= 1.0 || silent())
        return kNone;
    double limitS = kNone;
    if (m_delivered) {
        const std::uint64_t delivered = m_delivered();
        if (delivered != m_lastDelivered) {
            m_lastDelivered = delivered;
            m_deliveredWall.start();
        }
        const auto received = static_cast<std::uint64_t>(
            std::max<std::int64_t>(0, static_cast<std::int64_t>(delivered) + m_deliveredOffset));
        while (!m_inFlight.empty() && m_inFlight.front().first <= received)
            m_inFlight.pop_front();
        // A reader that stopped reading (gone, hung) does not hold the pack for ever.
        if (!m_inFlight.empty() && m_deliveredWall.elapsed() <= kMaxReaderWaitMs)
            limitS = m_inFlight.front().second + BenchSimulator::kLeadS;
    }
    const std::vector<can::UdsPoll>& polls = m_decoder->profile().polls;
    for (std::size_t p = 0; p < polls.size(); ++p) {
        if (m_servedWall[p].isValid() && m_servedWall[p].elapsed() <= kMaxReaderWaitMs)
            limitS = std::min(
                limitS, m_servedS[p] + polls[p].periodMs * 1e-3 + BenchSimulator::kLeadS);
    }
    return limitS;
}

int ProfileBms::temperatureSlots() const
{
    int slotCount = m_encoder.fixedSlots(can::SnapshotField::Temperature);
    for (const can::FieldSource& f : m_decoder->profile().fields) {
        if (f.field == can::SnapshotField::Temperature && f.kind == can::FieldSource::Kind::Uds)
            slotCount = std::max(slotCount, f.index.base + f.uds.count);
    }
    return slotCount;
}

void ProfileBms::refreshState()
{
    const PackModel& pack = m_sim.pack();
    const core::BmsReading r = m_sim.bmsReading();
    m_state.timeS = pack.timeS();
    m_state.packVoltageV = pack.voltageV();
    m_state.packCurrentA = pack.currentA();
    m_state.cellVoltagesV = r.cellVoltagesV;
    m_state.socPct = r.socPct.value_or(0.0);
    m_state.fault = r.isolationFault;
    // Each temperature slot of the profile reports the hottest sensor of its share of the
    // series groups, or an open sensor's reading if one of them is open.
    const int sensors = static_cast<int>(r.temperaturesC.size());
    int slotCount = std::min(sensors, std::max(1, temperatureSlots()));
    if (pack.spec().temperatureSensors > 0)
        slotCount = std::min(slotCount, pack.spec().temperatureSensors);
    m_state.temperaturesC.assign(static_cast<std::size_t>(slotCount), -1e9);
    m_state.temperatureOpen.assign(static_cast<std::size_t>(slotCount), false);
    for (int g = 0; g < sensors; ++g) {
        const auto slot = static_cast<std::size_t>(g * slotCount / sensors);
        if (m_state.temperatureOpen[slot])
            continue;
        const bool open = sensorOpen(pack, g);
        const double t = r.temperaturesC[static_cast<std::size_t>(g)];
        m_state.temperaturesC[slot] = open ? t : std::max(m_state.temperaturesC[slot], t);
        m_state.temperatureOpen[slot] = open;
    }
}

bool ProfileBms::silent() const
{
    const PackModel& pack = m_sim.pack();
    return pack.faultActive(FaultSpec::Kind::BmsSilent)
        || pack.faultActive(FaultSpec::Kind::BusOff);
}

void ProfileBms::send(const std::vector<can::CanFrame>& frames)
{
    const std::uint64_t before = m_sent;
    for (const can::CanFrame& f : frames) {
        if (m_transport->send(f))
            ++m_sent;
    }
    if (!m_delivered || m_sent == before)
        return;
    const double nowS = m_sim.pack().timeS();
    if (!m_inFlight.empty() && m_inFlight.back().second == nowS)
        m_inFlight.back().first = m_sent;
    else
        m_inFlight.emplace_back(m_sent, nowS);
}

void ProfileBms::sendMessage(std::size_t m)
{
    std::vector<can::CanFrame> frames;
    if (auto ok = m_encoder.encode(m, m_state, frames); !ok)
        qWarning("packgrade-sim: %s", ok.error().c_str());
    send(frames);
}

void ProfileBms::sendGarbage()
{
    std::vector<can::CanFrame> frames;
    while (frames.size() < kGarbagePerRound) {
        can::CanFrame f;
        f.id = static_cast<std::uint32_t>(m_random() % (can::kMaxStandardId + 1));
        if (m_encoder.knownId(f.id, false))
            continue; // garbage must not be mistaken for the pack's own messages
        f.len = static_cast<std::uint8_t>(m_random() % 9);
        for (int i = 0; i < f.len; ++i)
            f.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(m_random() & 0xFFU);
        frames.push_back(f);
    }
    send(frames);
    m_garbage += frames.size();
}

void ProfileBms::sendAll()
{
    refreshState();
    if (silent())
        return;
    for (std::size_t m = 0; m < m_encoder.messages().size(); ++m)
        sendMessage(m);
    if (m_sim.pack().faultActive(FaultSpec::Kind::GarbageFrames))
        sendGarbage();
}

void ProfileBms::onAdvanced(double timeS)
{
    refreshState();
    if (silent()) {
        if (!m_reportedStop)
            qInfo("packgrade-sim: the BMS stops talking at %.1f s (%s)", timeS,
                m_sim.pack().faultActive(FaultSpec::Kind::BusOff) ? "bus_off" : "bms_silent");
        m_reportedStop = true;
        return;
    }
    bool any = false;
    for (std::size_t m = 0; m < m_nextS.size(); ++m) {
        if (timeS + 1e-9 < m_nextS[m])
            continue;
        sendMessage(m);
        any = true;
        const double periodS = m_encoder.messages()[m].periodMs * 1e-3;
        m_nextS[m] += periodS;
        if (m_nextS[m] <= timeS)
            m_nextS[m] = timeS + periodS; // a step longer than the period: once, newest values
    }
    if (any && m_sim.pack().faultActive(FaultSpec::Kind::GarbageFrames))
        sendGarbage();
}

void ProfileBms::onFrames()
{
    std::vector<can::CanFrame> frames;
    m_transport->takeFrames(frames);
    if (m_polls.empty() || silent())
        return;
    const std::int64_t now = can::nowUs();
    for (const can::CanFrame& f : frames)
        m_polls.onFrame(f, now, m_state);
    flushPolls();
}

void ProfileBms::flushPolls()
{
    const std::int64_t now = can::nowUs();
    m_polls.poll(now);
    std::vector<can::CanFrame> out;
    m_polls.takeFrames(out);
    send(out);
    bool moved = false;
    for (const PollServer::Completed& c : m_polls.takeCompleted()) {
        m_servedS[c.poll] = c.servedS;
        m_servedWall[c.poll].start();
        moved = true;
    }
    if (moved)
        m_sim.readerMoved();
    if (const auto next = m_polls.nextDeadlineUs())
        m_pollTimer.start(
            static_cast<int>(std::clamp<std::int64_t>((*next - now + 999) / 1000, 0, 60000)));
}

} // namespace pg::sim
