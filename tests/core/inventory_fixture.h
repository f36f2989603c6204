#pragma once
// The inventory test fixture: every TEST_P runs on SQLite and on a throw-away PostgreSQL server.
#include "core/grading.h"
#include "core/inventory.h"
#include "pg_server.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace pg::test {

using namespace pg::core;
using pg::models::Estimate;

inline Assessment packWithSoh(const QString& serial, double soh, double stderrValue = 0.005)
{
    Assessment a;
    a.packSerial = serial;
    a.vin = QStringLiteral("VIN-") + serial;
    a.chemistry = QStringLiteral("nmc");
    a.nominalVoltageV = 360.0;
    a.nominalCapacityAh = 60.0;
    a.sohCapacity = Estimate { soh, stderrValue, "test", {} };
    a.sohResistance = Estimate { 0.9, 0.01, "test", {} };
    a.cellVoltageSpreadV = Estimate { 0.01, 0.001, "test", {} };
    a.capacitySpread = Estimate { 0.02, 0.0, "test", {} };
    a.selfDischargeVPerDay = Estimate { 0.001, 0.0, "test", {} };
    a.temperatureSpreadC = Estimate { 2.0, 0.0, "test", {} };
    a.isolationOhm = Estimate { 360.0e3, 0.0, "test", {} };
    return a;
}

inline long long count(Inventory& inv, const QString& sql)
{
    QSqlQuery q(inv.database());
    EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
    return q.value(0).toLongLong();
}

class InventoryBackend : public ::testing::TestWithParam<const char*> {
protected:
    static void TearDownTestSuite()
    {
        s_pg.reset();
        s_pgTried = false; // a repeated run starts a new server
    }

    void SetUp() override
    {
        auto policy = loadDefaultPolicy();
        ASSERT_TRUE(policy);
        m_policy = *policy;
        if (!postgres())
            return;
        if (!s_pgTried) {
            s_pgTried = true;
            s_pg = PgServer::start(s_pgWhyNot);
        }
        if (!s_pg)
            GTEST_SKIP() << "PostgreSQL tests skipped: " << s_pgWhyNot.toStdString();
    }

    bool postgres() const { return QLatin1String(GetParam()) == QLatin1String("postgres"); }

    QString freshUrl()
    {
        const QString name = QStringLiteral("inv%1").arg(++s_counter);
        if (!postgres())
            return QStringLiteral("sqlite:") + m_dir.path() + QLatin1Char('/') + name
                + QStringLiteral(".sqlite");
        QString error;
        const QString url = s_pg->createDatabase(name, error);
        EXPECT_FALSE(url.isEmpty()) << error.toStdString();
        return url;
    }

    std::unique_ptr<Inventory> openOk(const QString& url, Inventory::Options o = {})
    {
        auto inv = Inventory::open(url, o);
        EXPECT_TRUE(inv) << (inv ? std::string() : inv.error().message.toStdString());
        return inv ? std::move(*inv) : nullptr;
    }

    GradeResult gradeOf(const Assessment& a)
    {
        auto g = gradeAssessment(m_policy, a);
        EXPECT_TRUE(g);
        return *g;
    }

    static inline std::unique_ptr<PgServer> s_pg;
    static inline QString s_pgWhyNot;
    static inline bool s_pgTried = false;
    static inline int s_counter = 0;
    QTemporaryDir m_dir;
    GradingPolicy m_policy;
};

} // namespace pg::test
