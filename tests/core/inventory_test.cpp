// Issue 8: the inventory on both backends (SQLite always; a real throw-away PostgreSQL 15 server).
#include "core/grading.h"
#include "core/inventory.h"
#include "core/inventory_schema.h"
#include "inventory_fixture.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <thread>

using namespace pg::core;
using pg::models::Estimate;

using namespace pg::test;

TEST_P(InventoryBackend, EmptyDatabaseMigratesToTheLatestSchemaWithEveryTable)
{
    auto inv = openOk(freshUrl());
    ASSERT_TRUE(inv);
    EXPECT_EQ(inv->schemaVersion(), latestSchemaVersion());
    const QStringList tables = inv->database().tables();
    for (const char* t : { "packs", "modules", "cells", "sessions", "measurements", "assessments",
             "grades", "certificates", "users", "audit_log", "export_outbox", "schema_version" })
        EXPECT_TRUE(tables.contains(QLatin1String(t))) << t;
}

TEST_P(InventoryBackend, MigratesFromEveryOldVersionKeepingTheData)
{
    for (int from = 0; from < latestSchemaVersion(); ++from) {
        SCOPED_TRACE(from);
        const QString url = freshUrl();
        {
            auto old = openOk(url, Inventory::Options { from, true, 10000 });
            ASSERT_TRUE(old);
            ASSERT_EQ(old->schemaVersion(), from);
            QSqlQuery q(old->database());
            if (from >= 1) {
                ASSERT_TRUE(q.exec(
                    QStringLiteral("INSERT INTO packs (id, serial, chemistry, created_at) VALUES "
                                   "('p-old', 'OLD-1', 'nmc', '2025-05-01T10:00:00.000Z')")));
            }
            if (from >= 2) {
                ASSERT_TRUE(q.exec(
                    QStringLiteral("INSERT INTO assessments (id, pack_id, created_at, body) VALUES "
                                   "('a-old', 'p-old', '2025-05-02T10:00:00.000Z', '{}')")));
                ASSERT_TRUE(
                    q.exec(QStringLiteral("INSERT INTO grades (id, pack_id, assessment_id, grade, "
                                          "policy_name, policy_version, policy_sha256, "
                                          "graded_at, body) VALUES ('g-old', 'p-old', 'a-old', "
                                          "'repurpose', 'old', '0.9', 'abc', "
                                          "'2025-05-02T10:00:00.000Z', '{}')")));
            }
        }
        auto inv = openOk(url);
        ASSERT_TRUE(inv);
        EXPECT_EQ(inv->schemaVersion(), latestSchemaVersion());
        auto pack = inv->packBySerial(QStringLiteral("OLD-1"));
        ASSERT_TRUE(pack);
        EXPECT_EQ(pack->has_value(), from >= 1);
        if (from >= 2 && from < 4) { // rows written raw at version >= 4 are not back-filled
            EXPECT_EQ(
                (*pack)->lastGrade, QStringLiteral("repurpose")); // back-filled by migration 4
            EXPECT_EQ((*pack)->lastGradedAt, QStringLiteral("2025-05-02T10:00:00.000Z"));
        }
        const Assessment a = packWithSoh(QStringLiteral("OLD-1"), 0.9);
        auto stored = inv->storeGrade(a, gradeOf(a));
        ASSERT_TRUE(stored) << stored.error().message.toStdString();
        EXPECT_EQ(count(*inv, QStringLiteral("SELECT COUNT(*) FROM grades")), from >= 2 ? 2 : 1);
    }
}

TEST_P(InventoryBackend, NewerSchemaIsRefusedAndLeftUntouched)
{
    const QString url = freshUrl();
    {
        auto inv = openOk(url);
        ASSERT_TRUE(inv);
        QSqlQuery q(inv->database());
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE schema_version SET version = %1")
                               .arg(latestSchemaVersion() + 1)));
    }
    const QString file = url.mid(7);
    QByteArray before;
    if (!postgres()) {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        before = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    auto refused = Inventory::open(url);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("newer than this PackGrade")))
        << refused.error().message.toStdString();
    EXPECT_EQ(refused.error().exitCode, kExitFailed);
    refused = {}; // close before looking at the database
    if (!postgres()) {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_EQ(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256), before);
    }
    // Still at the newer version: read it with a plain connection.
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(
            postgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
            QStringLiteral("raw-check"));
        auto parsed = parseDatabaseUrl(url);
        raw.setDatabaseName(postgres() ? parsed->database : parsed->path);
        raw.setHostName(parsed->host);
        raw.setPort(parsed->port);
        raw.setUserName(parsed->user);
        ASSERT_TRUE(raw.open());
        auto version = readSchemaVersion(raw);
        ASSERT_TRUE(version);
        EXPECT_EQ(*version, latestSchemaVersion() + 1);
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw-check"));
}

TEST_P(InventoryBackend, StoresGradeWithPolicyAuditAndShowsTheRecord)
{
    auto inv = openOk(freshUrl());
    ASSERT_TRUE(inv);
    const Assessment a = packWithSoh(QStringLiteral("PK-42"), 0.81, 0.01); // straddles 0.80: retest
    const GradeResult g = gradeOf(a);
    ASSERT_EQ(g.grade, QStringLiteral("retest"));
    auto stored = inv->storeGrade(
        a, g, QStringLiteral("tech1"), QStringLiteral("2026-03-01T10:00:00.000Z"));
    ASSERT_TRUE(stored) << stored.error().message.toStdString();
    const Assessment b = packWithSoh(QStringLiteral("PK-42"), 0.86, 0.005);
    ASSERT_TRUE(inv->storeGrade(
        b, gradeOf(b), QStringLiteral("tech1"), QStringLiteral("2026-03-01T10:00:00.001Z")));
    auto shown = inv->show(QStringLiteral("PK-42"));
    ASSERT_TRUE(shown && shown->has_value());
    const QJsonObject rec = **shown;
    EXPECT_EQ(rec.value(QStringLiteral("id")).toString(), stored->packId);
    EXPECT_EQ(
        rec.value(QStringLiteral("grade")).toString(), QStringLiteral("reuse")); // the latest grade
    const QJsonArray grades = rec.value(QStringLiteral("grades")).toArray();
    ASSERT_EQ(grades.size(), 2);
    const QJsonObject first = grades.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("id")).toString(), stored->gradeId);
    EXPECT_EQ(first.value(QStringLiteral("grade")).toString(), QStringLiteral("retest"));
    EXPECT_EQ(
        first.value(QStringLiteral("policy")).toObject().value(QStringLiteral("sha256")).toString(),
        m_policy.sha256);
    EXPECT_EQ(
        count(*inv,
            QStringLiteral(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'grade.store' AND actor = 'tech1'")),
        2);
    // The JSON bodies are stored as TEXT on both backends (SQLite is given UTF-8 bytes through
    // CAST(? AS TEXT); a BLOB would never equal its text cast).
    for (const char* table : { "grades", "assessments" })
        EXPECT_EQ(count(*inv,
                      QStringLiteral("SELECT COUNT(*) FROM %1 WHERE CAST(body AS TEXT) = body")
                          .arg(QLatin1String(table))),
            2)
            << table;
    auto stats = inv->gradeStats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->total, 2);
    EXPECT_EQ(stats->retest, 1);
    auto byId = inv->show(stored->packId);
    ASSERT_TRUE(byId && byId->has_value());
    auto missing = inv->show(QStringLiteral("NOPE"));
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());
}

TEST_P(InventoryBackend, TwoConcurrentWritersLoseNothing)
{
    const QString url = freshUrl();
    ASSERT_TRUE(openOk(url)); // migrate once up front
    constexpr int kOwn = 130;
    constexpr int kShared = 20;
    QStringList errors[2];
    auto writer = [&](int t) {
        auto inv = Inventory::open(url);
        if (!inv) {
            errors[t] << inv.error().message;
            return;
        }
        for (int i = 0; i < kOwn + kShared; ++i) {
            const QString serial = i < kOwn ? QStringLiteral("T%1-%2").arg(t).arg(i)
                                            : QStringLiteral("SHARED-%1").arg(i);
            const Assessment a = packWithSoh(serial, 0.9);
            auto ok = (*inv)->storeGrade(a, gradeOf(a), QStringLiteral("bench%1").arg(t));
            if (!ok)
                errors[t] << ok.error().message;
        }
    };
    std::thread one(writer, 0);
    std::thread two(writer, 1);
    one.join();
    two.join();
    EXPECT_TRUE(errors[0].isEmpty()) << errors[0].join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(errors[1].isEmpty()) << errors[1].join(QLatin1Char('\n')).toStdString();
    auto inv = openOk(url);
    ASSERT_TRUE(inv);
    EXPECT_EQ(count(*inv, QStringLiteral("SELECT COUNT(*) FROM grades")), 2 * (kOwn + kShared));
    EXPECT_EQ(count(*inv, QStringLiteral("SELECT COUNT(*) FROM packs")), 2 * kOwn + kShared);
    EXPECT_EQ(
        count(*inv, QStringLiteral("SELECT COUNT(*) FROM assessments")), 2 * (kOwn + kShared));
    EXPECT_EQ(count(*inv,
                  QStringLiteral("SELECT COUNT(*) FROM grades g JOIN packs p ON p.id = g.pack_id "
                                 "WHERE p.serial LIKE 'SHARED-%'")),
        2 * kShared);
}

INSTANTIATE_TEST_SUITE_P(InventorySqlite, InventoryBackend, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(InventoryPostgres, InventoryBackend, ::testing::Values("postgres"));

TEST_P(InventoryBackend, StoresABatchOfGradesInOneTransaction)
{
    auto inv = openOk(freshUrl());
    ASSERT_TRUE(inv);
    std::vector<std::pair<Assessment, GradeResult>> batch;
    for (int i = 0; i < 3; ++i) {
        const Assessment a = packWithSoh(QStringLiteral("B-%1").arg(i), 0.9 - 0.15 * i, 0.0);
        batch.emplace_back(a, gradeOf(a));
    }
    auto stored = inv->storeGrades(batch);
    ASSERT_TRUE(stored) << stored.error().message.toStdString();
    ASSERT_EQ(stored->size(), 3u);
    EXPECT_EQ(count(*inv, QStringLiteral("SELECT COUNT(*) FROM grades")), 3);
    auto last = inv->packBySerial(QStringLiteral("B-2")); // 0.60 exactly: stationary storage
    ASSERT_TRUE(last && last->has_value());
    EXPECT_EQ((*last)->lastGrade, QStringLiteral("repurpose"));
}
