#pragma once

#include "bench_io.h"
#include "procedure.h"
#include "safety.h"
#include "session_recorder.h"

#include <QStringList>
#include <atomic>
#include <functional>

namespace pg::core {

struct RunOptions {
    double maxDurationS = 48 * 3600.0; // bench clock
    int realSleepMs = 100; // between samples on real equipment; 0 against a fast simulator
    const std::atomic<bool>* abortRequested = nullptr; // the technician's abort button
    const std::atomic<bool>* stopRequested = nullptr; // "stop early": the procedure ends in order
    // Called on the runner's thread after each step with the procedure and the events it gave
    // (a GUI's progress display); it must not block.
    std::function<void(const Procedure&, const QStringList& events)> observer;
};

struct RunResult {
    QString outcome; // "completed" | "aborted"
    QString abortReason;
    double durationS = 0;
    long samples = 0;
};

// Runs one procedure: sample the load and the BMS, check the limits, let the procedure choose
// the setpoint, record everything. On any fault, user abort or limit, the load is switched off
// before anything else is done, then the reason is recorded; the data so far stays.
RunResult runProcedure(Procedure& procedure, BenchLoad& load, BmsSource& bms,
    const SafetyLimits& limits, SessionRecorder& recorder, const RunOptions& options = {});

} // namespace pg::core
