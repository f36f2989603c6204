// How long the GUI thread stops answering while a technician scrolls, sorts and searches a
// 1,000,000-pack inventory (issue 10: "nothing blocks the GUI thread for more than 50 ms"), with
// the pages read on the GUI thread (Fetch::Synchronous, the old path) and on the reader thread
// (Fetch::Worker, the GUI's), in the same run over the same file and the same scripted session.
//   cmake --build build --target inventory_gui_gap_bench
//   QT_QPA_PLATFORM=offscreen build/tests/bench/inventory_gui_gap_bench [--rounds N]
// A 5 ms precise QTimer probes the event loop: the interval between two of its ticks is how long
// the loop was away. The scripted session runs from a 40 ms timer in the same loop: jumps of the
// scroll bar (a fling), sorts by grade and date with jumps, and a search typed one key at a time
// (applied as InventoryView applies it, after a 250 ms pause, and also at once for the worst
// case). The database is filled once per run in a temporary folder (tests/app/million_packs.h).
#include "app/gui/inventory_page_model.h"
#include "app/million_packs.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace pg;
using Model = app::InventoryPageModel;

namespace {

qint64 threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<qint64>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

struct Gaps {
    std::vector<double> ms;
    std::vector<double> cpuMs; // the GUI thread's own CPU time within each gap
    double maxCpu() const
    {
        return cpuMs.empty() ? 0 : *std::max_element(cpuMs.begin(), cpuMs.end());
    }
    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
    double quantile(double q) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> s = ms;
        const auto k = static_cast<std::size_t>(q * static_cast<double>(s.size() - 1));
        std::nth_element(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(k), s.end());
        return s[k];
    }
    int over(double limitMs) const
    {
        return static_cast<int>(
            std::count_if(ms.begin(), ms.end(), [&](double g) { return g > limitMs; }));
    }
};

// One scripted session against a table over `inventory` read the `fetch` way.
Gaps runSession(core::Inventory& inventory, Model::Fetch fetch, int rounds, double& wallS)
{
    QTableView table;
    Model model(&inventory, nullptr, fetch);
    table.setModel(&model);
    table.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table.resize(1200, 800);
    table.show();
    QEventLoop settle;
    if (fetch == Model::Fetch::Worker && !model.isIdle()) {
        QObject::connect(&model, &Model::idle, &settle, &QEventLoop::quit);
        settle.exec();
    }

    // The script: each entry is one user action; the 40 ms timer runs the next.
    QRandomGenerator rng(20261206);
    std::vector<std::function<void()>> script;
    QScrollBar* bar = table.verticalScrollBar();
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < 25; ++i) // a fling: far jumps in a row
            script.push_back([bar, &rng] { bar->setValue(rng.bounded(bar->maximum() + 1)); });
        script.push_back([&model] { model.sort(Model::GradeColumn, Qt::DescendingOrder); });
        for (int i = 0; i < 10; ++i)
            script.push_back([bar, &rng] { bar->setValue(rng.bounded(bar->maximum() + 1)); });
        script.push_back([&model] { model.sort(Model::GradedAtColumn, Qt::AscendingOrder); });
        for (int i = 0; i < 10; ++i)
            script.push_back([bar, &rng] { bar->setValue(rng.bounded(bar->maximum() + 1)); });
        script.push_back([&model] { model.sort(Model::SerialColumn, Qt::AscendingOrder); });
        // A search typed key by key and applied at every key (worse than the view's debounce).
        const QString typed = QStringLiteral("PK0%1").arg(r % 10) + QStringLiteral("12");
        for (int k = 1; k <= typed.size(); ++k)
            script.push_back([&model, t = typed.left(k)] {
                core::SearchQuery q;
                q.text = t;
                model.setFilter(q);
            });
        script.push_back([&model] {
            core::SearchQuery q;
            q.grade = QStringLiteral("recycle");
            q.gradedFrom = QStringLiteral("2026-03-01");
            q.gradedTo = QStringLiteral("2026-04-01");
            model.setFilter(q);
        });
        for (int i = 0; i < 5; ++i)
            script.push_back([bar, &rng] { bar->setValue(rng.bounded(bar->maximum() + 1)); });
        script.push_back([&model] { model.setFilter({}); });
        for (int i = 0; i < 5; ++i)
            script.push_back([bar, &rng] { bar->setValue(rng.bounded(bar->maximum() + 1)); });
    }

    Gaps gaps;
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 lastNs = -1;
    qint64 lastCpuNs = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (lastNs >= 0) {
            gaps.ms.push_back(static_cast<double>(now - lastNs) / 1e6);
            gaps.cpuMs.push_back(static_cast<double>(cpu - lastCpuNs) / 1e6);
        }
        lastNs = now;
        lastCpuNs = cpu;
    });
    std::size_t next = 0;
    QTimer driver;
    driver.setInterval(40);
    QObject::connect(&driver, &QTimer::timeout, [&] {
        if (next < script.size()) {
            script[next++]();
            return;
        }
        driver.stop();
        // The last reads arrive, then the loop ends.
        if (model.isIdle())
            loop.quit();
        else
            QObject::connect(&model, &Model::idle, &loop, &QEventLoop::quit);
    });
    clock.start();
    probe.start();
    driver.start();
    loop.exec();
    wallS = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    if (!model.lastError().isEmpty())
        std::fprintf(stderr, "model error: %s\n", qPrintable(model.lastError()));
    return gaps;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int rounds = 4;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--rounds")
            rounds = std::max(1, QByteArray(argv[i + 1]).toInt());
    QTemporaryDir dir;
    auto opened = core::Inventory::open(
        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("m.sqlite")));
    if (!opened || !test::fillMillionPacks(**opened)) {
        std::fprintf(stderr, "cannot fill the benchmark inventory\n");
        return 1;
    }
    std::printf(
        "1,000,000 packs; %d rounds of scroll/sort/search; event-loop probe every 5 ms\n", rounds);
    // max_cpu_ms: the most CPU the GUI thread itself spent between two probe ticks; a gap much
    // longer than that is the thread waiting (for the database, or for a core on a loaded machine).
    std::printf("%-12s %8s %10s %10s %10s %10s %8s %11s\n", "path", "wall_s", "max_gap_ms",
        "p99_ms", "p999_ms", "median_ms", ">50ms", "max_cpu_ms");
    // Twice each, alternating, so that the page cache of the file is warm for both.
    for (int pass = 0; pass < 2; ++pass) {
        for (Model::Fetch fetch : { Model::Fetch::Synchronous, Model::Fetch::Worker }) {
            double wallS = 0;
            const Gaps g = runSession(**opened, fetch, rounds, wallS);
            std::printf("%-12s %8.2f %10.1f %10.1f %10.1f %10.1f %8d %11.1f\n",
                fetch == Model::Fetch::Worker ? "worker" : "synchronous", wallS, g.max(),
                g.quantile(0.99), g.quantile(0.999), g.quantile(0.5), g.over(50.0), g.maxCpu());
            std::fflush(stdout);
        }
    }
    return 0;
}
