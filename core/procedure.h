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
    // Events worth a line in the session log ("discharge pulse 3 at SoC 0.6"); taken once.
    QStringList takeEvents();

protected:
    void setPhase(const QString& phase);
    void finish(const QString& why);
    bool m_done = false;
    QString m_phase;
    QStringList m_events;
};

// Pre-check: no load; watches the pack at rest for `durationS`.
std::unique_ptr<Procedure> makeQuickProcedure(const PackRating& pack, const SafetyLimits& limits, double durationS = 10);
// Capacity: rest, CC discharge at C/3 to the cut-off (weakest cell when the BMS gives cells),
// rest to see the recovery.
std::unique_ptr<Procedure> makeCapacityProcedure(const PackRating& pack, const SafetyLimits& limits,
    double restS = 60, double finalRestS = 300);
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
