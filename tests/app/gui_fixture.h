#pragma once
// Shared pieces of the result / inventory widget tests: a real SQLite inventory in a temporary
// folder, realistic graded packs, the NASA B0005 capacity history (read here, not by PackGrade),
// independent SQL through Debian's python3 sqlite3 module, and optional screenshots.
#include "core/grading.h"
#include "core/inventory.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QWidget>
#include <gtest/gtest.h>
#include <memory>
#include <vector>

namespace pg::test {

using models::Estimate;

// An 8-module NMC pack (96s2p, 360 V, 120 Ah) whose module `weak` (1-based, 0: none) is aged.
inline core::Assessment modularPack(const QString& serial, double soh, int weak = 0)
{
    core::Assessment a;
    a.packSerial = serial;
    a.vin = QStringLiteral("WVWZZZ1KZ") + serial.right(8);
    a.partNumber = QStringLiteral("5QE915105");
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.nominalCapacityAh = 120.0;
    a.sohCapacity = Estimate { soh, 0.006, "coulomb-count", {} };
    a.sohResistance = Estimate { 0.86, 0.02, "2rc-vp-lm", {} };
    a.cellVoltageSpreadV = Estimate { 0.018, 0.002, "rest-ocv", {} };
    a.capacitySpread = Estimate { 0.04, 0.005, "module-capacity", {} };
    a.selfDischargeVPerDay = Estimate { 0.002, 0.0005, "rest-ocv", {} };
    a.temperatureSpreadC = Estimate { 3.5, 0.3, "sensors", {} };
    a.isolationOhm = Estimate { 2.0e6, 1.0e5, "isolation-test", {} };
    for (int m = 1; m <= 8; ++m) {
        const double s = (m == weak) ? soh - 0.09 : soh + 0.01 * ((m % 3) - 1);
        a.modules.push_back({ m, QStringLiteral("%1-M%2").arg(serial).arg(m),
            Estimate { s, 0.008, "coulomb-count", {} }, Estimate { 0.86, 0.03, "2rc-vp-lm", {} },
            Estimate { m == weak ? 0.041 : 0.012, 0.002, "rest-ocv", {} } });
    }
    return a;
}

struct CapacityHistory {
    std::vector<double> cycle;
    std::vector<double> capacityAh;
};

// NASA PCoE B0005 (2.0 Ah 18650): `cycle,capacity_ah,ambient_c`, the first `keep` rows.
inline CapacityHistory nasaB0005(std::size_t keep)
{
    CapacityHistory h;
    QFile f(sharedDataPath(QStringLiteral("nasa_pcoe/B0005_capacity.csv")));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << f.fileName().toStdString();
    f.readLine(); // header
    while (!f.atEnd() && h.cycle.size() < keep) {
        const QList<QByteArray> cells = f.readLine().trimmed().split(',');
        if (cells.size() < 2)
            continue;
        h.cycle.push_back(cells[0].toDouble());
        h.capacityAh.push_back(cells[1].toDouble());
    }
    return h;
}

// Runs SQL on the SQLite file with Debian's python3 sqlite3 module (not Qt, not PackGrade) and
// returns the rows, one line each, columns separated by '|'.
inline QStringList pythonSql(const QString& file, const QString& sql)
{
    const QString script
        = QStringLiteral("import sqlite3,sys\n"
                         "c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
                         "for r in c.execute(sys.argv[2]):print('|'.join('' if v is None else "
                         "str(v) for v in r))\n");
    const ToolResult r
        = runTool(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, file, sql });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    QStringList rows = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    rows.removeAll(QString());
    return rows;
}

// Runs the event loop until `done()` holds or `timeoutMs` passed (generous: reads happen on other
// threads of a loaded machine). Returns whether `done()` held.
template <typename Done> bool waitUntil(Done done, int timeoutMs = 120000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return true;
}

// The text of rows [first, first + n) in `column` of a model that reads its rows on another
// thread (InventoryPageModel): asks for them, waits until none is "loading", and reads them.
template <typename Model> QStringList loadedRows(const Model* m, int first, int n, int column)
{
    auto pending = [&] {
        for (int r = first; r < first + n; ++r)
            if (m->index(r, column).data(Model::LoadingRole).toBool())
                return true; // asks for the page as a view would
        return false;
    };
    for (int round = 0; round < 1000 && pending(); ++round)
        EXPECT_TRUE(waitUntil([&] { return m->isIdle(); })) << "the reader never answered";
    QStringList out;
    for (int r = first; r < first + n; ++r)
        out << m->index(r, column).data().toString();
    return out;
}

// Writes `widget` as docs/screenshots/NAME.png (or into $PACKGRADE_SCREENSHOTS when it names a
// folder) when PACKGRADE_SCREENSHOTS is set; always checks that the widget renders.
inline void screenshot(QWidget& widget, const QString& name)
{
    const QPixmap shot = widget.grab();
    EXPECT_FALSE(shot.isNull());
    const QString dir = qEnvironmentVariable("PACKGRADE_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    const QString folder = dir == QLatin1String("1")
        ? QStringLiteral(PACKGRADE_SOURCE_DIR "/docs/screenshots")
        : dir;
    QDir().mkpath(folder);
    EXPECT_TRUE(shot.save(folder + QLatin1Char('/') + name + QStringLiteral(".png")));
}

} // namespace pg::test
