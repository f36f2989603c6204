#pragma once

#include "assessment.h"
#include "error.h"
#include "grading.h"
#include "module_matcher.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace pg::core {

// `sqlite:PATH` or `postgresql://user[:password]@host[:port]/db` (CLI.md).
struct DatabaseUrl {
    bool postgres = false;
    QString path; // sqlite
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString text; // as given, without the password
};

tl::expected<DatabaseUrl, Error> parseDatabaseUrl(const QString& url);
// sqlite:<QStandardPaths::AppDataLocation>/inventory.sqlite
QString defaultDatabaseUrl();

struct SessionAssessment; // session_grading.h

struct PackRecord {
    QString id;
    QString serial;
    QString vin;
    QString partNumber;
    QString chemistry;
    QString manufacturer;
    double nominalCapacityAh = 0.0;
    double nominalVoltageV = 0.0;
    QString createdAt;
    QString lastGrade;
    QString lastGradedAt;
};

struct StoredGrade {
    QString gradeId;
    QString packId;
    QString assessmentId;
    QString gradedAt;
};

struct SearchQuery {
    QString text; // prefix of serial, VIN or part number
    QString grade; // reuse, repurpose, recycle, retest
    QString gradedFrom; // ISO-8601 UTC, inclusive
    QString gradedTo; // exclusive
    QString afterSerial; // paging cursor: the last serial of the previous page
    int limit = 100;
};

struct SearchPage {
    std::vector<PackRecord> items; // ordered by serial
    QString nextCursor; // empty on the last page
};

struct GradeStats {
    long long total = 0;
    long long retest = 0;
    QMap<QString, long long> byGrade;
};

// The inventory of packs, modules and grades (SQLite or PostgreSQL, one schema). One object owns
// one connection and must be used from the thread that opened it; open one per thread.
class Inventory {
public:
    struct Options {
        int targetVersion = -1; // migrate up to this version (-1: latest); tests only
        bool integrityCheck = true; // SQLite: PRAGMA quick_check on open
        int busyTimeoutMs = 10000;
    };

    static tl::expected<std::unique_ptr<Inventory>, Error> open(const QString& url);
    static tl::expected<std::unique_ptr<Inventory>, Error> open(
        const QString& url, const Options& options);
    ~Inventory();
    Inventory(const Inventory&) = delete;
    Inventory& operator=(const Inventory&) = delete;

    bool isPostgres() const { return m_url.postgres; }
    const QString& urlText() const { return m_url.text; }
    int schemaVersion() const { return m_version; }
    QSqlDatabase database() const;

    // Inserts the pack if its serial is new; returns its id either way.
    tl::expected<QString, Error> upsertPack(const PackRecord& pack);
    // Stores the assessment and its grade (and the pack if new) in one transaction.
    tl::expected<StoredGrade, Error> storeGrade(const Assessment& a, const GradeResult& g,
        const QString& actor = QString(), const QString& gradedAt = QString());

    // Stores many grades in one transaction (imports, a bench catching up): all or nothing.
    tl::expected<std::vector<StoredGrade>, Error> storeGrades(
        const std::vector<std::pair<Assessment, GradeResult>>& grades,
        const QString& actor = QString());

    // Stores a recorded session (once per session id: grading a folder again adds a grade, not a
    // second session), its measurements (bulk series by path and SHA-256), and the assessment and
    // grade made from it, in one transaction (inventory_sessions.cpp).
    tl::expected<StoredGrade, Error> storeSessionGrade(
        const SessionAssessment& session, const GradeResult& g, const QString& actor = QString());

    tl::expected<std::optional<PackRecord>, Error> packBySerial(const QString& serial);
    // The pack (by id or serial) with its grades and modules; nullopt when absent.
    tl::expected<std::optional<QJsonObject>, Error> show(const QString& idOrSerial);
    tl::expected<SearchPage, Error> search(const SearchQuery& query);
    tl::expected<GradeStats, Error> gradeStats();

    // Adds modules (ids made when empty) in one transaction.
    tl::expected<void, Error> addModules(std::vector<ModuleRecord> modules);
    // Modules not yet allocated, optionally of one chemistry and format.
    tl::expected<std::vector<ModuleRecord>, Error> freeModules(
        const QString& chemistry = QString(), const QString& format = QString());
    // Marks the groups' modules allocated (a new group id each), all or nothing: a module that
    // another bench allocated meanwhile aborts the whole allocation. Returns the group ids.
    tl::expected<std::vector<QString>, Error> allocate(const std::vector<ModuleRecord>& modules,
        const std::vector<ModuleGroup>& groups, const QString& actor = QString());

    // Runs `work` inside one transaction (BEGIN IMMEDIATE on SQLite); rolls back on error.
    tl::expected<void, Error> transaction(const std::function<tl::expected<void, Error>()>& work);
    Error sqlError(const QString& what, const QSqlQuery& q) const;

private:
    Inventory(DatabaseUrl url, QString connection);
    tl::expected<void, Error> prepare(const Options& options);
    // The rows of one grade (pack upsert, assessment, grade, latest grade, audit); no transaction.
    tl::expected<void, Error> insertGrade(
        const Assessment& a, const GradeResult& g, const QString& actor, StoredGrade& s);

    // Runs a cached prepared statement with positional values; the query stays valid until the
    // next call with the same SQL.
    tl::expected<QSqlQuery*, Error> run(
        const QString& sql, const QVariantList& values, const QString& what);

    DatabaseUrl m_url;
    QString m_connection;
    std::map<QString, QSqlQuery> m_statements; // prepared once per connection
    int m_version = 0;
};

QString newUuid();
QString utcNow();
QJsonObject packToJson(const PackRecord& p);

} // namespace pg::core
