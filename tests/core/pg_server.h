#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace pg::test {

// A throw-away PostgreSQL 15 server: initdb in a temporary folder, pg_ctl start on a free port
// on 127.0.0.1, stopped and deleted by the destructor. As root, the server runs as the
// `postgres` user (initdb refuses root) through runuser.
class PgServer {
public:
    // nullptr with `whyNot` set when the binaries are absent or the server does not start.
    static std::unique_ptr<PgServer> start(QString& whyNot);
    ~PgServer();

    int port() const { return m_port; }
    // Creates an empty database and returns its postgresql:// URL.
    QString createDatabase(const QString& name, QString& error) const;
    QString url(const QString& database) const;

private:
    PgServer() = default;
    bool run(const QStringList& command, QString& output) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
    int m_port = 0;
    bool m_asPostgresUser = false;
    bool m_started = false;
};

} // namespace pg::test
