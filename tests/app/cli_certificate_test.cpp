// packgrade-cli certificate / verify / site-key, run as a user would (../shared/CLI.md contract).
#include "core/certificate_fixture.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace pg;

namespace {

test::ToolResult cli(const QStringList& args)
{
    return test::runTool(test::binPath(QStringLiteral("cli/packgrade-cli")), args);
}
QJsonObject json(const test::ToolResult& r)
{
    return QJsonDocument::fromJson(r.out).object();
}

class CertificateCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_keys = m_dir.filePath(QStringLiteral("keys"));
        m_pdf = m_dir.filePath(QStringLiteral("c.pdf"));
        m_json = m_dir.filePath(QStringLiteral("c.json"));
    }
    test::ToolResult issue(const QString& paper = QStringLiteral("a4"))
    {
        return cli({ QStringLiteral("certificate"), QStringLiteral("--from"),
            test::exampleInputPath(), QStringLiteral("--out"), m_pdf, QStringLiteral("--json-out"),
            m_json, QStringLiteral("--key-dir"), m_keys, QStringLiteral("--paper"), paper,
            QStringLiteral("--json") });
    }
    test::ToolResult verify(const QString& file, const QStringList& extra = {})
    {
        return cli(QStringList { QStringLiteral("verify"), file, QStringLiteral("--json"),
                       QStringLiteral("--key-dir"), m_keys }
            + extra);
    }

    QTemporaryDir m_dir;
    QString m_keys, m_pdf, m_json;
};

} // namespace

TEST_F(CertificateCli, IssuesAndVerifiesPdfAndJson)
{
    const auto made = issue();
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    const QJsonObject out = json(made);
    EXPECT_EQ(out[QStringLiteral("sha256")].toString().size(), 64);
    EXPECT_FALSE(out[QStringLiteral("certificate_id")].toString().isEmpty());
    EXPECT_TRUE(out[QStringLiteral("key_created")].toBool());
    for (const QString& file : { m_pdf, m_json }) {
        const auto v = verify(file);
        EXPECT_EQ(v.exitCode, 0) << v.err.toStdString();
        const QJsonObject r = json(v);
        EXPECT_TRUE(r[QStringLiteral("valid")].toBool());
        EXPECT_EQ(r[QStringLiteral("certificate_id")], out[QStringLiteral("certificate_id")]);
        EXPECT_EQ(r[QStringLiteral("reason")].toString(), QString());
        EXPECT_EQ(r[QStringLiteral("key_fingerprint")], out[QStringLiteral("key_fingerprint")]);
        EXPECT_TRUE(r[QStringLiteral("trusted_key")].toBool());
    }
}

TEST_F(CertificateCli, TamperedJsonExitsThreeWithAReason)
{
    ASSERT_EQ(issue(QStringLiteral("letter")).exitCode, 0);
    QFile f(m_json);
    f.open(QIODevice::ReadWrite);
    QByteArray bytes = f.readAll();
    bytes.replace("\"grade\":\"repurpose\"", "\"grade\":\"reuse\"");
    f.seek(0);
    f.write(bytes);
    f.resize(bytes.size());
    f.close();
    const auto v = verify(m_json);
    EXPECT_EQ(v.exitCode, 3);
    EXPECT_FALSE(json(v)[QStringLiteral("valid")].toBool());
    EXPECT_FALSE(json(v)[QStringLiteral("reason")].toString().isEmpty());
    EXPECT_TRUE(v.err.contains("invalid certificate")) << v.err.toStdString();
}

TEST_F(CertificateCli, UntrustedKeyIsRefusedWhenAKeyIsGiven)
{
    ASSERT_EQ(issue().exitCode, 0);
    const QString other = m_dir.filePath(QStringLiteral("other"));
    const QString pub = m_dir.filePath(QStringLiteral("other.pub"));
    ASSERT_EQ(cli({ QStringLiteral("site-key"), QStringLiteral("--key-dir"), other,
                      QStringLiteral("--export"), pub })
                  .exitCode,
        0);
    const auto v = cli({ QStringLiteral("verify"), m_pdf, QStringLiteral("--json"),
        QStringLiteral("--key-dir"), other, QStringLiteral("--trust"), pub });
    EXPECT_EQ(v.exitCode, 3);
    EXPECT_TRUE(
        json(v)[QStringLiteral("reason")].toString().contains(QStringLiteral("not a trusted")))
        << v.out.toStdString();
}

TEST_F(CertificateCli, WorldReadableKeyIsRefused)
{
    ASSERT_EQ(issue().exitCode, 0);
    ::chmod(QFile::encodeName(m_keys + QStringLiteral("/site-ed25519.secret")).constData(), 0644);
    const auto r = issue();
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("readable by others")) << r.err.toStdString();
}

TEST_F(CertificateCli, IdAndFromTogetherIsAUsageError)
{
    // The inventory form itself is tested in tests/core/certificate_from_grade_test.cpp.
    const auto r = cli({ QStringLiteral("certificate"), QStringLiteral("42"), QStringLiteral("--from"),
        test::exampleInputPath(), QStringLiteral("--out"), m_pdf });
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains("not both")) << r.err.toStdString();
}
