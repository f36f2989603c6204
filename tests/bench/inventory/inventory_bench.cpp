// Issue 8 speed targets with 1,000,000 packs in SQLite: lookup by serial < 5 ms, a filtered page
// of 100 < 50 ms, >= 1,000 grades stored per second.
#include "core/grading.h"
#include "core/grading_json.h"
#include "core/inventory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <memory>
#include <random>
#include <sqlite3.h>

using namespace pg::core;

namespace {

constexpr int kPacks = 1000000;
const char* const kGrades[] = { "reuse", "repurpose", "recycle", "retest" };

QString serialOf(int i)
{
    return QStringLiteral("PK%1").arg(i, 7, 10, QLatin1Char('0'));
}
QString dayOf(int i)
{
    return QStringLiteral("2026-%1-%2T09:00:00.000Z")
        .arg(1 + i % 12, 2, 10, QLatin1Char('0'))
        .arg(1 + i % 28, 2, 10, QLatin1Char('0'));
}

QString benchUrl()
{
    const QString env = qEnvironmentVariable("PACKGRADE_BENCH_DB");
    return env.isEmpty() ? QStringLiteral("sqlite:/tmp/packgrade-bench/inventory-1m.sqlite") : env;
}

// The search indexes of migration 4, dropped while filling and rebuilt after (a sorted build is
// much faster than a million random index inserts).
const QStringList kIndexes { QStringLiteral("packs_vin ON packs (vin)"),
    QStringLiteral("packs_part_number ON packs (part_number)"),
    QStringLiteral("packs_grade_serial ON packs (last_grade, serial)"),
    QStringLiteral("packs_graded_at ON packs (last_graded_at)") };

bool fillChunk(Inventory& inv, int from, int to)
{
    auto ok = inv.transaction([&]() -> tl::expected<void, Error> {
        QSqlQuery q(inv.database());
        q.prepare(QStringLiteral(
            "INSERT INTO packs (id, serial, vin, part_number, chemistry, created_at, "
            "last_grade, last_graded_at) VALUES (?, ?, ?, ?, 'nmc', ?, ?, ?)"));
        for (int i = from; i < to; ++i) {
            q.addBindValue(newUuid());
            q.addBindValue(serialOf(i));
            q.addBindValue(
                QStringLiteral("VIN%1").arg((i * 7919LL) % kPacks, 8, 10, QLatin1Char('0')));
            q.addBindValue(QStringLiteral("PN-%1").arg(i % 500));
            q.addBindValue(dayOf(i));
            q.addBindValue(QLatin1String(kGrades[i % 4]));
            q.addBindValue(dayOf(i));
            if (!q.exec())
                return tl::unexpected(inv.sqlError(QStringLiteral("fill"), q));
        }
        return {};
    });
    return static_cast<bool>(ok);
}

bool fill(Inventory& inv)
{
    QSqlQuery q(inv.database());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM packs")) && q.next()
        && q.value(0).toInt() >= kPacks)
        return true;
    std::fprintf(stderr, "filling %d packs into %s ...\n", kPacks, qPrintable(inv.urlText()));
    QElapsedTimer t;
    t.start();
    q.exec(QStringLiteral("PRAGMA cache_size = -262144")); // 256 MiB while filling
    for (const QString& index : kIndexes)
        q.exec(QStringLiteral("DROP INDEX IF EXISTS ") + index.section(QLatin1Char(' '), 0, 0));
    for (int from = 0; from < kPacks; from += 100000) {
        if (!fillChunk(inv, from, std::min(kPacks, from + 100000)))
            return false;
    }
    for (const QString& index : kIndexes) {
        if (!q.exec(QStringLiteral("CREATE INDEX ") + index))
            return false;
    }
    q.exec(QStringLiteral("PRAGMA optimize")); // what every Inventory does on close
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    std::fprintf(stderr, "filled in %.1f s\n", static_cast<double>(t.elapsed()) / 1000.0);
    return true;
}

Inventory* inventory()
{
    static std::unique_ptr<Inventory> inv = [] {
        auto opened = Inventory::open(benchUrl());
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return std::unique_ptr<Inventory>();
        }
        return fill(**opened) ? std::move(*opened) : std::unique_ptr<Inventory>();
    }();
    return inv.get();
}

void lookupBySerial(benchmark::State& state)
{
    Inventory* inv = inventory();
    std::mt19937 rng(1);
    for (auto _ : state) {
        auto p = inv->packBySerial(serialOf(static_cast<int>(rng() % kPacks)));
        if (!p || !p->has_value())
            state.SkipWithError("lookup failed");
    }
}

void filteredPage(benchmark::State& state)
{
    Inventory* inv = inventory();
    std::mt19937 rng(2);
    for (auto _ : state) {
        SearchQuery q;
        q.grade = QStringLiteral("repurpose");
        q.gradedFrom = QStringLiteral("2026-03-01");
        q.gradedTo = QStringLiteral("2026-10-01");
        q.afterSerial = serialOf(static_cast<int>(rng() % (kPacks - 20000)));
        auto page = inv->search(q);
        if (!page || page->items.size() != 100)
            state.SkipWithError("page failed");
    }
}

void prefixPage(benchmark::State& state)
{
    Inventory* inv = inventory();
    std::mt19937 rng(3);
    for (auto _ : state) {
        SearchQuery q;
        q.text = serialOf(static_cast<int>(rng() % kPacks)).left(6); // "PK0123": 1,000 packs
        auto page = inv->search(q);
        if (!page || page->items.size() != 100)
            state.SkipWithError("prefix search failed");
    }
}

void storeGrades(benchmark::State& state)
{
    Inventory* inv = inventory();
    auto policy = loadDefaultPolicy();
    Assessment a;
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.sohCapacity = { 0.84, 0.01, "bench", {} };
    a.sohResistance = { 0.9, 0.01, "bench", {} };
    auto g = gradeAssessment(*policy, a);
    std::mt19937 rng(4);
    for (auto _ : state) {
        a.packSerial = serialOf(static_cast<int>(rng() % kPacks));
        if (!inv->storeGrade(a, *g, QStringLiteral("bench")))
            state.SkipWithError("store failed");
    }
    state.SetItemsProcessed(state.iterations());
}

void storeGradesBatched(benchmark::State& state)
{
    Inventory* inv = inventory();
    auto policy = loadDefaultPolicy();
    Assessment a;
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.sohCapacity = { 0.84, 0.01, "bench", {} };
    a.sohResistance = { 0.9, 0.01, "bench", {} };
    const GradeResult g = *gradeAssessment(*policy, a);
    std::mt19937 rng(5);
    for (auto _ : state) {
        std::vector<std::pair<Assessment, GradeResult>> batch;
        for (int i = 0; i < 100; ++i) {
            a.packSerial = serialOf(static_cast<int>(rng() % kPacks));
            batch.emplace_back(a, g);
        }
        if (!inv->storeGrades(batch, QStringLiteral("bench")))
            state.SkipWithError("store failed");
    }
    state.SetItemsProcessed(state.iterations() * 100);
}

// The peer: the same six statements per grade (pack upsert, pack id, assessment, grade, pack's
// latest grade, audit row), with the same body bytes and random UUID keys, one transaction each,
// through the sqlite3 C API directly on the same file: what SQLite itself costs, without Qt SQL,
// JSON building or our code.
class RawSqliteGrades {
public:
    // utf16: bind text as UTF-16, as Qt's SQLite driver binds a QString (the conversion to the
    // database's UTF-8 then happens inside SQLite).
    RawSqliteGrades(const QString& path, bool utf16)
        : m_utf16(utf16)
    {
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            return;
        sqlite3_exec(m_db,
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
            "PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112",
            nullptr, nullptr, nullptr);
        const QByteArray walPages = qgetenv("PACKGRADE_BENCH_WAL_AUTOCHECKPOINT"); // experiments
        if (!walPages.isEmpty())
            sqlite3_exec(m_db, ("PRAGMA wal_autocheckpoint = " + walPages).constData(), nullptr,
                nullptr, nullptr);
        const char* sql[] = { "BEGIN IMMEDIATE", "COMMIT",
            "INSERT INTO packs (id, serial, chemistry, nominal_voltage_v, created_at) VALUES (?1, "
            "?2, "
            "'nmc', 360.0, ?3) ON CONFLICT (serial) DO NOTHING",
            "SELECT id FROM packs WHERE serial = ?1",
            "INSERT INTO assessments (id, pack_id, created_at, body) VALUES (?1, ?2, ?3, ?4)",
            "INSERT INTO grades (id, pack_id, assessment_id, grade, target_application, "
            "soh_capacity, "
            "policy_name, policy_version, policy_sha256, graded_at, body) VALUES (?1, ?2, ?3, "
            "'reuse', "
            "'ev_reuse', 0.84, 'default', '1', 'sha', ?4, ?5)",
            "UPDATE packs SET last_grade = 'reuse', last_graded_at = ?1 WHERE id = ?2 AND "
            "(last_graded_at IS NULL OR last_graded_at <= ?1)",
            "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) VALUES (?1, "
            "?2, "
            "'bench', 'grade.store', 'grades', ?3, ?4)" };
        for (const char* text : sql) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v3(m_db, text, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
            m_st.push_back(st);
        }
    }
    ~RawSqliteGrades()
    {
        for (sqlite3_stmt* st : m_st)
            sqlite3_finalize(st);
        sqlite3_close(m_db);
    }
    const char* error() const { return sqlite3_errmsg(m_db); }
    bool ok() const { return m_db && std::find(m_st.begin(), m_st.end(), nullptr) == m_st.end(); }
    bool store(
        const std::string& serial, const std::string& assessmentBody, const std::string& gradeBody);

private:
    std::string uuid();
    bool run(int k, std::initializer_list<std::string> values);

    sqlite3* m_db = nullptr;
    bool m_utf16 = false;
    std::vector<sqlite3_stmt*> m_st;
    std::mt19937_64 m_rng { std::random_device {}() };
};

std::string RawSqliteGrades::uuid()
{
    char buf[40];
    const unsigned long long a = m_rng(), b = m_rng();
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-a%03llx-%012llx", a >> 32,
        (a >> 16) & 0xffff, a & 0xfff, b >> 52, b & 0xffffffffffffULL);
    return buf;
}

bool RawSqliteGrades::run(int k, std::initializer_list<std::string> values)
{
    sqlite3_stmt* st = m_st[static_cast<std::size_t>(k)];
    int i = 1;
    for (const std::string& v : values) {
        if (m_utf16) {
            const QString text = QString::fromStdString(v);
            sqlite3_bind_text16(
                st, i++, text.utf16(), static_cast<int>(text.size() * 2), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_text(st, i++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        }
    }
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

bool RawSqliteGrades::store(
    const std::string& serial, const std::string& assessmentBody, const std::string& gradeBody)
{
    const std::string now = utcNow().toStdString(), gradeId = uuid(), assessmentId = uuid();
    if (!run(0, {}) || !run(2, { uuid(), serial, now }))
        return false;
    sqlite3_stmt* find = m_st[3];
    sqlite3_bind_text(find, 1, serial.data(), static_cast<int>(serial.size()), SQLITE_TRANSIENT);
    const bool found = sqlite3_step(find) == SQLITE_ROW;
    const std::string packId
        = found ? reinterpret_cast<const char*>(sqlite3_column_text(find, 0)) : "";
    sqlite3_reset(find);
    return found && run(4, { assessmentId, packId, now, assessmentBody })
        && run(5, { gradeId, packId, assessmentId, now, gradeBody }) && run(6, { now, packId })
        && run(7, { uuid(), now, gradeId, serial + " reuse" }) && run(1, {});
}

void rawSqliteStoreGrades(benchmark::State& state)
{
    Inventory* inv = inventory();
    auto policy = loadDefaultPolicy();
    Assessment a;
    a.packSerial = serialOf(0);
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.sohCapacity = { 0.84, 0.01, "bench", {} };
    a.sohResistance = { 0.9, 0.01, "bench", {} };
    const GradeResult g = *gradeAssessment(*policy, a);
    const std::string assessmentBody
        = QJsonDocument(assessmentToJson(a)).toJson(QJsonDocument::Compact).toStdString();
    const std::string gradeBody = gradeToCompactJson(g, a, newUuid()).toStdString();
    RawSqliteGrades raw(parseDatabaseUrl(inv->urlText())->path, state.range(0) == 1);
    if (!raw.ok()) {
        state.SkipWithError("sqlite3 open/prepare failed");
        return;
    }
    std::mt19937 rng(7);
    for (auto _ : state) {
        if (!raw.store(serialOf(static_cast<int>(rng() % kPacks)).toStdString(), assessmentBody,
                gradeBody))
            state.SkipWithError(raw.error());
    }
    state.SetItemsProcessed(state.iterations());
}

void openWithIntegrityCheck(benchmark::State& state)
{
    inventory();
    for (auto _ : state) {
        auto inv = Inventory::open(benchUrl());
        if (!inv)
            state.SkipWithError("open failed");
    }
}

} // namespace

BENCHMARK(lookupBySerial)->Unit(benchmark::kMicrosecond);
BENCHMARK(filteredPage)->Unit(benchmark::kMillisecond);
BENCHMARK(prefixPage)->Unit(benchmark::kMillisecond);
BENCHMARK(storeGrades)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
// Argument 0: text bound as UTF-8; 1: as UTF-16 (what Qt SQL does).
BENCHMARK(rawSqliteStoreGrades)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
BENCHMARK(storeGradesBatched)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
BENCHMARK(openWithIntegrityCheck)->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (!inventory())
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
