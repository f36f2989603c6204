// `packgrade-cli upload` against a real HTTP server on 127.0.0.1
// (tests/tools/marketplace_server.py) that fails on purpose: 5xx, dropped connections, answers
// slower than the client waits, a refusal, the network down, and the uploader killed mid-run. The
// server's own ledger is the truth: every certificate must be kept exactly once.
#include "core/certificate_fixture.h"
#include "core/export_fixture.h"
#include "core/marketplace_outbox.h"
#include "core/pg_server.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QThread>

using namespace pg;
using pg::test::ExportInventory;

namespace {

const QString kToken = QStringLiteral("s3cret-token");

// The test server as a child process; stopped when this goes out of scope.
class MarketplaceServer {
public:
    bool start(const QString& ledger, const QString& plan, int delayMs = 0,
        const QStringList& extra = {})
    {
        m_ledger = ledger;
        m_scheme = extra.contains(QStringLiteral("--tls-cert")) ? QStringLiteral("https")
                                                                : QStringLiteral("http");
        m_process.start(QStringLiteral("/usr/bin/python3"),
            QStringList { test::toolPath(QStringLiteral("marketplace_server.py")),
                QStringLiteral("--ledger"), ledger, QStringLiteral("--token"), kToken,
                QStringLiteral("--plan"), plan, QStringLiteral("--delay-ms"),
                QString::number(delayMs), QStringLiteral("--slow-ms"), QStringLiteral("2500") }
                + extra);
        if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(10000)) {
            ADD_FAILURE() << "marketplace_server.py: " << m_process.errorString().toStdString()
                          << m_process.readAllStandardError().toStdString();
            return false;
        }
        while (!m_process.canReadLine() && m_process.waitForReadyRead(10000)) { }
        const QByteArray line = m_process.readLine().trimmed();
        m_port = line.startsWith("PORT ") ? line.mid(5).toInt() : 0;
        if (m_port <= 0)
            ADD_FAILURE() << "marketplace_server.py said '" << line.toStdString() << "' "
                          << m_process.readAllStandardError().toStdString();
        return m_port > 0;
    }
    ~MarketplaceServer()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    QString url() const
    {
        return QStringLiteral("%1://127.0.0.1:%2/records").arg(m_scheme).arg(m_port);
    }
    QJsonObject ledger() const
    {
        QFile f(m_ledger);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    }

private:
    QProcess m_process;
    QString m_ledger;
    QString m_scheme = QStringLiteral("http");
    int m_port = 0;
};

class ExportUpload : public ExportInventory {
protected:
    QStringList uploadArgs(const QString& url) const
    {
        return { QStringLiteral("upload"), QStringLiteral("--url"), url, QStringLiteral("--token"),
            kToken, QStringLiteral("--db"), m_url, QStringLiteral("--json"),
            QStringLiteral("--timeout-ms"), QStringLiteral("1000"), QStringLiteral("--backoff-ms"),
            QStringLiteral("20"), QStringLiteral("--max-attempts"), QStringLiteral("6") };
    }
    test::ToolResult upload(const QString& url) { return cli(uploadArgs(url), 120000); }

    // Every certificate kept exactly once, nothing else kept, the token always right.
    void expectEachKeptOnce(const QJsonObject& ledger, const QStringList& ids)
    {
        const QJsonObject accepted = ledger[QStringLiteral("accepted")].toObject();
        EXPECT_EQ(accepted.size(), ids.size());
        for (const QString& id : ids)
            EXPECT_EQ(accepted[id].toInt(), 1) << id.toStdString();
        EXPECT_EQ(ledger[QStringLiteral("unauthorized")].toInt(), 0);
        EXPECT_TRUE(ledger[QStringLiteral("bad")].toArray().isEmpty());
    }
    int deliveries(const QJsonObject& ledger)
    {
        int n = 0;
        for (const QJsonValue& v : ledger[QStringLiteral("deliveries")].toObject())
            n += v.toInt();
        return n;
    }
    QString ledgerPath() const { return m_dir.filePath(QStringLiteral("ledger.json")); }
};

} // namespace

TEST_F(ExportUpload, InjectedFailuresEndWithEveryRecordKeptOnce)
{
    const QStringList ids = certifiedPacks(8);
    store({ QStringLiteral("UNCERTIFIED"), QString(), 0.9, 0.004, {} }); // no certificate: not sent
    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QStringLiteral("503,503,drop,slow,503,ok,drop,503")));
    const auto r = upload(server.url());
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject out = test::jsonOf(r);
    EXPECT_EQ(out[QStringLiteral("sent")].toInt(), 8);
    EXPECT_EQ(out[QStringLiteral("pending")].toInt(), 0);
    EXPECT_EQ(out[QStringLiteral("failed")].toInt(), 0);
    const QJsonObject ledger = server.ledger();
    expectEachKeptOnce(ledger, ids);
    // The dropped and slow answers were kept by the server and then delivered again: the
    // Idempotency-Key, not luck, kept them single.
    EXPECT_GE(deliveries(ledger), 8 + 3);

    QString why;
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), &why);
    if (!python.isEmpty()) {
        const auto valid = test::runTool(python,
            { test::toolPath(QStringLiteral("validate_export.py")), QStringLiteral("upload"),
                QStringLiteral(PACKGRADE_SOURCE_DIR "/docs/export.schema.json"), ledgerPath() });
        EXPECT_EQ(valid.exitCode, 0) << valid.err.toStdString();
    }

    // A second run sends nothing: the outbox knows.
    const int before = ledger[QStringLiteral("requests")].toInt();
    const auto again = upload(server.url());
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_EQ(test::jsonOf(again)[QStringLiteral("sent")].toInt(), 0);
    EXPECT_EQ(server.ledger()[QStringLiteral("requests")].toInt(), before);
}

TEST_F(ExportUpload, NetworkDownLosesNothing)
{
    const QStringList ids = certifiedPacks(3);
    QTcpServer probe; // a port nobody listens on once closed
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const QString deadUrl = QStringLiteral("http://127.0.0.1:%1/records").arg(probe.serverPort());
    probe.close();
    QStringList args = uploadArgs(deadUrl);
    args[args.indexOf(QStringLiteral("--max-attempts")) + 1] = QStringLiteral("2");
    const auto down = cli(args);
    EXPECT_EQ(down.exitCode, 1);
    EXPECT_EQ(test::jsonOf(down)[QStringLiteral("pending")].toInt(), 3);
    EXPECT_TRUE(down.err.contains("pending")) << down.err.toStdString();

    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QString()));
    const auto up = upload(server.url());
    EXPECT_EQ(up.exitCode, 0) << up.err.toStdString();
    EXPECT_EQ(test::jsonOf(up)[QStringLiteral("sent")].toInt(), 3);
    expectEachKeptOnce(server.ledger(), ids);
}

TEST_F(ExportUpload, RefusedRecordIsMarkedFailedAndNotRetried)
{
    const QStringList ids = certifiedPacks(2);
    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QStringLiteral("422")));
    const auto r = upload(server.url());
    EXPECT_EQ(r.exitCode, 1);
    const QJsonObject out = test::jsonOf(r);
    EXPECT_EQ(out[QStringLiteral("sent")].toInt(), 1);
    EXPECT_EQ(out[QStringLiteral("failed")].toInt(), 1);
    EXPECT_EQ(server.ledger()[QStringLiteral("requests")].toInt(), 2); // no retry of the refusal
    auto counts = core::outboxCounts(*m_inv);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->failed, 1);

    // Once the cause is fixed, --retry-failed sends it again (the plan is used up: accepted).
    const auto retried = cli(uploadArgs(server.url()) << QStringLiteral("--retry-failed"));
    EXPECT_EQ(retried.exitCode, 0) << retried.err.toStdString();
    EXPECT_EQ(test::jsonOf(retried)[QStringLiteral("sent")].toInt(), 1);
    EXPECT_EQ(test::jsonOf(retried)[QStringLiteral("failed")].toInt(), 0);
    expectEachKeptOnce(server.ledger(), ids);
}

TEST_F(ExportUpload, KilledUploaderLosesNothingAndSendsNothingTwice)
{
    const QStringList ids = certifiedPacks(10);
    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QString(), 300)); // every answer takes 0.3 s
    QProcess uploader;
    QStringList args = uploadArgs(server.url());
    args[args.indexOf(QStringLiteral("--timeout-ms")) + 1] = QStringLiteral("5000");
    uploader.start(test::binPath(QStringLiteral("cli/packgrade-cli")), args);
    ASSERT_TRUE(uploader.waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    while (server.ledger()[QStringLiteral("accepted")].toObject().size() < 3
        && clock.elapsed() < 30000)
        QThread::msleep(20);
    uploader.kill(); // SIGKILL: no clean-up, maybe mid-request
    uploader.waitForFinished(10000);
    const int keptBefore = server.ledger()[QStringLiteral("accepted")].toObject().size();
    ASSERT_GE(keptBefore, 3);
    ASSERT_LT(keptBefore, 10) << "the uploader finished before it could be killed";

    const auto rerun = upload(server.url());
    ASSERT_EQ(rerun.exitCode, 0) << rerun.err.toStdString();
    EXPECT_EQ(test::jsonOf(rerun)[QStringLiteral("pending")].toInt(), 0);
    expectEachKeptOnce(server.ledger(), ids);
}

// HTTPS with a site's own CA. The openssl CLI makes, in the test's folder, a CA, a server
// certificate it signs for 127.0.0.1, one it signs for another host name, and an unrelated CA;
// the server is Python's http.server behind Python's ssl. Without the CA, with the wrong CA or for
// the wrong host the upload fails with a TLS error and keeps every record; with --ca-cert it sends
// each once.
class ExportHttps : public ExportUpload {
protected:
    bool openssl(const QStringList& args)
    {
        const auto r = test::runTool(QStringLiteral("openssl"), args, 60000);
        EXPECT_EQ(r.exitCode, 0) << "openssl " << args.join(' ').toStdString() << ": "
                                 << r.err.toStdString();
        return r.exitCode == 0;
    }
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    bool makeCa(const char* name, const char* subject)
    {
        const QString base = path(name);
        return openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), base + QStringLiteral(".key"), QStringLiteral("-out"),
            base + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-subj"), QLatin1String(subject), QStringLiteral("-addext"),
            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
    }
    // A server certificate signed by `ca` for the subjectAltName `san`.
    bool makeServerCert(const char* name, const char* ca, const char* san)
    {
        const QString base = path(name);
        const QString ext = base + QStringLiteral(".ext");
        QFile f(ext);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QByteArray("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                           "extendedKeyUsage=serverAuth\nsubjectAltName=")
            + san + "\n");
        f.close();
        return openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   base + QStringLiteral(".key"), QStringLiteral("-out"),
                   base + QStringLiteral(".csr"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=marketplace test server") })
            && openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                base + QStringLiteral(".csr"), QStringLiteral("-CA"),
                path(ca) + QStringLiteral(".pem"), QStringLiteral("-CAkey"),
                path(ca) + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-out"), base + QStringLiteral(".pem"), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-extfile"), ext });
    }
    QStringList tlsArgs(const char* cert) const
    {
        return { QStringLiteral("--tls-cert"), path(cert) + QStringLiteral(".pem"),
            QStringLiteral("--tls-key"), path(cert) + QStringLiteral(".key") };
    }
    int pendingInOutbox()
    {
        auto counts = core::outboxCounts(*m_inv);
        EXPECT_TRUE(counts);
        return counts ? counts->pending : -1;
    }
};

TEST_F(ExportHttps, SitesOwnCaIsTrustedWithCaCertAndNothingIsLostWithout)
{
    if (!test::haveProgram(QStringLiteral("openssl")))
        GTEST_SKIP() << "the openssl CLI is absent (Debian package openssl)";
    ASSERT_TRUE(makeCa("site-ca", "/CN=PackGrade test site CA"));
    ASSERT_TRUE(makeCa("other-ca", "/CN=Some other CA"));
    ASSERT_TRUE(makeServerCert("server", "site-ca", "IP:127.0.0.1,DNS:localhost"));
    ASSERT_TRUE(makeServerCert("wrong-host", "site-ca", "DNS:marketplace.invalid"));
    const QStringList ids = certifiedPacks(3);
    const QString caArg = path("site-ca") + QStringLiteral(".pem");

    // A server whose certificate names another host: refused even with the right CA.
    {
        MarketplaceServer elsewhere;
        ASSERT_TRUE(elsewhere.start(m_dir.filePath(QStringLiteral("ledger-wrong-host.json")),
            QString(), 0, tlsArgs("wrong-host")));
        const auto r = cli(uploadArgs(elsewhere.url()) << QStringLiteral("--ca-cert") << caArg);
        EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains("TLS handshake failed")) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains("host name")) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains("stay in the outbox")) << r.err.toStdString();
        EXPECT_EQ(elsewhere.ledger()[QStringLiteral("requests")].toInt(), 0);
        EXPECT_EQ(pendingInOutbox(), 3);
    }

    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QString(), 0, tlsArgs("server")));
    ASSERT_TRUE(server.url().startsWith(QStringLiteral("https://")));

    // The system's CAs do not know the site's CA: a clear TLS error that points at --ca-cert.
    const auto untrusted = upload(server.url());
    EXPECT_EQ(untrusted.exitCode, 1) << untrusted.err.toStdString();
    EXPECT_TRUE(untrusted.err.contains("TLS handshake failed")) << untrusted.err.toStdString();
    EXPECT_TRUE(untrusted.err.contains("--ca-cert")) << untrusted.err.toStdString();
    EXPECT_EQ(server.ledger()[QStringLiteral("requests")].toInt(), 0);
    EXPECT_EQ(pendingInOutbox(), 3);

    // Another CA is no better.
    const auto wrongCa = cli(uploadArgs(server.url())
        << QStringLiteral("--ca-cert") << path("other-ca") + QStringLiteral(".pem"));
    EXPECT_EQ(wrongCa.exitCode, 1) << wrongCa.err.toStdString();
    EXPECT_TRUE(wrongCa.err.contains("TLS handshake failed")) << wrongCa.err.toStdString();
    EXPECT_EQ(pendingInOutbox(), 3);

    // Not a certificate at all: refused before any connection, naming the file.
    const auto notPem = cli(uploadArgs(server.url())
        << QStringLiteral("--ca-cert") << path("site-ca") + QStringLiteral(".key"));
    EXPECT_EQ(notPem.exitCode, 3) << notPem.err.toStdString();
    EXPECT_TRUE(notPem.err.contains("site-ca.key")) << notPem.err.toStdString();

    // With the site's CA: every record sent once, over TLS.
    const auto ok = cli(uploadArgs(server.url()) << QStringLiteral("--ca-cert") << caArg);
    ASSERT_EQ(ok.exitCode, 0) << ok.err.toStdString();
    EXPECT_EQ(test::jsonOf(ok)[QStringLiteral("sent")].toInt(), 3);
    EXPECT_EQ(pendingInOutbox(), 0);
    expectEachKeptOnce(server.ledger(), ids);
}

// The same path on PostgreSQL (a throw-away server the test starts): certificate ID, export and
// upload with failures, so the outbox's ON CONFLICT and the latest-grade query run there too.
class ExportPostgres : public ExportUpload {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        QString why;
        m_pg = test::PgServer::start(why);
        if (!m_pg)
            GTEST_SKIP() << "PostgreSQL tests skipped: " << why.toStdString();
        const QString url = m_pg->createDatabase(QStringLiteral("export"), why);
        ASSERT_FALSE(url.isEmpty()) << why.toStdString();
        openInventory(url);
    }
    void TearDown() override
    {
        m_inv.reset(); // close the connection before the server stops
        m_pg.reset();
    }
    std::unique_ptr<test::PgServer> m_pg;
};

TEST_F(ExportPostgres, CertificateExportAndUploadKeepEveryRecordOnce)
{
    const QStringList ids = certifiedPacks(4);
    const QString serial = QStringLiteral("PG-CLI");
    store({ serial, QStringLiteral("VIN-PG"), 0.88, 0.004, {} });
    const auto cert = cli({ QStringLiteral("certificate"), serial, QStringLiteral("--out"),
        m_dir.filePath(QStringLiteral("pg.pdf")), QStringLiteral("--db"), m_url,
        QStringLiteral("--key-dir"), m_keyDir, QStringLiteral("--json") });
    ASSERT_EQ(cert.exitCode, 0) << cert.err.toStdString();
    const QStringList all
        = ids + QStringList { test::jsonOf(cert)[QStringLiteral("certificate_id")].toString() };

    const auto exported = cli({ QStringLiteral("export"), QStringLiteral("--format"),
        QStringLiteral("json"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("pg.json")),
        QStringLiteral("--db"), m_url, QStringLiteral("--json") });
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_EQ(test::jsonOf(exported)[QStringLiteral("count")].toInt(), 5);

    MarketplaceServer server;
    ASSERT_TRUE(server.start(ledgerPath(), QStringLiteral("503,drop,503")));
    const auto r = upload(server.url());
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(test::jsonOf(r)[QStringLiteral("sent")].toInt(), 5);
    expectEachKeptOnce(server.ledger(), all);
    const auto again = upload(server.url());
    EXPECT_EQ(test::jsonOf(again)[QStringLiteral("sent")].toInt(), 0);
}
