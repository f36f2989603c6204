// The simulated pack's BMS on a real bus (Qt virtualcan), read back by the product's reader
// (core::CanBmsSource: transport, profile, ISO-TP polls, snapshot assembly): every value must
// match the simulator's own ground truth within the resolution the profile's DBC gives it.
#include "can/dbc_database.h"
#include "core/safety.h"
#include "sim_bus_fixture.h"
#include "test_paths.h"
#include "tool_runner.h"
#include "virtual_bus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>

using namespace pg;
using can::SnapshotField;

namespace {

// Half a step of the raw value, in snapshot units: DBC factor x |profile scale| / 2 (for poll
// answers the raw step is 1, so |scale| / 2). The widest of the field's mappings.
double resolution(const can::ProfileDecoder& d, SnapshotField field)
{
    double half = 0;
    for (const can::FieldSource& f : d.profile().fields) {
        if (f.field != field)
            continue;
        double step = std::abs(f.scale);
        if (f.kind == can::FieldSource::Kind::Signal) {
            const can::DbcMessage* m = d.database().findMessage(f.signal.message);
            const QRegularExpression re(
                QStringLiteral("^(?:%1)$").arg(QString::fromStdString(f.signal.signal)));
            for (const can::DbcSignal& s : m->signalList) {
                if (f.signal.pattern ? re.match(QString::fromStdString(s.name)).hasMatch()
                                     : s.name == f.signal.signal)
                    step = std::max(step, std::abs(s.factor * f.scale));
            }
        }
        half = std::max(half, step / 2);
    }
    return half + 1e-9;
}

struct Truth {
    double packV = 0, packI = 0, socPct = 0, sohPct = 0, capacityAh = 0;
    std::vector<double> cells, temps;
};

// The simulator's truth now; temperatures reduced to `slotCount` sensors the way the simulated BMS
// documents it (each slot: the hottest of its share of the series groups).
Truth truthOf(const sim::BenchSimulator& b, int slotCount)
{
    Truth t;
    const sim::PackModel& p = b.pack();
    t.packV = p.voltageV();
    t.packI = p.currentA();
    const sim::PackTruth pt = p.truth();
    t.sohPct = 100 * pt.sohCapacity;
    t.capacityAh = pt.capacityAh;
    double soc = 0;
    for (int k = 0; k < p.cellCount(); ++k)
        soc += p.cell(k).state().soc;
    t.socPct = 100 * soc / p.cellCount();
    for (int g = 0; g < p.series(); ++g)
        t.cells.push_back(p.groupVoltageV(g));
    t.temps.assign(static_cast<std::size_t>(slotCount), -1e9);
    for (int g = 0; g < p.series() && slotCount > 0; ++g) {
        double& slot = t.temps[static_cast<std::size_t>(g * slotCount / p.series())];
        slot = std::max(slot, p.sensorTempC(g * p.parallel()));
    }
    return t;
}

struct Case {
    const char* profile;
    int series;
    int parallel;
    double cellAh;
};

QByteArray specJson(
    const char* profile, int series, int parallel, double ah, const char* extra = "")
{
    return QStringLiteral(
        R"({"profile": "%1", "series": %2, "parallel": %3, "nominal_capacity_ah": %4,
        "soh_capacity": 0.86, "resistance_growth": 1.3, "soc": 0.7, "seed": 11 %5})")
        .arg(QLatin1String(profile))
        .arg(series)
        .arg(parallel)
        .arg(ah)
        .arg(QLatin1String(extra))
        .toUtf8();
}

using Rig = test::SimRig;

bool freshAt(const core::SnapshotValue& v, double t)
{
    return v.present && v.updatedS >= t - 1e-6;
}

// Every physical field the profile maps has been received since simulated time `t`.
bool complete(const core::PackSnapshot& s, const can::ProfileDecoder& d, int series, double t)
{
    for (const can::FieldSource& f : d.profile().fields) {
        if (f.field == SnapshotField::CellVoltage) {
            if (s.cellCount() < series)
                return false;
            for (const auto& v : s.cellVoltagesV)
                if (!freshAt(v, t))
                    return false;
        } else if (f.field == SnapshotField::Temperature) {
            if (s.temperaturesC.empty() || !freshAt(s.temperaturesC.back(), t))
                return false;
        } else if (can::fieldInfo(f.field).shape == can::FieldShape::Scalar
            && !freshAt(s.get(f.field), t)) {
            return false;
        }
    }
    return true;
}

// Lets the BMS speak (rounds now and then: the bus server registers clients asynchronously)
// until the reader has all of it.
core::PackSnapshot readEverything(Rig& r, int series)
{
    const double t = r.bench->simTimeS();
    int rounds = 0;
    core::PackSnapshot s;
    const bool ok = test::runUntil(
        [&] {
            if (rounds++ % 20 == 0)
                r.bms->sendAll();
            s = r.reader->snapshot();
            return complete(s, r.bms->decoder(), series, t);
        },
        10000);
    EXPECT_TRUE(ok) << "the reader did not get every field; stats: frames "
                    << r.reader->stats().frames << ", polls answered "
                    << r.reader->stats().pollAnswers << ", poll errors "
                    << r.reader->stats().pollErrors << " "
                    << r.reader->stats().lastPollError.toStdString();
    return s;
}

void expectScalar(
    const core::PackSnapshot& s, const can::ProfileDecoder& d, SnapshotField f, double truth)
{
    if (!s.get(f).present)
        return; // the profile does not carry it
    EXPECT_NEAR(s.get(f).value, truth, resolution(d, f)) << can::fieldInfo(f).key;
}

} // namespace

class ProfileBmsOverBus : public testing::TestWithParam<Case> { };

TEST_P(ProfileBmsOverBus, ReadBackMatchesGroundTruthWithinProfileResolution)
{
    const Case& c = GetParam();
    Rig r = test::startRig(specJson(c.profile, c.series, c.parallel, c.cellAh),
        test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    const sim::PackSpec& spec = r.bench->pack().spec();
    test::scpi(r.bench->scpiPort(),
        QByteArray("CURR ") + QByteArray::number(0.5 * spec.nominalCapacityAh * spec.parallel)
            + ";INP ON");
    r.bench->advance(120); // discharging: current, voltage and SoC move away from rest
    ASSERT_GT(r.bench->pack().currentA(), 1.0);
    const core::PackSnapshot s = readEverything(r, spec.series);
    const can::ProfileDecoder& d = r.bms->decoder();
    const Truth t = truthOf(*r.bench, static_cast<int>(s.temperaturesC.size()));

    expectScalar(s, d, SnapshotField::PackVoltage, t.packV);
    expectScalar(s, d, SnapshotField::PackCurrent, t.packI);
    expectScalar(s, d, SnapshotField::Soc, t.socPct);
    expectScalar(s, d, SnapshotField::Soh, t.sohPct);
    expectScalar(s, d, SnapshotField::CapacityAh, t.capacityAh);
    if (!s.cellVoltagesV.empty()) {
        ASSERT_EQ(s.cellCount(), spec.series);
        for (int k = 0; k < spec.series; ++k)
            EXPECT_NEAR(s.cellVoltagesV[static_cast<std::size_t>(k)].value,
                t.cells[static_cast<std::size_t>(k)], resolution(d, SnapshotField::CellVoltage))
                << "cell " << k;
    }
    for (std::size_t k = 0; k < s.temperaturesC.size(); ++k)
        EXPECT_NEAR(s.temperaturesC[k].value, t.temps[k], resolution(d, SnapshotField::Temperature))
            << "sensor " << k;
    const core::BmsReading reading = *r.reader->latest();
    EXPECT_FALSE(reading.isolationFault);
    EXPECT_NEAR(reading.timeS, r.bench->simTimeS(), 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Profiles, ProfileBmsOverBus,
    testing::Values(Case { "foxbms2", 96, 1, 5.0 }, Case { "orion-bms2", 16, 1, 5.0 },
        Case { "inverter-can", 16, 1, 100.0 }, Case { "nissan-leaf-lbc", 96, 2, 56.3 }),
    [](const testing::TestParamInfo<Case>& i) {
        std::string n = i.param.profile;
        std::replace(n.begin(), n.end(), '-', '_');
        return n;
    });

// A foxBMS 2 pack with fewer cells and sensors than its frames hold (10 cells: the third 0x250
// frame carries 2 unused slots; 4 sensors: the one 0x260 frame carries 2), one cell heated by a
// fault so the sensors really differ: exactly 10 cells and 4 temperatures come back, and the
// temperature spread is the simulator's, not 25 K of phantom 0 degC slots.
TEST(ProfileBmsSlots, FoxbmsPackWithFewerCellsAndSensorsThanSlots)
{
    Rig r = test::startRig(specJson("foxbms2", 10, 1, 5.0,
                               R"(, "temperature_sensors": 4, "faults": [{"kind": "overtemperature",
                                   "cell": 7, "at_s": 0}])"),
        test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    r.bench->advance(300); // the faulty cell is about 10 K above the others
    const core::PackSnapshot s = readEverything(r, 10);
    // Another round or two: the flagged slots keep coming and must never lengthen the arrays.
    const std::uint64_t framesBefore = r.reader->stats().frames;
    r.bms->sendAll();
    ASSERT_TRUE(test::runUntil([&] { return r.reader->stats().frames > framesBefore + 4; }));
    const core::PackSnapshot after = r.reader->snapshot();
    const can::ProfileDecoder& d = r.bms->decoder();
    const Truth t = truthOf(*r.bench, 4);
    for (const core::PackSnapshot* snap : { &s, &after }) {
        ASSERT_EQ(snap->cellCount(), 10);
        ASSERT_EQ(snap->temperaturesC.size(), 4U);
        for (std::size_t k = 0; k < 10; ++k) {
            ASSERT_TRUE(snap->cellVoltagesV[k].present) << k;
            EXPECT_NEAR(snap->cellVoltagesV[k].value, t.cells[k],
                resolution(d, SnapshotField::CellVoltage))
                << "cell " << k;
        }
    }
    std::vector<double> temps;
    for (std::size_t k = 0; k < 4; ++k) {
        ASSERT_TRUE(after.temperaturesC[k].present) << k;
        EXPECT_NEAR(after.temperaturesC[k].value, t.temps[k],
            resolution(d, SnapshotField::Temperature))
            << "sensor " << k;
        temps.push_back(after.temperaturesC[k].value);
    }
    const auto [tlo, thi] = std::minmax_element(t.temps.begin(), t.temps.end());
    const auto [lo, hi] = std::minmax_element(temps.begin(), temps.end());
    ASSERT_GT(*thi - *tlo, 5.0) << "the fault should have heated one sensor's share";
    EXPECT_NEAR(*hi - *lo, *thi - *tlo, 2 * resolution(d, SnapshotField::Temperature));
    // What the procedures and the grade read: the same 10 cells and 4 sensors.
    const core::BmsReading reading = *r.reader->latest();
    EXPECT_EQ(reading.cellVoltagesV.size(), 10U);
    EXPECT_EQ(reading.temperaturesC.size(), 4U);
}

// The 12-cell demo pack fills the frames exactly (3 x 4 cells, 2 x 6 sensors): unchanged, 12
// cells and 12 temperatures, each the simulator's within the DBC's resolution.
TEST(ProfileBmsSlots, FoxbmsTwelveCellPackIsUnchanged)
{
    Rig r = test::startRig(
        specJson("foxbms2", 12, 1, 5.0), test::sharedVirtualBus(), test::sharedVirtualBus());
    ASSERT_TRUE(r.ok());
    r.bench->advance(10);
    const core::PackSnapshot s = readEverything(r, 12);
    const can::ProfileDecoder& d = r.bms->decoder();
    const Truth t = truthOf(*r.bench, 12);
    ASSERT_EQ(s.cellCount(), 12);
    int rounds = 0;
    ASSERT_TRUE(test::runUntil(
        [&] {
            if (rounds++ % 20 == 0)
                r.bms->sendAll();
            return r.reader->snapshot().temperaturesC.size() >= 12;
        },
        10000));
    const core::PackSnapshot full = r.reader->snapshot();
    ASSERT_EQ(full.temperaturesC.size(), 12U);
    for (std::size_t k = 0; k < 12; ++k) {
        EXPECT_NEAR(full.cellVoltagesV[k].value, t.cells[k], resolution(d, SnapshotField::CellVoltage))
            << "cell " << k;
        EXPECT_NEAR(full.temperaturesC[k].value, t.temps[k], resolution(d, SnapshotField::Temperature))
            << "sensor " << k;
    }
}
