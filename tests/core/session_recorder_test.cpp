// cells.csv and the per-cell channel files when the BMS's first reading carries no cells: a BMS
// read over CAN gives its pack values before its first complete cell set (found when a session
// recorded over virtualcan at 1000x had a cells.csv without cell columns, so no channel files).
#include "core/session_files.h"
#include "core/session_recorder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

using namespace pg::core;

namespace {

QList<QByteArray> lines(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    QList<QByteArray> out = f.readAll().split('\n');
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

BmsReading reading(double timeS, std::vector<double> cells, std::vector<double> temps)
{
    BmsReading r;
    r.timeS = timeS;
    r.cellVoltagesV = std::move(cells);
    r.temperaturesC = std::move(temps);
    return r;
}

} // namespace

TEST(SessionRecorder, CellColumnsComeFromTheFirstReadingWithCells)
{
    QTemporaryDir dir;
    auto created = SessionRecorder::create(dir.path(), { { QStringLiteral("procedure"), QStringLiteral("test") } });
    ASSERT_TRUE(created) << created.error().toStdString();
    std::unique_ptr<SessionRecorder> rec(*created);
    rec->sample({ 1.0, 52.0, 0.0 }, reading(1.0, {}, {})); // pack values only, no cell set yet
    rec->sample({ 2.0, 51.9, 3.0 }, reading(2.0, { 3.61, 3.62, 3.63, 3.64 }, { 24.5, 25.0 }));
    rec->sample({ 3.0, 51.8, 3.0 }, reading(3.0, { 3.60, 3.61 }, {})); // a short reading
    rec->finish(QStringLiteral("completed"), {}, {});
    rec.reset();

    const QList<QByteArray> cells = lines(dir.filePath(QStringLiteral("cells.csv")));
    ASSERT_EQ(cells.size(), 3);
    EXPECT_EQ(cells[0], QByteArray("time_s,cell_0_v,cell_1_v,cell_2_v,cell_3_v,temp_0_c,temp_1_c"));
    EXPECT_EQ(cells[1], QByteArray("2.000,3.6100,3.6200,3.6300,3.6400,24.50,25.00"));
    // Every row has the header's columns; what the reading lacked is empty.
    EXPECT_EQ(cells[2], QByteArray("3.000,3.6000,3.6100,,,,"));

    auto written = writeChannelFiles(dir.path());
    ASSERT_TRUE(written) << written.error().message.toStdString();
    EXPECT_EQ(*written, 4);
    const QList<QByteArray> cell2 = lines(dir.filePath(QStringLiteral("channels/cell_02.csv")));
    ASSERT_EQ(cell2.size(), 3);
    EXPECT_EQ(cell2[0], QByteArray("time_s,current_a,voltage_v"));
    EXPECT_EQ(cell2[1], QByteArray("2.000,3,3.6300"));
    EXPECT_EQ(cell2[2], QByteArray("3.000,3,"));
    const QList<QByteArray> cell0 = lines(dir.filePath(QStringLiteral("channels/cell_00.csv")));
    ASSERT_EQ(cell0.size(), 3);
    EXPECT_EQ(cell0[2], QByteArray("3.000,3,3.6000"));
}
