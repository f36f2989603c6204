#include "inventory.h"

#include "grading_json.h"
#include "inventory_schema.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

namespace pg::core {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

tl::expected<DatabaseUrl, Error> parseDatabaseUrl(const QString& url)
{
    DatabaseUrl out;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        out.path = url.mid(7);
        if (out.path.startsWith(QLatin1String("//")))
            out.path = out.path.mid(2);
        out.text = url;
        if (out.path.isEmpty())
            return tl::unexpected(
                Error { kExitUsage, QStringLiteral("--db %1: expected sqlite:PATH").arg(url) });
        return out;
    }
    const QUrl u(url);
    if (!u.isValid()
        || (u.scheme() != QLatin1String("postgresql") && u.scheme() != QLatin1String("postgres"))
        || u.host().isEmpty() || u.path().size() < 2)
        return tl::unexpected(Error { kExitUsage,
            QStringLiteral("--db %1: expected sqlite:PATH or postgresql://user@host:port/db")
                .arg(url) });
    out.postgres = true;
    out.host = u.host();
    out.port = u.port(5432);
    out.user = u.userName();
    out.password = u.password();
    out.database = u.path().mid(1);
    out.text = QStringLiteral("postgresql://%1@%2:%3/%4")
                   .arg(out.user, out.host)
                   .arg(out.port)
                   .arg(out.database);
    return out;
}

QString defaultDatabaseUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite:") + dir + QStringLiteral("/inventory.sqlite");
}

Inventory::Inventory(DatabaseUrl url, QString connection)
    : m_url(std::move(url))
    , m_connection(std::move(connection))
{
}

Inventory::~Inventory()
{
    m_statements.clear(); // before the connection goes
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen() && !m_url.postgres && m_version > 0)
            QSqlQuery(db).exec(QStringLiteral("PRAGMA optimize")); // keeps planner statistics fresh
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Inventory::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

Error Inventory::sqlError(const QString& what, const QSqlQuery& q) const
{
    return Error { kExitFailed,
        QStringLiteral("inventory %1: %2: %3").arg(m_url.text, what, q.lastError().text()) };
}

tl::expected<std::unique_ptr<Inventory>, Error> Inventory::open(const QString& url)
{
    return open(url, Options {});
}

tl::expected<std::unique_ptr<Inventory>, Error> Inventory::open(
    const QString& url, const Options& options)
{
    auto parsed = parseDatabaseUrl(url);
    if (!parsed)
        return tl::unexpected(parsed.error());
    std::unique_ptr<Inventory> inv(
        new Inventory(*parsed, QStringLiteral("packgrade-inventory-") + newUuid()));
    QSqlDatabase db = QSqlDatabase::addDatabase(
        parsed->postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), inv->m_connection);
    if (!db.isValid())
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral("inventory %1: the Qt SQL driver %2 is not installed")
                .arg(parsed->text,
                    parsed->postgres ? QStringLiteral("QPSQL (libqt6sql6-psql)")
                                     : QStringLiteral("QSQLITE")) });
    if (parsed->postgres) {
        db.setHostName(parsed->host);
        db.setPort(parsed->port);
        db.setUserName(parsed->user);
        db.setPassword(parsed->password);
        db.setDatabaseName(parsed->database);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    } else {
        QDir().mkpath(QFileInfo(parsed->path).absolutePath());
        db.setDatabaseName(parsed->path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    }
    if (!db.open())
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral("inventory %1: cannot open: %2")
                .arg(parsed->text, db.lastError().text()) });
    if (auto ok = inv->prepare(options); !ok)
        return tl::unexpected(ok.error());
    return inv;
}

// Version first (read only), so that a newer database is refused before anything is written.
tl::expected<void, Error> Inventory::prepare(const Options& options)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!m_url.postgres && !q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return tl::unexpected(sqlError(QStringLiteral("foreign_keys"), q));
    auto version = readSchemaVersion(db);
    if (!version)
        return tl::unexpected(version.error());
    if (*version > latestSchemaVersion())
        return migrateInventory(db, m_url.postgres, latestSchemaVersion()).map([](int) {});
    if (!m_url.postgres) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
            return tl::unexpected(sqlError(QStringLiteral("journal_mode=WAL"), q));
        // 64 MiB page cache and memory-mapped reads: random index pages of a million packs
        // stay in memory instead of one pread() each.
        q.exec(QStringLiteral("PRAGMA cache_size = -65536"));
        // 2 GiB (SQLite's default upper limit): a 1,000,000-pack file is over 300 MB and grows
        // with every grade; reads past a 256 MiB window were one pread() per page, 20 % of a
        // stored grade's CPU (tests/bench/inventory).
        q.exec(QStringLiteral("PRAGMA mmap_size = 2147418112"));
        if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
            return tl::unexpected(sqlError(QStringLiteral("synchronous"), q));
        if (options.integrityCheck && *version > 0) {
            if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
                return tl::unexpected(sqlError(QStringLiteral("integrity check"), q));
            if (q.value(0).toString() != QLatin1String("ok"))
                return tl::unexpected(Error { kExitFailed,
                    QStringLiteral("inventory %1: integrity check failed: %2")
                        .arg(m_url.text, q.value(0).toString()) });
        }
    }
    const int target = options.targetVersion < 0 ? latestSchemaVersion() : options.targetVersion;
    auto migrated = migrateInventory(db, m_url.postgres, target);
    if (!migrated)
        return tl::unexpected(migrated.error());
    m_version = *migrated;
    return {};
}

tl::expected<void, Error> Inventory::transaction(
    const std::function<tl::expected<void, Error>()>& work)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!q.exec(m_url.postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"))) {
        Error e = sqlError(QStringLiteral("begin"), q);
        if (e.message.contains(QLatin1String("locked")))
            e.message += QStringLiteral(
                " (another bench or program holds the database; nothing was stored)");
        return tl::unexpected(e);
    }
    auto result = work();
    if (result && q.exec(QStringLiteral("COMMIT")))
        return {};
    if (result)
        result = tl::unexpected(sqlError(QStringLiteral("commit"), q));
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    return result;
}

tl::expected<QString, Error> Inventory::upsertPack(const PackRecord& p)
{
    auto inserted
        = run(QStringLiteral(
                  "INSERT INTO packs (id, serial, vin, part_number, chemistry, manufacturer, "
                  "nominal_capacity_ah, nominal_voltage_v, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                  "?, ?, ?) ON CONFLICT (serial) DO NOTHING"),
            { newUuid(), p.serial, p.vin, p.partNumber, p.chemistry, p.manufacturer,
                p.nominalCapacityAh, p.nominalVoltageV,
                p.createdAt.isEmpty() ? utcNow() : p.createdAt },
            QStringLiteral("store pack ") + p.serial);
    if (!inserted)
        return tl::unexpected(inserted.error());
    auto found = run(QStringLiteral("SELECT id FROM packs WHERE serial = ?"), { p.serial },
        QStringLiteral("find pack ") + p.serial);
    if (!found)
        return tl::unexpected(found.error());
    QSqlQuery& q = **found;
    if (!q.next())
        return tl::unexpected(sqlError(QStringLiteral("find pack ") + p.serial, q));
    const QString id = q.value(0).toString();
    q.finish();
    return id;
}

tl::expected<QSqlQuery*, Error> Inventory::run(
    const QString& sql, const QVariantList& values, const QString& what)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            return tl::unexpected(sqlError(what, q));
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    QSqlQuery& q = it->second;
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return tl::unexpected(sqlError(what, q));
    return &q;
}

namespace {

    QByteArray compactJson(const QJsonObject& o)
    {
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    // A JSON body as a bound value. SQLite gets the UTF-8 bytes (a blob that the statement's
    // CAST(? AS TEXT) stores as TEXT without conversion): a QString would be bound as UTF-16
    // and converted inside SQLite, about 10 % of a stored grade's CPU
    // (tests/bench/inventory, rawSqliteStoreGrades/0 vs /1). PostgreSQL gets text.
    QVariant bodyValue(const QByteArray& utf8, bool postgres)
    {
        return postgres ? QVariant(QString::fromUtf8(utf8)) : QVariant(utf8);
    }

} // namespace

tl::expected<void, Error> Inventory::insertGrade(
    const Assessment& a, const GradeResult& g, const QString& actor, StoredGrade& s)
{
    auto packId = upsertPack({ QString(), a.packSerial, a.vin, a.partNumber, a.chemistry, QString(),
        a.nominalCapacityAh, a.nominalVoltageV, s.gradedAt, QString(), QString() });
    if (!packId)
        return tl::unexpected(packId.error());
    s.packId = *packId;
    if (auto r = run(QStringLiteral(
                         "INSERT INTO assessments (id, pack_id, created_at, body) VALUES (?, ?, ?, "
                         "CAST(? AS TEXT))"),
            { s.assessmentId, s.packId, s.gradedAt,
                bodyValue(compactJson(assessmentToJson(a)), m_url.postgres) },
            QStringLiteral("store assessment"));
        !r)
        return tl::unexpected(r.error());
    const QVariant soh = a.sohCapacity.valid() ? QVariant(a.sohCapacity.value) : QVariant();
    if (auto r
        = run(QStringLiteral(
                  "INSERT INTO grades (id, pack_id, assessment_id, grade, target_application, "
                  "soh_capacity, policy_name, policy_version, policy_sha256, graded_at, body) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))"),
            { s.gradeId, s.packId, s.assessmentId, g.grade, g.targetApplication, soh, g.policyName,
                g.policyVersion, g.policySha256, s.gradedAt,
                bodyValue(gradeToCompactJson(g, a, s.gradeId), m_url.postgres) },
            QStringLiteral("store grade"));
        !r)
        return tl::unexpected(r.error());
    if (auto r
        = run(QStringLiteral("UPDATE packs SET last_grade = ?, last_graded_at = ? WHERE id = ? AND "
                             "(last_graded_at IS NULL OR last_graded_at <= ?)"),
            { g.grade, s.gradedAt, s.packId, s.gradedAt }, QStringLiteral("update pack"));
        !r)
        return tl::unexpected(r.error());
    if (auto r = run(QStringLiteral(
                         "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) "
                         "VALUES (?, ?, ?, 'grade.store', 'grades', ?, ?)"),
            { newUuid(), utcNow(), actor, s.gradeId,
                QStringLiteral("%1 %2").arg(a.packSerial, g.grade) },
            QStringLiteral("audit"));
        !r)
        return tl::unexpected(r.error());
    return {};
}

tl::expected<StoredGrade, Error> Inventory::storeGrade(
    const Assessment& a, const GradeResult& g, const QString& actor, const QString& gradedAt)
{
    StoredGrade s { newUuid(), QString(), newUuid(), gradedAt.isEmpty() ? utcNow() : gradedAt };
    auto ok = transaction([&]() { return insertGrade(a, g, actor, s); });
    if (!ok)
        return tl::unexpected(ok.error());
    return s;
}

tl::expected<std::vector<StoredGrade>, Error> Inventory::storeGrades(
    const std::vector<std::pair<Assessment, GradeResult>>& grades, const QString& actor)
{
    std::vector<StoredGrade> stored;
    auto ok = transaction([&]() -> tl::expected<void, Error> {
        for (const auto& [a, g] : grades) {
            StoredGrade s { newUuid(), QString(), newUuid(), utcNow() };
            if (auto one = insertGrade(a, g, actor, s); !one)
                return one;
            stored.push_back(s);
        }
        return {};
    });
    if (!ok)
        return tl::unexpected(ok.error());
    return stored;
}

} // namespace pg::core
