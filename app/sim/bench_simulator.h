#pragma once

#include "core/bench_io.h"
#include "pack_model.h"
#include "scpi_server.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>

namespace pg::sim {

// A pack on a bench with its load/PSU: the pack integrates in simulated time, `speed` times
// faster than the wall clock (1 for demos, 1000 or more for tests), and the load is driven over
// SCPI exactly as real lab equipment is. Runs in-process (tests) or in packgrade-sim.
class BenchSimulator : public QObject {
    Q_OBJECT
public:
    static tl::expected<std::unique_ptr<BenchSimulator>, QString> create(const PackSpec& spec, double speed);

    // Starts the SCPI server (0 = a free port) and the clock.
    bool start(quint16 scpiPort, QString* error = nullptr);
    void stop();
    // Advances simulated time by hand (the clock keeps running if started).
    void advance(double dtS);

    quint16 scpiPort() const { return m_scpi.port(); }
    const PackModel& pack() const { return m_pack; }
    PackModel& pack() { return m_pack; }
    ScpiServer& scpi() { return m_scpi; }
    double speed() const { return m_speed; }
    // Simulated time now, safe to call from any thread (the bench clock of a CAN reader).
    double simTimeS() const { return m_simTimeS.load(std::memory_order_relaxed); }
    // The pack current the load/PSU imposes now, with the supply's voltage limit (CV) applied.
    double benchCurrentA() const;

    // What the simulated BMS reports now: one voltage per series group, one temperature sensor
    // per group, the isolation flag. Safe to call from any thread. A silent or bus-off BMS stops
    // updating (its timeS stays where it went quiet).
    core::BmsReading bmsReading() const;

    // CLI.md `truth`: capacity_ah, soh_capacity, r0_ohm, cells [{capacity_ah, r0_ohm, soc_end}].
    QJsonObject truthJson() const;
    // The true state of charge over simulated time, as CSV (`simulate --truth-series`,
    // `packgrade-sim --truth-series`): time_s,current_a,soc_mean,soc_min,soc_max,temp_max_c, where
    // soc_mean is the cells' remaining charge over their capacity (charge-weighted), soc_min and
    // soc_max the emptiest and fullest cell; a row at least every simulated second the pack
    // moves, and one when the file is closed. An error names the file.
    tl::expected<void, QString> writeTruthSeries(const QString& path);
    void closeTruthSeries();

    // Pacing (speed > 1 only; at real time the pack runs on the wall clock whatever the bench
    // does, as a real pack would). While a bench client is measuring over SCPI, simulated time
    // moves only when it measures (lock-step), by at most kSettleS right after the setpoint
    // changed (the load's settling: the next measurement sees the step), kLeadS for kRelaxS after
    // a change (the pulse and the relaxation an HPPC fit needs), kSteadyLeadS under a steady
    // current (a cycler's 1 Hz), kRestLeadS at rest; never past the limit a reader of the
    // simulated BMS sets (ProfileBms: its poll answers may not get older than their period plus
    // kLeadS); never faster than `speed` either.
    static constexpr double kSettleS = 0.01;
    static constexpr double kLeadS = 0.5;
    static constexpr double kRelaxS = 120.0; // one tau2 of the simulated cells
    static constexpr double kSteadyLeadS = 1.0;
    static constexpr double kRestLeadS = 5.0;
    // The latest simulated time a reader of the simulated BMS allows now (+infinity: no limit).
    using TimeLimit = std::function<double()>;
    void setReaderLimit(TimeLimit limit) { m_readerLimit = std::move(limit); }
    // The reader's limit moved: measurements held back for it go on.
    void readerMoved();

Q_SIGNALS:
    void advanced(double timeS);

private:
    BenchSimulator(PackModel pack, double speed);
    void tick();
    void checkBenchFaults();
    void publishBms();
    bool paced() const;
    // How far the pack may advance now; `heldByReader` says the BMS reader's limit stopped it.
    double allowedStepS(bool forMeasurement, bool& heldByReader);
    bool prepareMeasurement();

    PackModel m_pack;
    double m_speed;
    ScpiServer m_scpi;
    QTimer m_timer;
    QTimer m_resume; // a measurement held for the reader asks again within 1 ms of wall time
    QElapsedTimer m_wall;
    qint64 m_lastNs = 0;
    double m_budgetS = 0; // simulated time the wall clock allows and the pack has not used yet
    double m_lastChangeS = -1e9; // when the setpoint last changed
    TimeLimit m_readerLimit;
    QElapsedTimer m_heldWall; // since a measurement was first held back for the reader
    bool m_scpiCut = false;
    mutable QMutex m_bmsMutex;
    core::BmsReading m_bms;
    std::atomic<double> m_simTimeS { 0.0 };
    std::unique_ptr<QFile> m_truthSeries;
    double m_truthWrittenS = -1e300;
    void writeTruthRow();
};

} // namespace pg::sim
