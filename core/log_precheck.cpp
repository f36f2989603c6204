#include "log_precheck.h"

#include "safety.h"
#include "session_files.h"

#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

    // Recorded BMS values: a cell voltage is taken to +-1 mV, a sensor to +-0.5 degC, a
    // BMS-reported SoH (unverified by any measurement) to +-5 % (house assumptions, stated).
    constexpr double kCellStderrV = 0.001;
    constexpr double kTempStderrC = 0.5;
    constexpr double kBmsSohStderr = 0.05;

    std::vector<double> usableValues(const std::vector<SnapshotValue>& values)
    {
        std::vector<double> out;
        for (const SnapshotValue& v : values)
            if (v.present && v.valid)
                out.push_back(v.value);
        return out;
    }

    models::Estimate spread(
        const std::vector<double>& x, double stderrOne, const std::string& method)
    {
        models::Estimate e;
        if (x.size() < 2)
            return e;
        const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
        e.value = *hi - *lo;
        e.stderrValue = std::sqrt(2.0) * stderrOne;
        e.method = method;
        return e;
    }

    void checkCells(const ProfileReplay& r, const SafetyLimits& limits, LogPrecheck& p)
    {
        const auto it = r.fields.find(QStringLiteral("cell_voltage_v"));
        if (it == r.fields.end() || it->second.count == 0) {
            p.notes.append(
                QStringLiteral("the log gives no cell voltages: no spread, no floor check"));
            return;
        }
        const FieldStats& st = it->second;
        p.summary[QStringLiteral("cell_min_v")] = st.min;
        p.summary[QStringLiteral("cell_max_v")] = st.max;
        if (st.min < limits.hazardFloorV)
            p.hazards.append(QStringLiteral(
                "a cell at %1 V, below the %2 floor of %3 V: copper dissolution risk, unsafe to "
                "charge or test")
                                 .arg(st.min, 0, 'f', 3)
                                 .arg(p.assessment.chemistry)
                                 .arg(limits.hazardFloorV));
        if (st.max > limits.cellMaxV)
            p.hazards.append(QStringLiteral(
                "a cell at %1 V, over the %2 maximum of %3 V: overcharged, unsafe to test")
                                 .arg(st.max, 0, 'f', 3)
                                 .arg(p.assessment.chemistry)
                                 .arg(limits.cellMaxV));
        const std::vector<double> cells = usableValues(r.last.cellVoltagesV);
        QJsonArray arr;
        for (double v : cells)
            arr.append(v);
        p.summary[QStringLiteral("cell_voltages_v")] = arr;
        p.assessment.cellVoltageSpreadV
            = spread(cells, kCellStderrV, "max - min BMS cell voltage at the end of the log");
    }

    void checkTemperatures(const ProfileReplay& r, const SafetyLimits& limits, LogPrecheck& p)
    {
        const std::vector<double> temps = usableValues(r.last.temperaturesC);
        if (temps.empty()) {
            p.notes.append(QStringLiteral("the log gives no temperatures"));
            return;
        }
        const double hottest = *std::max_element(temps.begin(), temps.end());
        p.summary[QStringLiteral("temperature_max_c")] = hottest;
        if (hottest > limits.maxTempC)
            p.assessment.dtcClasses.append(QStringLiteral("thermal"));
        p.assessment.temperatureSpreadC
            = spread(temps, kTempStderrC, "max - min BMS temperature at the end of the log");
    }

    void readBms(const ProfileReplay& r, LogPrecheck& p)
    {
        const SnapshotValue& soh = r.last.get(can::SnapshotField::Soh);
        if (soh.present && soh.valid) {
            p.assessment.bmsSohCapacity = soh.value / 100.0;
            p.assessment.sohCapacity = { soh.value / 100.0, kBmsSohStderr,
                "bms-reported SoH (unverified; +-5 % assumed)", {} };
            p.summary[QStringLiteral("bms_soh_pct")] = soh.value;
        } else {
            p.notes.append(QStringLiteral("the log gives no BMS SoH: soh_capacity not measured"));
        }
        const SnapshotValue& soc = r.last.get(can::SnapshotField::Soc);
        if (soc.present && soc.valid)
            p.summary[QStringLiteral("bms_soc_pct")] = soc.value;
        const SnapshotValue& fault = r.last.get(can::SnapshotField::FaultActive);
        if (fault.present && fault.valid && fault.value != 0.0)
            p.assessment.dtcClasses.append(QStringLiteral("bms_fault"));
        QJsonArray dtcs;
        for (double code : usableValues(r.last.dtcs))
            dtcs.append(code);
        if (!dtcs.isEmpty())
            p.assessment.dtcClasses.append(QStringLiteral("unclassified_dtc"));
        p.summary[QStringLiteral("dtcs")] = dtcs;
    }

} // namespace

tl::expected<LogPrecheck, Error> precheckFromLog(
    const QString& logPath, const QString& profile, const PrecheckOptions& o)
{
    auto replay = replayWithProfile(logPath, profile);
    if (!replay)
        return tl::unexpected(replay.error());
    LogPrecheck p;
    p.logSha256 = sha256OfFile(logPath).value_or(QString());
    Assessment& a = p.assessment;
    a.chemistry = o.chemistry;
    a.nominalCapacityAh = o.nominalCapacityAh;
    const SnapshotValue& serial = replay->last.get(can::SnapshotField::Serial);
    a.packSerial = serial.present && !serial.text.isEmpty() ? serial.text
        : !o.serial.isEmpty()                               ? o.serial
                              : QStringLiteral("LOG-") + p.logSha256.left(12);
    a.vin = replay->last.get(can::SnapshotField::Vin).text;
    a.partNumber = replay->last.get(can::SnapshotField::PartNumber).text;
    const SafetyLimits limits
        = SafetyLimits::forChemistry(o.chemistry, replay->last.cellCount(), 0.0);
    p.summary[QStringLiteral("profile")] = replay->profile;
    p.summary[QStringLiteral("snapshots")] = static_cast<double>(replay->snapshots);
    checkCells(*replay, limits, p);
    checkTemperatures(*replay, limits, p);
    readBms(*replay, p);
    p.notes.append(QStringLiteral("isolation is not in the profile's vocabulary: not checked"));
    return p;
}

void applyHazards(const LogPrecheck& precheck, GradeResult& g)
{
    if (precheck.hazards.isEmpty())
        return;
    g.grade = QStringLiteral("recycle");
    g.targetApplication.clear();
    g.fallbackGrade.clear();
    g.retestTests.clear();
    QStringList reasons;
    for (const QString& h : precheck.hazards)
        reasons.append(QStringLiteral("recycle hazard (pre-check): ") + h);
    g.reasons = reasons + g.reasons;
}

} // namespace pg::core
