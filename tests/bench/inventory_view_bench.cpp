// The inventory table at 1,000,000 packs (issue 10): how long the first screen, a jump to the
// last row and a jump to the middle take with PackGrade's windowed page model, next to Qt's own
// QSqlQueryModel (the named peer), which must fetchMore() its way down to reach a far row.
//   cmake --build build --target inventory_view_bench && build/tests/bench/inventory_view_bench
// The database is filled once per run in a temporary folder (tests/app/million_packs.h).
#include "app/gui/inventory_page_model.h"
#include "app/million_packs.h"

#include <QCoreApplication>
#include <QSqlQueryModel>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <memory>

using namespace pg;

namespace {

constexpr int kRows = 1000000;

core::Inventory* inventory()
{
    static QTemporaryDir dir;
    static std::unique_ptr<core::Inventory> inv = [] {
        auto opened = core::Inventory::open(
            QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("m.sqlite")));
        if (!opened || !test::fillMillionPacks(**opened)) {
            std::fprintf(stderr, "cannot fill the benchmark inventory\n");
            return std::unique_ptr<core::Inventory>();
        }
        return std::move(*opened);
    }();
    return inv.get();
}

void readScreen(const QAbstractItemModel& m, int first, benchmark::State& state)
{
    for (int r = first; r < first + 40 && r < m.rowCount(); ++r)
        benchmark::DoNotOptimize(m.index(r, 0).data());
    if (m.index(first, 0).data().toString().isEmpty())
        state.SkipWithError("row not read");
}

void BM_PageModel_Jump(benchmark::State& state)
{
    core::Inventory* inv = inventory();
    const int row = static_cast<int>(state.range(0));
    for (auto _ : state) {
        app::InventoryPageModel m(inv, nullptr, app::InventoryPageModel::Fetch::Synchronous);
        readScreen(m, std::min(row, kRows - 40), state);
    }
}

void BM_PageModel_SortedByGradeJump(benchmark::State& state)
{
    core::Inventory* inv = inventory();
    const int row = static_cast<int>(state.range(0));
    for (auto _ : state) {
        app::InventoryPageModel m(inv, nullptr, app::InventoryPageModel::Fetch::Synchronous);
        m.sort(app::InventoryPageModel::GradeColumn, Qt::DescendingOrder);
        readScreen(m, std::min(row, kRows - 40), state);
    }
}

// The peer: QSqlQueryModel over the same query. SQLite reports no size, so the model knows
// only the rows fetched so far; reaching row N means fetchMore() until N is loaded.
void BM_QSqlQueryModel_Jump(benchmark::State& state)
{
    core::Inventory* inv = inventory();
    const int row = static_cast<int>(state.range(0));
    for (auto _ : state) {
        QSqlQueryModel m;
        m.setQuery(
            QStringLiteral("SELECT serial, vin, part_number, last_grade, last_graded_at, chemistry "
                           "FROM packs ORDER BY serial"),
            inv->database());
        while (m.rowCount() < std::min(row + 40, kRows) && m.canFetchMore())
            m.fetchMore();
        readScreen(m, std::min(row, kRows - 40), state);
    }
}

} // namespace

BENCHMARK(BM_PageModel_Jump)->Arg(0)->Arg(kRows / 2)->Arg(kRows)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PageModel_SortedByGradeJump)
    ->Arg(0)
    ->Arg(kRows / 2)
    ->Arg(kRows)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QSqlQueryModel_Jump)
    ->Arg(0)
    ->Arg(kRows / 2)
    ->Arg(kRows)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
