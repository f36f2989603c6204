#include "pg_server.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>
#include <unistd.h>

namespace pg::test {

namespace {

    const QString kBin = QStringLiteral("/usr/lib/postgresql/15/bin/");
    const QString kUser = QStringLiteral("packgrade");

    int freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

} // namespace

bool PgServer::run(const QStringList& command, QString& output) const
{
    QStringList argv = command;
    QString program = argv.takeFirst();
    if (m_asPostgresUser) {
        argv = QStringList {
            QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program
        } + argv;
        program = QStringLiteral("runuser");
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir->path());
    p.start(program, argv);
    const bool ok
        = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    output = QString::fromLocal8Bit(p.readAll()).trimmed();
    return ok;
}

std::unique_ptr<PgServer> PgServer::start(QString& whyNot)
{
    if (!QFile::exists(kBin + QStringLiteral("initdb"))
        || !QFile::exists(kBin + QStringLiteral("pg_ctl"))) {
        whyNot = QStringLiteral("PostgreSQL 15 binaries not found in ") + kBin
            + QStringLiteral(" (apt install postgresql-15)");
        return nullptr;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        whyNot = QStringLiteral("Qt SQL driver QPSQL not installed (apt install libqt6sql6-psql)");
        return nullptr;
    }
    std::unique_ptr<PgServer> s(new PgServer);
    s->m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/packgrade-pg-XXXXXX"));
    s->m_dataDir = s->m_dir->path() + QStringLiteral("/data");
    s->m_asPostgresUser = ::geteuid() == 0;
    QString out;
    if (s->m_asPostgresUser
        && QProcess::execute(
               QStringLiteral("chown"), { QStringLiteral("postgres:postgres"), s->m_dir->path() })
            != 0) {
        whyNot = QStringLiteral("cannot hand the temporary folder to the postgres user");
        return nullptr;
    }
    if (!s->run({ kBin + QStringLiteral("initdb"), QStringLiteral("-D"), s->m_dataDir,
                    QStringLiteral("-U"), kUser, QStringLiteral("--auth=trust"),
                    QStringLiteral("--locale=C"), QStringLiteral("-E"), QStringLiteral("UTF8") },
            out)) {
        whyNot = QStringLiteral("initdb failed: ") + out;
        return nullptr;
    }
    s->m_port = freePort();
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -F")
                                .arg(s->m_port)
                                .arg(s->m_dir->path());
    if (!s->run({ kBin + QStringLiteral("pg_ctl"), QStringLiteral("-D"), s->m_dataDir,
                    QStringLiteral("-o"), options, QStringLiteral("-l"),
                    s->m_dir->path() + QStringLiteral("/server.log"), QStringLiteral("-w"),
                    QStringLiteral("start") },
            out)) {
        whyNot = QStringLiteral("pg_ctl start failed: ") + out;
        return nullptr;
    }
    s->m_started = true;
    return s;
}

PgServer::~PgServer()
{
    if (m_started) {
        QString out;
        run({ kBin + QStringLiteral("pg_ctl"), QStringLiteral("-D"), m_dataDir,
                QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                QStringLiteral("stop") },
            out);
    }
}

QString PgServer::url(const QString& database) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(kUser).arg(m_port).arg(database);
}

QString PgServer::createDatabase(const QString& name, QString& error) const
{
    const QString connection
        = QStringLiteral("pg-admin-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(kUser);
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
            if (!ok)
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok ? url(name) : QString();
}

} // namespace pg::test
