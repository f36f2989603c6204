// Raw log parse rate vs DBC-decoded replay rate, one core (issue 4's benchmark).
//
// A candump log of kFrames frames is written once to a temporary file: random payloads for every
// message of a real DBC, in turn, with multiplexers set to values the DBC uses. Then:
//   BM_ReplayRaw      core::summarizeLog(path)            (what `replay LOG` does)
//   BM_ReplayDecoded  core::summarizeLog(path, &decoder)  (what `replay LOG --dbc F` does)
//   BM_DecodeOnly     DbcDecoder::decode over frames already in memory
// Decoding's share of a decoded replay = 1 - rate(decoded) / rate(raw).
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "core/replay_summary.h"

#include <QFile>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <memory>
#include <random>

using namespace pg;

namespace {

constexpr int kFrames = 200000;
const char* const kDbcs[]
    = { SHARED_DATA_DIR "/dbc/foxbms2.dbc", SHARED_DATA_DIR "/dbc/tesla_model3.dbc" };

struct Fixture {
    can::DbcDatabase db;
    std::unique_ptr<can::DbcDecoder> decoder;
    std::vector<can::CanFrame> frames;
    QTemporaryDir dir;
    QString logPath;
};

can::CanFrame randomFrame(const can::DbcDecoder& decoder, int index, std::mt19937_64& rng)
{
    const can::DbcMessage& m = decoder.message(index);
    can::CanFrame f;
    f.id = m.id;
    f.len = static_cast<std::uint8_t>(m.length);
    f.set(can::CanFrame::Extended, m.extended);
    for (int i = 0; i < m.length; ++i)
        f.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(rng());
    const can::MessagePlan& plan = decoder.plan(index);
    for (std::size_t k = 0; k < m.signalList.size(); ++k) {
        const can::DbcSignal& s = m.signalList[k];
        if (!s.isMultiplexer || s.hasMuxValue)
            continue;
        std::vector<std::uint64_t> used;
        for (const can::DbcSignal& t : m.signalList) {
            if (t.hasMuxValue && t.muxSwitch == s.name)
                used.push_back(t.muxValue);
        }
        if (!used.empty())
            can::insertRaw(
                plan.signalList[plan.planOf[k]], used[rng() % used.size()], f.data.data());
    }
    return f;
}

Fixture& fixture(int which)
{
    static std::unique_ptr<Fixture> cache[2];
    auto& fx = cache[which];
    if (fx)
        return *fx;
    fx = std::make_unique<Fixture>();
    auto db = can::DbcParser::load(kDbcs[which], {});
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().toString().c_str());
        std::abort();
    }
    fx->db = std::move(*db);
    fx->decoder = std::make_unique<can::DbcDecoder>(fx->db);
    std::vector<int> usable;
    for (int i = 0; i < static_cast<int>(fx->db.messages.size()); ++i) {
        const can::DbcMessage& m = fx->db.messages[static_cast<std::size_t>(i)];
        if (!m.pseudo && m.length > 0 && m.length <= 8)
            usable.push_back(i);
    }
    std::mt19937_64 rng(4);
    std::string text;
    for (int n = 0; n < kFrames; ++n) {
        can::CanFrame f
            = randomFrame(*fx->decoder, usable[static_cast<std::size_t>(n) % usable.size()], rng);
        f.timeUs = 1700000000000000LL + 1000LL * n;
        fx->frames.push_back(f);
        char stamp[40];
        std::snprintf(stamp, sizeof stamp, "(%lld.%06lld) can0 ",
            static_cast<long long>(f.timeUs / 1000000), static_cast<long long>(f.timeUs % 1000000));
        text += stamp + can::toCandumpText(f) + '\n';
    }
    fx->logPath = fx->dir.filePath("bench.log");
    QFile out(fx->logPath);
    if (!out.open(QIODevice::WriteOnly)
        || out.write(text.data(), static_cast<qint64>(text.size())) < 0)
        std::abort();
    return *fx;
}

void BM_ReplayRaw(benchmark::State& state)
{
    Fixture& fx = fixture(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto s = core::summarizeLog(fx.logPath);
        benchmark::DoNotOptimize(s->frames);
    }
    state.SetItemsProcessed(state.iterations() * kFrames);
    state.SetLabel(kDbcs[state.range(0)]);
}

void BM_ReplayDecoded(benchmark::State& state)
{
    Fixture& fx = fixture(static_cast<int>(state.range(0)));
    std::size_t signalCount = 0;
    for (auto _ : state) {
        auto s = core::summarizeLog(fx.logPath, fx.decoder.get());
        signalCount = s->signalStats.size();
        benchmark::DoNotOptimize(signalCount);
    }
    state.SetItemsProcessed(state.iterations() * kFrames);
    state.counters["signals"] = static_cast<double>(signalCount);
    state.SetLabel(kDbcs[state.range(0)]);
}

void BM_DecodeOnly(benchmark::State& state)
{
    Fixture& fx = fixture(static_cast<int>(state.range(0)));
    std::vector<can::DecodedSignal> out;
    std::uint64_t values = 0;
    for (auto _ : state) {
        for (const can::CanFrame& f : fx.frames) {
            fx.decoder->decode(f, out);
            values += out.size();
        }
        benchmark::DoNotOptimize(values);
    }
    state.SetItemsProcessed(state.iterations() * kFrames);
    state.counters["values_per_frame"]
        = static_cast<double>(values) / static_cast<double>(state.iterations() * kFrames);
    state.SetLabel(kDbcs[state.range(0)]);
}

} // namespace

BENCHMARK(BM_ReplayRaw)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplayDecoded)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeOnly)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
