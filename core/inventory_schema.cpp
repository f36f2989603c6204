#include "inventory_schema.h"

#include <QSqlError>
#include <QSqlQuery>

namespace pg::core {

namespace {

    Migration migration1()
    {
        return { 1, "packs, modules and cells",
            {
                QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"),
                QStringLiteral(
                    "CREATE TABLE packs (id TEXT PRIMARY KEY, serial TEXT NOT NULL UNIQUE, vin "
                    "TEXT, "
                    "part_number TEXT, chemistry TEXT NOT NULL, manufacturer TEXT, "
                    "nominal_capacity_ah DOUBLE PRECISION, nominal_voltage_v DOUBLE PRECISION, "
                    "created_at TEXT NOT NULL)"),
                QStringLiteral(
                    "CREATE TABLE modules (id TEXT PRIMARY KEY, pack_id TEXT REFERENCES packs(id), "
                    "position INTEGER, serial TEXT, chemistry TEXT NOT NULL, format TEXT NOT NULL, "
                    "capacity_ah DOUBLE PRECISION, resistance_ohm DOUBLE PRECISION, "
                    "nominal_voltage_v DOUBLE PRECISION, created_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE cells (id TEXT PRIMARY KEY, module_id TEXT NOT NULL "
                               "REFERENCES modules(id), "
                               "position INTEGER, capacity_ah DOUBLE PRECISION, resistance_ohm "
                               "DOUBLE PRECISION, "
                               "voltage_v DOUBLE PRECISION)"),
            } };
    }

    Migration migration2()
    {
        return { 2, "sessions, measurements, assessments and grades",
            {
                QStringLiteral(
                    "CREATE TABLE sessions (id TEXT PRIMARY KEY, pack_id TEXT NOT NULL REFERENCES "
                    "packs(id), "
                    "bench TEXT, operator_id TEXT, started_at TEXT NOT NULL, folder TEXT, "
                    "frame_log_sha256 TEXT)"),
                QStringLiteral(
                    "CREATE TABLE measurements (id TEXT PRIMARY KEY, "
                    "session_id TEXT NOT NULL REFERENCES sessions(id), kind TEXT NOT NULL, "
                    "value DOUBLE PRECISION, stderr DOUBLE PRECISION, unit TEXT, method TEXT, "
                    "series_path TEXT, series_sha256 TEXT)"),
                QStringLiteral("CREATE TABLE assessments (id TEXT PRIMARY KEY, pack_id TEXT NOT "
                               "NULL REFERENCES packs(id), "
                               "session_id TEXT REFERENCES sessions(id), created_at TEXT NOT NULL, "
                               "body TEXT NOT NULL)"),
                QStringLiteral(
                    "CREATE TABLE grades (id TEXT PRIMARY KEY, pack_id TEXT NOT NULL REFERENCES "
                    "packs(id), "
                    "assessment_id TEXT NOT NULL REFERENCES assessments(id), grade TEXT NOT NULL, "
                    "target_application TEXT, soh_capacity DOUBLE PRECISION, policy_name TEXT NOT "
                    "NULL, "
                    "policy_version TEXT NOT NULL, policy_sha256 TEXT NOT NULL, graded_at TEXT NOT "
                    "NULL, "
                    "body TEXT NOT NULL)"),
            } };
    }

    Migration migration3()
    {
        return { 3, "users, certificates, audit log and export outbox",
            {
                QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, login TEXT NOT NULL "
                               "UNIQUE, display_name TEXT, "
                               "role TEXT NOT NULL, password_hash TEXT, created_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE certificates (id TEXT PRIMARY KEY, grade_id TEXT NOT "
                               "NULL REFERENCES grades(id), "
                               "issued_at TEXT NOT NULL, signed_by TEXT REFERENCES users(id), "
                               "document_sha256 TEXT, "
                               "signature TEXT)"),
                QStringLiteral(
                    "CREATE TABLE audit_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, actor TEXT, "
                    "action TEXT NOT NULL, entity TEXT, entity_id TEXT, detail TEXT)"),
                QStringLiteral(
                    "CREATE TABLE export_outbox (id TEXT PRIMARY KEY, grade_id TEXT REFERENCES "
                    "grades(id), "
                    "created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', "
                    "attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, payload TEXT)"),
            } };
    }

    Migration migration4()
    {
        return { 4, "search columns, indexes and module allocation",
            {
                QStringLiteral("ALTER TABLE packs ADD COLUMN last_grade TEXT"),
                QStringLiteral("ALTER TABLE packs ADD COLUMN last_graded_at TEXT"),
                QStringLiteral(
                    "UPDATE packs SET last_graded_at = (SELECT MAX(g.graded_at) FROM grades g "
                    "WHERE g.pack_id = packs.id)"),
                QStringLiteral("UPDATE packs SET last_grade = (SELECT g.grade FROM grades g WHERE "
                               "g.pack_id = packs.id "
                               "ORDER BY g.graded_at DESC, g.id DESC LIMIT 1)"),
                QStringLiteral("ALTER TABLE modules ADD COLUMN allocated_to TEXT"),
                QStringLiteral("CREATE INDEX packs_vin ON packs (vin)"),
                QStringLiteral("CREATE INDEX packs_part_number ON packs (part_number)"),
                QStringLiteral("CREATE INDEX packs_grade_serial ON packs (last_grade, serial)"),
                QStringLiteral("CREATE INDEX packs_graded_at ON packs (last_graded_at)"),
                QStringLiteral("CREATE INDEX grades_pack ON grades (pack_id, graded_at)"),
                QStringLiteral("CREATE INDEX assessments_pack ON assessments (pack_id)"),
                QStringLiteral("CREATE INDEX modules_pack ON modules (pack_id)"),
                QStringLiteral(
                    "CREATE INDEX modules_match ON modules (chemistry, format, allocated_to)"),
                QStringLiteral("CREATE INDEX cells_module ON cells (module_id)"),
                QStringLiteral("CREATE INDEX sessions_pack ON sessions (pack_id)"),
                QStringLiteral("CREATE INDEX measurements_session ON measurements (session_id)"),
            } };
    }

    // Issue 9: the signed envelope of each certificate (one per grade, so that it is re-exported,
    // never re-signed) and the marketplace outbox keyed by certificate id (idempotent uploads).
    Migration migration5()
    {
        return { 5, "certificate envelopes and the marketplace outbox",
            {
                QStringLiteral("ALTER TABLE certificates ADD COLUMN envelope TEXT"),
                QStringLiteral("ALTER TABLE certificates ADD COLUMN key_fingerprint TEXT"),
                QStringLiteral("CREATE UNIQUE INDEX certificates_grade ON certificates (grade_id)"),
                QStringLiteral("ALTER TABLE export_outbox ADD COLUMN certificate_id TEXT"),
                QStringLiteral("ALTER TABLE export_outbox ADD COLUMN sent_at TEXT"),
                QStringLiteral("ALTER TABLE export_outbox ADD COLUMN http_status INTEGER"),
                QStringLiteral("CREATE UNIQUE INDEX export_outbox_certificate ON export_outbox "
                               "(certificate_id)"),
                QStringLiteral(
                    "CREATE INDEX export_outbox_state ON export_outbox (state, created_at)"),
            } };
    }

    // Issue 9: what a certificate needs from the session folder (cell extremes, temperatures, the
    // key curve) kept with the grade, bound to the folder's manifest hash, so that a certificate
    // issued after the folder was archived still states it (core/certificate_evidence.h).
    Migration migration6()
    {
        return { 6, "certificate evidence with each grade",
            {
                QStringLiteral("ALTER TABLE grades ADD COLUMN certificate_evidence TEXT"),
            } };
    }

} // namespace

const std::vector<Migration>& inventoryMigrations()
{
    static const std::vector<Migration> kMigrations { migration1(), migration2(), migration3(),
        migration4(), migration5(), migration6() };
    return kMigrations;
}

int latestSchemaVersion()
{
    return inventoryMigrations().back().version;
}

namespace {

    Error sqlError(const QString& what, const QSqlError& e)
    {
        return Error { kExitFailed, QStringLiteral("%1: %2").arg(what, e.text()) };
    }

    bool hasVersionTable(QSqlDatabase& db)
    {
        return db.tables().contains(QStringLiteral("schema_version"));
    }

    tl::expected<void, Error> exec(QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return tl::unexpected(
                sqlError(QStringLiteral("inventory migration: ") + sql.left(60), q.lastError()));
        return {};
    }

    tl::expected<void, Error> applyOne(
        QSqlDatabase& db, bool postgres, const Migration& m, int& version)
    {
        if (auto ok
            = exec(db, postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
            !ok)
            return ok;
        auto rollback = [&db](Error e) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return tl::unexpected(std::move(e));
        };
        if (postgres) {
            if (auto ok = exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(8008)")); !ok)
                return rollback(ok.error());
        }
        auto current = readSchemaVersion(db); // another bench may have migrated meanwhile
        if (!current)
            return rollback(current.error());
        if (*current >= m.version) {
            version = *current;
            return exec(db, QStringLiteral("COMMIT"));
        }
        for (const QString& sql : m.statements) {
            if (auto ok = exec(db, sql); !ok)
                return rollback(ok.error());
        }
        if (auto ok
            = exec(db, QStringLiteral("UPDATE schema_version SET version = %1").arg(m.version));
            !ok)
            return rollback(ok.error());
        if (auto ok = exec(db, QStringLiteral("COMMIT")); !ok)
            return rollback(ok.error());
        version = m.version;
        return {};
    }

} // namespace

tl::expected<int, Error> readSchemaVersion(QSqlDatabase& db)
{
    if (!hasVersionTable(db))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return tl::unexpected(
            sqlError(QStringLiteral("inventory: cannot read schema_version"), q.lastError()));
    return q.value(0).toInt();
}

tl::expected<int, Error> migrateInventory(QSqlDatabase& db, bool postgres, int targetVersion)
{
    auto version = readSchemaVersion(db);
    if (!version)
        return version;
    if (*version > latestSchemaVersion())
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral("inventory %1: schema version %2 is newer than this PackGrade knows "
                           "(%3); refusing to "
                           "open it (nothing was changed): upgrade PackGrade")
                .arg(db.databaseName())
                .arg(*version)
                .arg(latestSchemaVersion()) });
    int current = *version;
    for (const Migration& m : inventoryMigrations()) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        if (auto ok = applyOne(db, postgres, m, current); !ok)
            return tl::unexpected(ok.error());
    }
    return current;
}

} // namespace pg::core
