// Parse rate of recorded logs on one core. The 1,000,000-frame log is written by
// make_candump_log.py (same shape as the whole-process comparison with python-can).
#include "can/log_reader.h"
#include "core/replay_summary.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

namespace {

const QString& benchLog()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString p = dir.filePath(QStringLiteral("bench-1M.log"));
        QProcess::execute(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(BENCH_DIR "/make_candump_log.py"), QStringLiteral("1000000"), p });
        return p;
    }();
    return path;
}

double peakRssMiB()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_ParseCandump1M(benchmark::State& state)
{
    const std::string path = benchLog().toStdString();
    std::int64_t frames = 0;
    for (auto _ : state) {
        auto reader = pg::can::LogReader::open(path);
        pg::can::CanFrame f;
        std::int64_t n = 0;
        while (reader->next(f))
            ++n;
        benchmark::DoNotOptimize(f);
        frames += n;
        if (n != 1000000)
            state.SkipWithError("the bench log did not have 1,000,000 frames");
    }
    state.counters["frames/s"] = benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MiB"] = peakRssMiB();
}
BENCHMARK(BM_ParseCandump1M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SummarizeCandump1M(benchmark::State& state)
{
    const QString path = benchLog();
    std::int64_t frames = 0;
    for (auto _ : state) {
        auto s = pg::core::summarizeLog(path);
        frames += static_cast<std::int64_t>(s->frames);
    }
    state.counters["frames/s"] = benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MiB"] = peakRssMiB();
}
BENCHMARK(BM_SummarizeCandump1M)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
