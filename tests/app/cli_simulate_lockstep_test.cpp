// Issue 5 done-means: a 96-cell pack (the 96s2p Leaf 40 kWh class spec) through the complete
// HPPC at 1000x, its BMS read (a) in-process, (b) over virtualcan through the foxbms2 profile
// (broadcast: 96 cells in multiplexed frames) and (c) over virtualcan through the Leaf's own
// profile (the 96 cells in the G02 group poll, 28 ISO-TP frames with flow control after every
// frame; three levels, since its ~110,000 flow-control round trips make the complete run a
// matter of minutes: tests/bench/sim_hppc_bench.sh times the complete one). Before the simulator
// kept pace with its readers, the G02 answer was 100+ s of simulated time old when it arrived
// (one run in two ended in a safety stop on a stale weak cell) and a 10 s pulse had too few
// samples for the 2RC fit (R0 "not measured" above ~100x). The truth is the simulator's own
// (`truth` of `simulate --json`: the pack's R0, R1 at 25 degC and their Arrhenius factor), not
// anything the assessment computed; how long a run takes is the benchmark's business.
#include "test_paths.h"
#include "tool_runner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <numeric>
#include <vector>

using namespace pg::test;

namespace {

struct Row {
    double timeS = 0;
    double currentA = 0;
    double voltageV = 0;
    double tempC = std::nan("");
};

std::vector<Row> readSeries(const QString& path)
{
    std::vector<Row> out;
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    f.readLine(); // header: time_s,current_a,voltage_v,temperature_c
    while (!f.atEnd()) {
        const QList<QByteArray> c = f.readLine().trimmed().split(',');
        if (c.size() < 3)
            continue;
        Row r { c[0].toDouble(), c[1].toDouble(), c[2].toDouble() };
        if (c.size() > 3 && !c[3].isEmpty())
            r.tempC = c[3].toDouble();
        out.push_back(r);
    }
    return out;
}

// cells.csv: time and the mean of the BMS's cell voltages at that sample.
std::vector<std::pair<double, double>> readMeanCells(const QString& path, double& lowestV)
{
    std::vector<std::pair<double, double>> out;
    lowestV = INFINITY;
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    const QList<QByteArray> header = f.readLine().trimmed().split(',');
    while (!f.atEnd()) {
        const QList<QByteArray> c = f.readLine().trimmed().split(',');
        double sum = 0;
        int n = 0;
        for (int k = 1; k < header.size() && k < c.size(); ++k) {
            if (!header[k].startsWith("cell_") || c[k].isEmpty())
                continue;
            sum += c[k].toDouble();
            lowestV = std::min(lowestV, c[k].toDouble());
            ++n;
        }
        if (n > 0)
            out.emplace_back(c[0].toDouble(), sum / n);
    }
    return out;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

struct HppcCase {
    const char* name;
    const char* profile; // the pack profile the simulated BMS speaks (spec key "profile")
    const char* bms; // simulate --bms
    int levels; // 0: the procedure's own (9)
    int minPulsed; // levels that must be pulsed and assessed
};

class CliSimulateLockstep : public ::testing::TestWithParam<HppcCase> {
};

TEST_P(CliSimulateLockstep, NinetySixCellPackAt1000xMeasuresEveryPulseAgainstTheTruth)
{
    const HppcCase& c = GetParam();
    QTemporaryDir dir;
    QJsonObject spec = readJson(QStringLiteral(RESOURCES_DIR "/sim/leaf-40kwh-aged.json"));
    ASSERT_EQ(spec.value(QStringLiteral("series")).toInt(), 96);
    spec[QStringLiteral("profile")] = QLatin1String(c.profile);
    const QString specPath = dir.filePath(QStringLiteral("pack.json"));
    {
        QFile f(specPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(spec).toJson());
    }
    QStringList args { QStringLiteral("simulate"), QStringLiteral("--pack"), specPath,
        QStringLiteral("--procedure"), QStringLiteral("hppc"), QStringLiteral("--speed"),
        QStringLiteral("1000"), QStringLiteral("--bms"), QLatin1String(c.bms),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("s")), QStringLiteral("--json") };
    if (c.levels > 0)
        args << QStringLiteral("--levels") << QString::number(c.levels);
    const auto r = runTool(binPath(QStringLiteral("cli/packgrade-cli")), args,
        1100000); // minutes on a loaded machine over the Leaf's polls (ctest gives 1200 s)
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QString session = o.value(QStringLiteral("session_dir")).toString();
    ASSERT_EQ(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << o.value(QStringLiteral("abort_reason")).toString().toStdString();

    // No safety stop and no BMS-silent / stale trip on the way.
    QFile events(QDir(session).filePath(QStringLiteral("events.jsonl")));
    ASSERT_TRUE(events.open(QIODevice::ReadOnly));
    while (!events.atEnd()) {
        const QJsonObject e = QJsonDocument::fromJson(events.readLine()).object();
        EXPECT_NE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("safety-stop"))
            << e.value(QStringLiteral("text")).toString().toStdString();
    }
    // The BMS's cells came over the bus (the Leaf's G02 poll answered, read through the profile)
    // and never crossed the chemistry's safety floor (SafetyLimits::forChemistry("nmc")).
    double lowestCellV = 0;
    const auto meanCells
        = readMeanCells(QDir(session).filePath(QStringLiteral("cells.csv")), lowestCellV);
    ASSERT_FALSE(meanCells.empty());
    EXPECT_GE(lowestCellV, 2.3);
    QFile canLog(QDir(session).filePath(QStringLiteral("can.log")));
    ASSERT_EQ(canLog.open(QIODevice::ReadOnly), QLatin1String(c.bms) == QLatin1String("can"));
    if (QLatin1String(c.profile) == QLatin1String("nissan-leaf-lbc") && canLog.isOpen()) {
        EXPECT_TRUE(canLog.readAll().contains("7BB#")); // the G02 answers went over the bus
    }


    const QJsonObject truth = o.value(QStringLiteral("truth")).toObject();
    const double r0At25 = truth.value(QStringLiteral("r0_ohm")).toDouble();
    const double r1At25 = truth.value(QStringLiteral("r1_ohm")).toDouble();
    const double bK = truth.value(QStringLiteral("arrhenius_b_k")).toDouble();
    ASSERT_GT(r0At25, 0);
    ASSERT_GT(r1At25, 0);
    ASSERT_GT(bK, 0);
    const std::vector<Row> series = readSeries(QDir(session).filePath(QStringLiteral("timeseries.csv")));
    const QJsonObject steps = readJson(QDir(session).filePath(QStringLiteral("steps.json")));
    int pulsed = 0;
    for (const QJsonValue& s : steps.value(QStringLiteral("steps")).toArray()) {
        if (s.toObject().value(QStringLiteral("type")).toString() == QLatin1String("hppc"))
            pulsed = s.toObject()
                         .value(QStringLiteral("result"))
                         .toObject()
                         .value(QStringLiteral("levels_pulsed"))
                         .toInt();
    }
    const QJsonArray pulses = o.value(QStringLiteral("estimates"))
                                  .toObject()
                                  .value(QStringLiteral("hppc"))
                                  .toObject()
                                  .value(QStringLiteral("pulses"))
                                  .toArray();
    // The aged pack (82 % capacity) reaches the cut-off before the last of the 9 levels; every
    // level it pulsed is assessed.
    ASSERT_GE(pulsed, c.minPulsed);
    ASSERT_EQ(pulses.size(), pulsed);
    for (const QJsonValue& v : pulses) {
        const QJsonObject p = v.toObject();
        const double onsetS = p.value(QStringLiteral("time_s")).toDouble();
        SCOPED_TRACE(QStringLiteral("pulse at %1 s").arg(onsetS).toStdString());
        ASSERT_TRUE(p.contains(QStringLiteral("r0_ohm")))
            << p.value(QStringLiteral("error")).toString().toStdString();
        // The truth at the pack's temperature during the pulse: the BMS's hottest sensor
        // (Leaf G04, 1 degC steps), the mean over the pulse's ten seconds.
        double tSum = 0;
        int tN = 0;
        for (const Row& row : series) {
            if (row.timeS >= onsetS && row.timeS <= onsetS + 10 && !std::isnan(row.tempC)) {
                tSum += row.tempC;
                ++tN;
            }
        }
        ASSERT_GT(tN, 0);
        const double factor = std::exp(bK * (1.0 / (tSum / tN + 273.15) - 1.0 / 298.15));
        const double r0 = p.value(QStringLiteral("r0_ohm")).toObject().value(QStringLiteral("value")).toDouble();
        const double r1 = p.value(QStringLiteral("r1_ohm")).toDouble();
        // R0: the load's measurement right after the step sees the step (within the load's 10 ms
        // settling), so the fit pins R0; left: the BMS's temperature (hottest sensor, 1 degC
        // steps: up to ~1.3 % in the Arrhenius factor) and the 96 groups' current sharing between
        // two parallel cells of different R. 3 % covers both.
        EXPECT_NEAR(r0 / (r0At25 * factor), 1.0, 0.03) << "R0 " << r0 << " truth " << r0At25 * factor;
        // R1 (tau1 = 8 s) comes from the pulse's 10 s and the 40 s rest, sampled at most every
        // 0.5 s of simulated time; the OCV's fall under the pulse (not in the fit's model) and the
        // slow branch (tau2 = 120 s, only partly seen in 50 s) pull on it: 15 %.
        EXPECT_NEAR(r1 / (r1At25 * factor), 1.0, 0.15) << "R1 " << r1 << " truth " << r1At25 * factor;
        // The BMS's cells were fresh during the pulse: within the pulse's last 5 s their mean
        // agrees with the load's pack voltage / 96 (a cell set from before the pulse would read
        // the rest voltage, R0 x I = about 80 mV per cell higher).
        double packV = 0, closest = INFINITY;
        for (const Row& row : series) {
            if (row.timeS < onsetS + 5 || row.timeS > onsetS + 10)
                continue;
            packV = row.voltageV;
            for (const auto& [t, meanV] : meanCells) {
                if (std::abs(t - row.timeS) < 5e-4)
                    closest = std::min(closest, std::abs(meanV - packV / 96.0));
            }
        }
        EXPECT_LT(closest, 0.010) << "no fresh cell set in the pulse's last 5 s";
    }
}

INSTANTIATE_TEST_SUITE_P(Bms, CliSimulateLockstep,
    ::testing::Values(HppcCase { "InProcess", "nissan-leaf-lbc", "direct", 0, 4 },
        HppcCase { "Foxbms2OverCan", "foxbms2", "can", 0, 4 },
        HppcCase { "LeafPollsOverCan", "nissan-leaf-lbc", "can", 3, 3 }),
    [](const ::testing::TestParamInfo<HppcCase>& tp) { return std::string(tp.param.name); });
