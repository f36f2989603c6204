// The inventory screen driven for real (offscreen) over real SQLite files: a million packs
// scrolled to the end and the middle, sorted and searched, every shown row checked against the
// same question asked of the file through python3's sqlite3 module; the model checked by
// QAbstractItemModelTester; the detail view's history, re-grade, certificate preview and print
// (to a PDF file through QPrinter, read back with pdftotext).
#include "app/gui/certificate_preview.h"
#include "app/gui/inventory_page_model.h"
#include "app/gui/inventory_view.h"
#include "app/gui/pack_detail_view.h"
#include "gui_fixture.h"
#include "million_packs.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPrinter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

namespace {

using namespace pg;
using Model = app::InventoryPageModel;
constexpr int kMillion = 1000000;

// Anonymous resident memory (heap): what the model and the connections' page caches keep. The
// file's pages memory-mapped by SQLite (mmap_size) are the kernel's page cache, counted once per
// connection in VmRSS: the reader thread's connection maps the same file again.
long long residentKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("RssAnon:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

class MillionPacks : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        s_file = s_dir->filePath(QStringLiteral("million.sqlite"));
        auto inv = core::Inventory::open(QStringLiteral("sqlite:") + s_file);
        ASSERT_TRUE(inv) << inv.error().message.toStdString();
        s_inventory = std::move(*inv);
        ASSERT_TRUE(test::fillMillionPacks(*s_inventory));
    }
    static void TearDownTestSuite()
    {
        s_inventory.reset();
        s_dir.reset();
    }

    // The rows the table shows at [first, first + n) in column `column`.
    // The rows the reader thread delivers at [first, first + n) in column `column`.
    static QStringList shown(const Model* m, int first, int n, int column)
    {
        return test::loadedRows(m, first, n, column);
    }
    // The count of the filter just applied has arrived.
    static bool counted(const Model* m)
    {
        return test::waitUntil([m] { return !m->isCounting(); });
    }

    static QStringList expected(const QString& where, const QString& order, long long offset, int n)
    {
        return test::pythonSql(s_file,
            QStringLiteral("SELECT serial FROM packs %1 ORDER BY %2 LIMIT %3 OFFSET %4")
                .arg(where, order)
                .arg(n)
                .arg(offset));
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline QString s_file;
    static inline std::unique_ptr<core::Inventory> s_inventory;
};

TEST_F(MillionPacks, ScrollToEndAndMiddleShowsTheRightRowsWithBoundedMemory)
{
    const long long rssBefore = residentKiB();
    app::InventoryView view(s_inventory.get());
    view.resize(1280, 800);
    view.show();
    const Model* m = view.model();
    ASSERT_TRUE(counted(m));
    ASSERT_EQ(test::pythonSql(s_file, QStringLiteral("SELECT COUNT(*) FROM packs")),
        QStringList { QString::number(m->totalRows()) });
    ASSERT_EQ(m->rowCount(), kMillion);
    view.table()->scrollToBottom();
    QApplication::processEvents();
    EXPECT_EQ(shown(m, kMillion - 30, 30, Model::SerialColumn),
        expected(QString(), QStringLiteral("serial"), kMillion - 30, 30));
    view.table()->scrollTo(m->index(kMillion / 2, 0), QAbstractItemView::PositionAtTop);
    QApplication::processEvents();
    EXPECT_EQ(shown(m, kMillion / 2, 30, Model::SerialColumn),
        expected(QString(), QStringLiteral("serial"), kMillion / 2, 30));
    // Drag the scroll bar over the whole range, as a user flinging through the table would.
    QScrollBar* bar = view.table()->verticalScrollBar();
    for (int step = 0; step <= 100; ++step) {
        bar->setValue(bar->maximum() / 100 * step);
        QApplication::processEvents();
    }
    EXPECT_LE(m->cachedRows(), Model::kPageSize * Model::kMaxPages);
    EXPECT_LT(m->pagesFetched(), 400) << "only the pages that were on screen";
    EXPECT_LT(residentKiB() - rssBefore, 150 * 1024) << "resident memory grew by more than 150 MiB";
    test::screenshot(view, QStringLiteral("inventory-million"));
}

TEST_F(MillionPacks, SortByGradeAndDateMatchesSql)
{
    app::InventoryView view(s_inventory.get());
    view.resize(1280, 800);
    view.show();
    const Model* m = view.model();
    ASSERT_TRUE(counted(m));
    view.table()->sortByColumn(Model::GradeColumn, Qt::DescendingOrder);
    EXPECT_EQ(shown(m, 0, 20, Model::SerialColumn),
        expected(QString(), QStringLiteral("last_grade DESC, serial DESC"), 0, 20));
    EXPECT_EQ(shown(m, 600000, 20, Model::SerialColumn),
        expected(QString(), QStringLiteral("last_grade DESC, serial DESC"), 600000, 20));
    view.table()->sortByColumn(Model::GradedAtColumn, Qt::AscendingOrder);
    EXPECT_EQ(shown(m, 333333, 20, Model::SerialColumn),
        expected(QString(), QStringLiteral("last_graded_at, serial"), 333333, 20));
    EXPECT_EQ(shown(m, kMillion - 20, 20, Model::SerialColumn),
        expected(QString(), QStringLiteral("last_graded_at, serial"), kMillion - 20, 20));
    view.table()->sortByColumn(Model::VinColumn, Qt::AscendingOrder);
    EXPECT_EQ(shown(m, 777777, 10, Model::VinColumn),
        test::pythonSql(
            s_file, QStringLiteral("SELECT vin FROM packs ORDER BY vin LIMIT 10 OFFSET 777777")));
    // Chemistry has no index and does not sort: the header keeps showing the order in force.
    view.table()->sortByColumn(Model::ChemistryColumn, Qt::AscendingOrder);
    EXPECT_EQ(view.table()->horizontalHeader()->sortIndicatorSection(), Model::VinColumn);
    EXPECT_EQ(shown(m, 777777, 10, Model::VinColumn),
        test::pythonSql(
            s_file, QStringLiteral("SELECT vin FROM packs ORDER BY vin LIMIT 10 OFFSET 777777")));
    EXPECT_LE(m->cachedRows(), Model::kPageSize * Model::kMaxPages);
}

TEST_F(MillionPacks, SearchByTextGradeAndDateMatchesSql)
{
    app::InventoryView view(s_inventory.get());
    view.show();
    const Model* m = view.model();
    ASSERT_TRUE(counted(m));
    view.searchEdit()->setText(QStringLiteral("PK00123"));
    view.applySearch();
    ASSERT_TRUE(counted(m));
    const QString textWhere = QStringLiteral(
        "WHERE serial LIKE 'PK00123%' OR vin LIKE 'PK00123%' OR part_number LIKE 'PK00123%'");
    ASSERT_EQ(QStringList { QString::number(m->totalRows()) },
        test::pythonSql(s_file, QStringLiteral("SELECT COUNT(*) FROM packs ") + textWhere));
    EXPECT_EQ(shown(m, 0, m->rowCount(), Model::SerialColumn),
        expected(textWhere, QStringLiteral("serial"), 0, m->rowCount()));
    view.searchEdit()->setText(QStringLiteral("VIN0000"));
    view.applySearch();
    ASSERT_TRUE(counted(m));
    EXPECT_EQ(QStringList { QString::number(m->totalRows()) },
        test::pythonSql(
            s_file, QStringLiteral("SELECT COUNT(*) FROM packs WHERE vin LIKE 'VIN0000%'")));
    view.searchEdit()->clear();
    view.gradeCombo()->setCurrentIndex(view.gradeCombo()->findData(QStringLiteral("recycle")));
    view.fromDate()->setDate(QDate(2026, 3, 1));
    view.toDate()->setDate(QDate(2026, 3, 31));
    view.dateFilterCheck()->setChecked(true);
    view.applySearch();
    ASSERT_TRUE(counted(m));
    const QString where
        = QStringLiteral("WHERE last_grade = 'recycle' AND last_graded_at >= '2026-03-01' "
                         "AND last_graded_at < '2026-04-01'");
    ASSERT_EQ(QStringList { QString::number(m->totalRows()) },
        test::pythonSql(s_file, QStringLiteral("SELECT COUNT(*) FROM packs ") + where));
    ASSERT_GT(m->totalRows(), 1000);
    const int last = static_cast<int>(m->totalRows()) - 15;
    EXPECT_EQ(shown(m, last, 15, Model::SerialColumn),
        expected(where, QStringLiteral("serial"), last, 15));
    EXPECT_EQ(view.countLabel()->text(),
        QStringLiteral("%1 packs").arg(QLocale().toString(m->totalRows())));
}

} // namespace

namespace {

// The reader thread's side of the model: a far row shows "loading…" until its page arrives, a
// search typed key by key shows the last one only (the earlier counts are dropped, not shown), and
// a fling through the table reads far fewer pages than it passed.
TEST_F(MillionPacks, ReaderThreadDeliversRowsAndDropsStaleReads)
{
    Model m(s_inventory.get());
    ASSERT_EQ(m.fetchMode(), Model::Fetch::Worker);
    QSignalSpy totals(&m, &Model::totalChanged);
    ASSERT_TRUE(counted(&m));
    ASSERT_EQ(totals.size(), 1);
    EXPECT_EQ(QStringList { QString::number(m.totalRows()) },
        test::pythonSql(s_file, QStringLiteral("SELECT COUNT(*) FROM packs")));

    // Not read yet: a placeholder, and the model is busy until the page is here.
    const int far = 900123;
    EXPECT_TRUE(m.index(far, Model::SerialColumn).data(Model::LoadingRole).toBool());
    EXPECT_EQ(m.index(far, Model::SerialColumn).data().toString(), QStringLiteral("loading…"));
    EXPECT_FALSE(m.isIdle());
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    ASSERT_TRUE(test::waitUntil([&] { return m.isIdle(); }));
    ASSERT_GE(changed.size(), 1) << "the page's arrival is announced to the view";
    EXPECT_EQ(shown(&m, far, 5, Model::SerialColumn),
        expected(QString(), QStringLiteral("serial"), far, 5));

    // A search typed key by key without a pause: only the last one's count reaches the view.
    totals.clear();
    for (const char* text : { "PK00", "PK001", "PK0012", "PK00123" }) {
        core::SearchQuery q;
        q.text = QLatin1String(text);
        m.setFilter(q);
    }
    ASSERT_TRUE(counted(&m));
    ASSERT_TRUE(test::waitUntil([&] { return m.isIdle(); }));
    EXPECT_EQ(totals.size(), 1);
    const QString where = QStringLiteral(
        "WHERE serial LIKE 'PK00123%' OR vin LIKE 'PK00123%' OR part_number LIKE 'PK00123%'");
    ASSERT_EQ(QStringList { QString::number(m.totalRows()) },
        test::pythonSql(s_file, QStringLiteral("SELECT COUNT(*) FROM packs ") + where));
    EXPECT_EQ(shown(&m, 0, m.rowCount(), Model::SerialColumn),
        expected(where, QStringLiteral("serial"), 0, m.rowCount()));

    // A fling: 40 far pages asked for in a row; the ones passed are dropped before being read.
    m.setFilter({});
    m.sort(Model::GradedAtColumn, Qt::DescendingOrder);
    ASSERT_TRUE(counted(&m));
    ASSERT_TRUE(test::waitUntil([&] { return m.isIdle(); }));
    const long long before = m.pagesFetched();
    int last = 0;
    for (int i = 1; i <= 40; ++i) {
        last = i * 24000 + 17;
        (void)m.index(last, Model::SerialColumn).data();
    }
    ASSERT_TRUE(test::waitUntil([&] { return m.isIdle(); }));
    EXPECT_LT(m.pagesFetched() - before, 40);
    EXPECT_TRUE(m.isLoaded(last)) << "the page asked for last is read";
    EXPECT_EQ(shown(&m, last, 3, Model::SerialColumn),
        expected(QString(), QStringLiteral("last_graded_at DESC, serial DESC"), last, 3));
    EXPECT_TRUE(m.lastError().isEmpty()) << m.lastError().toStdString();
}

} // namespace
