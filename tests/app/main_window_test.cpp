// The bench window driven for real (offscreen): connect to a recording through the same
// transport a technician uses, and see every id of the foxBMS 2 trace in the frame monitor.
#include "app/gui/frame_table_model.h"
#include "app/gui/main_window.h"
#include "test_paths.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <gtest/gtest.h>

TEST(MainWindow, FrameMonitorShowsEveryIdOfARecording)
{
    pg::app::MainWindow window;
    QAbstractItemModelTester tester(window.frameModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    // The trace (read by eye from the file): 9 frames, 8 ids, 0x243 twice.
    window.connectTo(QStringLiteral("replay:") + pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc")) + QStringLiteral("@0"),
        500000);
    ASSERT_NE(window.transport(), nullptr);
    QSignalSpy end(window.transport(), &pg::can::Transport::endOfStream);
    ASSERT_TRUE(end.wait(5000));
    QSignalSpy rows(window.frameModel(), &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 20 && window.frameModel()->totalFrames() < 9; ++i)
        rows.wait(50);
    const auto* model = window.frameModel();
    EXPECT_EQ(model->totalFrames(), 9U);
    ASSERT_EQ(model->rowCount(), 8);
    bool found243 = false;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, pg::app::FrameTableModel::IdColumn).data().toString() == QLatin1String("243")) {
            found243 = true;
            EXPECT_EQ(model->index(r, pg::app::FrameTableModel::CountColumn).data().toULongLong(), 2U);
            EXPECT_EQ(model->index(r, pg::app::FrameTableModel::DataColumn).data().toString(),
                QStringLiteral("00 C7 C8 00 00 00 00 00"));
        }
    }
    EXPECT_TRUE(found243);
}
