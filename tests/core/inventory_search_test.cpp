// Issue 8: search by serial/VIN/part number/grade/date with paging, on both backends. The
// expected sets are computed from the generation rule, not read back from the database.
#include "inventory_fixture.h"

#include <QHostAddress>
#include <QTcpServer>
#include <functional>

using namespace pg::test;

namespace {

constexpr int kPacks = 250;

QString serialOf(int i)
{
    return QStringLiteral("S%1").arg(i, 4, 10, QLatin1Char('0'));
}
QString vinOf(int i)
{
    return QStringLiteral("WVWZZZ%1").arg(1000 + i);
}
QString partOf(int i)
{
    return QStringLiteral("PN-%1").arg(i % 5);
}
double sohOf(int i)
{
    return i % 3 == 0 ? 0.90 : (i % 3 == 1 ? 0.75 : 0.50);
} // reuse, repurpose, recycle
int dayOf(int i)
{
    return i % 10;
}
QString dayText(int day)
{
    return QStringLiteral("2026-01-%1T08:00:00.000Z").arg(day + 1, 2, 10, QLatin1Char('0'));
}

QStringList expected(const std::function<bool(int)>& keep)
{
    QStringList out;
    for (int i = 0; i < kPacks; ++i) {
        if (keep(i))
            out << serialOf(i);
    }
    return out;
}

QStringList allPages(Inventory& inv, SearchQuery q, int& pages)
{
    QStringList serials;
    pages = 0;
    for (;;) {
        auto page = inv.search(q);
        EXPECT_TRUE(page) << (page ? std::string() : page.error().message.toStdString());
        if (!page)
            break;
        ++pages;
        for (const PackRecord& p : page->items)
            serials << p.serial;
        if (page->nextCursor.isEmpty() || pages > 100)
            break;
        q.afterSerial = page->nextCursor;
    }
    return serials;
}

} // namespace

TEST_P(InventoryBackend, SearchesBySerialVinPartNumberGradeAndDateWithPaging)
{
    auto inv = openOk(freshUrl());
    ASSERT_TRUE(inv);
    for (int i = kPacks - 1; i >= 0; --i) { // stored out of order on purpose
        Assessment a = packWithSoh(serialOf(i), sohOf(i), 0.0);
        a.vin = vinOf(i);
        a.partNumber = partOf(i);
        ASSERT_TRUE(inv->storeGrade(a, gradeOf(a), QString(), dayText(dayOf(i))));
    }
    int pages = 0;
    SearchQuery q;
    q.text = QStringLiteral("S01");
    q.limit = 30;
    EXPECT_EQ(allPages(*inv, q, pages), expected([](int i) { return i >= 100 && i < 200; }));
    EXPECT_EQ(pages, 4); // 30 + 30 + 30 + 10

    q = SearchQuery {};
    q.text = QStringLiteral("WVWZZZ124");
    EXPECT_EQ(allPages(*inv, q, pages), expected([](int i) { return i >= 240; }));

    q = SearchQuery {};
    q.text = QStringLiteral("PN-3");
    EXPECT_EQ(allPages(*inv, q, pages), expected([](int i) { return i % 5 == 3; }));

    q = SearchQuery {};
    q.grade = QStringLiteral("repurpose");
    q.limit = 25;
    const QStringList repurpose = expected([](int i) { return i % 3 == 1; });
    EXPECT_EQ(allPages(*inv, q, pages), repurpose);
    EXPECT_EQ(repurpose.size(), 83);

    q.gradedFrom = dayText(2);
    q.gradedTo = dayText(4);
    EXPECT_EQ(allPages(*inv, q, pages),
        expected([](int i) { return i % 3 == 1 && (dayOf(i) == 2 || dayOf(i) == 3); }));

    auto exact = inv->packBySerial(serialOf(7));
    ASSERT_TRUE(exact && exact->has_value());
    EXPECT_EQ((*exact)->vin, vinOf(7));
    EXPECT_EQ((*exact)->lastGrade, QStringLiteral("repurpose"));
    EXPECT_EQ((*exact)->lastGradedAt, dayText(7));

    auto stats = inv->gradeStats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->byGrade.value(QStringLiteral("reuse")), 84);
    EXPECT_EQ(stats->byGrade.value(QStringLiteral("recycle")), 83);
}

TEST_P(InventoryBackend, LockedDatabaseGivesAClearErrorAndStoresNothing)
{
    if (postgres())
        GTEST_SKIP() << "SQLite file locking only (PostgreSQL writers wait on row locks)";
    const QString url = freshUrl();
    auto holder = openOk(url);
    ASSERT_TRUE(holder);
    auto other = openOk(url, Inventory::Options { -1, true, 200 });
    ASSERT_TRUE(other);
    QSqlQuery lock(holder->database());
    ASSERT_TRUE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    const Assessment a = packWithSoh(QStringLiteral("LOCKED-1"), 0.9);
    auto refused = other->storeGrade(a, gradeOf(a));
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("nothing was stored")))
        << refused.error().message.toStdString();
    ASSERT_TRUE(lock.exec(QStringLiteral("ROLLBACK")));
    EXPECT_EQ(count(*holder, QStringLiteral("SELECT COUNT(*) FROM grades")), 0);
    EXPECT_TRUE(other->storeGrade(a, gradeOf(a)));
}

TEST(InventoryUrl, ParsesSqliteAndPostgresUrls)
{
    auto s = parseDatabaseUrl(QStringLiteral("sqlite:/tmp/x.sqlite"));
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->postgres);
    EXPECT_EQ(s->path, QStringLiteral("/tmp/x.sqlite"));
    auto p = parseDatabaseUrl(QStringLiteral("postgresql://grader:secret@db.site:6543/packs"));
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->postgres);
    EXPECT_EQ(p->user, QStringLiteral("grader"));
    EXPECT_EQ(p->password, QStringLiteral("secret"));
    EXPECT_EQ(p->host, QStringLiteral("db.site"));
    EXPECT_EQ(p->port, 6543);
    EXPECT_EQ(p->database, QStringLiteral("packs"));
    EXPECT_FALSE(p->text.contains(QStringLiteral("secret")));
    auto bad = parseDatabaseUrl(QStringLiteral("mysql://x@y/z"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().exitCode, kExitUsage);
    EXPECT_TRUE(defaultDatabaseUrl().startsWith(QStringLiteral("sqlite:")));
}

TEST(InventoryUrl, UnreachableServerGivesAClearError)
{
    QTcpServer probe; // a port nobody listens on once the probe closes
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    auto inv = Inventory::open(
        QStringLiteral("postgresql://packgrade@127.0.0.1:%1/inventory").arg(port));
    ASSERT_FALSE(inv);
    EXPECT_EQ(inv.error().exitCode, kExitFailed);
    EXPECT_TRUE(inv.error().message.startsWith(
        QStringLiteral("inventory postgresql://packgrade@127.0.0.1:%1/inventory: cannot open")
            .arg(port)))
        << inv.error().message.toStdString();
}
