// The GUI export dialog, driven offscreen: the export runs on its worker thread against a real
// SQLite inventory, and the file it writes holds the packs the test stored.
#include "app/gui/export_dialog.h"
#include "core/export_fixture.h"

#include <QFile>
#include <QJsonArray>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>

using namespace pg;
using pg::test::ExportInventory;

namespace {

class ExportDialogTest : public ExportInventory {
protected:
    void SetUp() override
    {
        ExportInventory::SetUp();
        store({ QStringLiteral("G-1"), QString(), 0.91, 0.004,
            QStringLiteral("2026-01-10T10:00:00.000Z") });
        store({ QStringLiteral("G-2"), QString(), 0.70, 0.004,
            QStringLiteral("2026-04-10T10:00:00.000Z") });
        store({ QStringLiteral("G-3"), QString(), 0.50, 0.004,
            QStringLiteral("2026-07-10T10:00:00.000Z") });
    }
};

} // namespace

TEST_F(ExportDialogTest, ExportsOnAWorkerThreadAndReportsProgress)
{
    app::ExportDialog dialog(m_url);
    dialog.show();
    const QString path = m_dir.filePath(QStringLiteral("gui.json"));
    dialog.setFormat(core::ExportFormat::Json);
    dialog.setOutputPath(path);
    dialog.setSince(QDate(2026, 4, 1));
    QSignalSpy finished(&dialog, &app::ExportDialog::exportFinished);
    dialog.exportButton()->click();
    EXPECT_TRUE(dialog.isRunning() || finished.count() == 1);
    ASSERT_TRUE(finished.count() == 1 || finished.wait(20000));
    EXPECT_EQ(finished.at(0).at(0).toInt(), 2); // G-2 and G-3 were graded after 2026-04-01
    EXPECT_EQ(dialog.progressBar()->value(), dialog.progressBar()->maximum());
    EXPECT_TRUE(dialog.exportButton()->isEnabled());
    EXPECT_TRUE(dialog.statusText().contains(path));

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonArray records
        = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("records")].toArray();
    ASSERT_EQ(records.size(), 2);
    EXPECT_EQ(
        records[0].toObject()[QStringLiteral("serial_number")].toString(), QStringLiteral("G-2"));
    EXPECT_DOUBLE_EQ(records[1].toObject()[QStringLiteral("soh_capacity")].toDouble(), 0.50);
    EXPECT_EQ(dialog.errorBox(), nullptr);
}

TEST_F(ExportDialogTest, UnwritableFileShowsAnErrorNamingIt)
{
    app::ExportDialog dialog(m_url);
    dialog.show();
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/out.csv"));
    dialog.setFormat(core::ExportFormat::Csv);
    dialog.setOutputPath(path);
    QSignalSpy failed(&dialog, &app::ExportDialog::exportFailed);
    dialog.exportButton()->click();
    ASSERT_TRUE(failed.count() == 1 || failed.wait(20000));
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(path));
    ASSERT_NE(dialog.errorBox(), nullptr);
    EXPECT_TRUE(dialog.errorBox()->isVisible());
    EXPECT_TRUE(dialog.errorBox()->text().contains(path));
    EXPECT_TRUE(dialog.exportButton()->isEnabled());
}

TEST_F(ExportDialogTest, MissingFileIsAskedForBeforeAnythingRuns)
{
    app::ExportDialog dialog(m_url);
    dialog.show();
    dialog.exportButton()->click();
    EXPECT_FALSE(dialog.isRunning());
    ASSERT_NE(dialog.errorBox(), nullptr);
    EXPECT_TRUE(dialog.errorBox()->text().contains(QStringLiteral("file")));
}
