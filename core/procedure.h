#pragma once

#include "bench_io.h"
#include "safety.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace pg::core {

// What the load/PSU should do.
struct Setpoint {
    enum class Mode { Off, Discharge, Charge };
    Mode mode = Mode::Off;
    double currentA = 0;
    double voltageLimitV = 0; // charge only
    bool operator==(const Setpoint&) const = default;
};

struct StepInput {
    LoadMeasurement load;
    std::optional<BmsReading> bms;
};

// The pack as the procedures need to know it (from the profile, the inventory or the user).
struct PackRating {
    QString chemistry = QStringLiteral("nmc");
    int series = 16;
    double capacityAh = 5.0; // nominal, of the pack (all parallel cells together)
};

// A test procedure: a state machine the runner feeds one sample at a time. It decides the
// load's setpoint; the runner enforces safety around it. Procedures never touch the load.
class Procedure {
public:
    virtual ~Procedure() = default;
    virtual QString name() const = 0;
    // Setpoint for this sample (the runner applies it only when it changed).
    virtual Setpoint step(const StepInput& in) = 0;
    bool done() const { return m_done; }
    QString phase() const { return m_phase; }
    // A passive procedure only reads the pack at rest with the load off: a low cell is then a
    // finding for the procedure (the recycle-hazard path), not a reason to stop.
    virtual bool passive() const { return false; }
    // What the procedure found (OCV per cell, pre-check findings, ...), for the session folder.
    virtual QJsonObject result() const { return {}; }
    // True when the procedure found the pack unsafe to test further: a plan ends after it.
    bool stopsPlan() const { return m_stopsPlan; }
    // The technician asks to stop early but in order (not an abort): by default the procedure
    // ends now; the capacity test rests first so that a partial capacity can be estimated.
    virtual void requestStop() { finish(QStringLiteral("stopped early by the user")); }
    // Events worth a line in the session log ("discharge pulse 3 at SoC 0.6"); taken once.
    QStringList takeEvents();

protected:
    void setPhase(const QString& phase);
    void finish(const QString& why);
    bool m_done = false;
    bool m_stopsPlan = false;
    QString m_phase;
    QStringList m_events;
};

// Capacity: charge to full first (CC-CV to the chemistry's maximum, the voltage limit lowered
// so that the highest cell never passes it, until the current tapers), rest, CC discharge to the
// cut-off of the pack and of the weakest cell, rest, and optionally charge back to a storage SoC.
struct CapacityOptions {
    bool chargeFirst = true;
    double chargeCRate = 0.5;
    double taperCRate = 0.05; // CV ends when the charge current falls under this
    double restS = 600; // after the charge
    double dischargeCRate = 1.0 / 3.0;
    double finalRestS = 600;
    std::optional<double> storageSoc; // charge back to this fraction of the measured capacity
};
std::unique_ptr<Procedure> makeCapacityProcedure(const PackRating& pack, const SafetyLimits& limits,
    const CapacityOptions& options = {});
// Charge to full alone (CC-CV as in the capacity test), then rest: before an HPPC from 100 %.
std::unique_ptr<Procedure> makeChargeProcedure(const PackRating& pack, const SafetyLimits& limits,
    const CapacityOptions& options = {});

// OCV: load off, rest until every cell's |dV/dt| over `windowS` is under the threshold (or
// `maxS` passed), then OCV per cell and SoC per cell from the chemistry's OCV table.
struct OcvOptions {
    double thresholdVPerS = 0.1e-3 / 60.0; // 0.1 mV per minute
    double windowS = 60;
    double minS = 60;
    double maxS = 3600;
};
std::unique_ptr<Procedure> makeOcvProcedure(const PackRating& pack, const OcvOptions& options = {});

// Pre-check (quick grade): no load. Reads the pack at rest for `durationS`: cell voltages and
// spread, temperatures, BMS SoC/SoH, DTCs, isolation. A cell under the chemistry's floor or a
// hazard DTC ends the plan with the verdict "recycle-hazard"; otherwise a provisional grade input.
struct PreCheckOptions {
    double durationS = 10;
    QStringList hazardDtcs { QStringLiteral("P0A7E"), QStringLiteral("swell"), QStringLiteral("thermal"),
        QStringLiteral("overtemp"), QStringLiteral("venting") }; // code or case-insensitive text
};
std::unique_ptr<Procedure> makePreCheckProcedure(const PackRating& pack, const SafetyLimits& limits,
    const PreCheckOptions& options = {});
// The findings of a pre-check from one reading at rest (pure; also used by the GUI).
QJsonObject preCheckFindings(const BmsReading& reading, const SafetyLimits& limits, const PreCheckOptions& options);
// HPPC after the USABC manual's pattern, scaled to the pack: at each level a rest, a 10 s
// discharge pulse, 40 s rest, a 10 s charge pulse at 0.75 of it, 40 s rest, then C/3 down by
// `stepSoc` to the next level.
struct HppcOptions {
    int levels = 9;
    double stepSoc = 0.1;
    double pulseCRate = 1.0;
    double restS = 300; // USABC asks for 1 h; shorter is a documented deviation
    double pulseS = 10;
    double pulseRestS = 40;
};
std::unique_ptr<Procedure> makeHppcProcedure(const PackRating& pack, const SafetyLimits& limits, const HppcOptions& options = {});

} // namespace pg::core
