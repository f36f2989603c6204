// Canonical JSON: fixed bytes for a value, checked against Python's json module (independent).
#include "certificate_fixture.h"
#include "core/canonical_json.h"
#include "core/certificate_json.h"
#include "tool_runner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using namespace pg;

namespace {

QByteArray canon(const QJsonValue& v)
{
    return core::canonicalJson(v).value_or(QByteArrayLiteral("<error>"));
}

// Python's own canonical form of `bytes`: json.dumps(json.loads(x), sort_keys, compact, UTF-8).
QByteArray pythonCanonical(const QByteArray& bytes, QString* why)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("in.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    f.close();
    const auto r = test::runTool(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral("-c"),
            QStringLiteral("import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); "
                           "sys.stdout.buffer.write(json.dumps(d,sort_keys=True,separators=(',',':'"
                           "),ensure_ascii=False).encode('utf-8'))"),
            path });
    if (!r.started || r.exitCode != 0) {
        *why = QStringLiteral("python3 failed: ") + QString::fromUtf8(r.err);
        return {};
    }
    return r.out;
}

} // namespace

TEST(CertificateCanonicalJson, NumbersHaveOneSpelling)
{
    const std::pair<double, const char*> cases[] = { { 0.0, "0" }, { -0.0, "0" }, { 1.0, "1" },
        { -2.0, "-2" }, { 1.5, "1.5" }, { 0.1, "0.1" }, { 0.0001, "0.0001" }, { 0.00001, "1e-05" },
        { 1.5e-7, "1.5e-07" }, { 123456.789, "123456.789" }, { 0.774437, "0.774437" },
        { 9007199254740992.0, "9007199254740992" }, { 1e21, "1e+21" },
        { 1.0 / 3.0, "0.3333333333333333" } };
    for (const auto& [value, text] : cases)
        EXPECT_EQ(core::canonicalNumber(value), QByteArray(text)) << value;
}

TEST(CertificateCanonicalJson, SortsKeysAndDropsWhitespace)
{
    const QJsonObject o { { QStringLiteral("b"), 1 },
        { QStringLiteral("a"), QJsonArray { true, false, QJsonValue() } },
        { QStringLiteral("B"),
            QJsonObject {
                { QStringLiteral("z"), QStringLiteral("x") }, { QStringLiteral("y"), 2.5 } } } };
    EXPECT_EQ(canon(o), QByteArray(R"({"B":{"y":2.5,"z":"x"},"a":[true,false,null],"b":1})"));
}

TEST(CertificateCanonicalJson, EscapesOnlyWhatJsonRequires)
{
    const QString s = QStringLiteral("q\"b\\n\nt\tc") + QChar(0x01) + QStringLiteral("/é€😀");
    EXPECT_EQ(canon(s),
        QByteArray("\"q\\\"b\\\\n\\nt\\tc\\u0001/") + QStringLiteral("é€😀").toUtf8() + '"');
}

TEST(CertificateCanonicalJson, RefusesNonFiniteNumbers)
{
    const auto r = core::canonicalJson(
        QJsonObject { { QStringLiteral("x"), std::numeric_limits<double>::infinity() } });
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("x.")))
        << r.error().message.toStdString();
}

TEST(CertificateCanonicalJson, IsStableThroughParsing)
{
    const QByteArray first = canon(core::certificateToJson(test::fullCertificate()));
    const QByteArray again = canon(QJsonDocument::fromJson(first).object());
    EXPECT_EQ(first, again);
    EXPECT_FALSE(first.contains('\n'));
    EXPECT_TRUE(
        first.startsWith("{\"battery\":{\"batteryCategory\":\"industrial\",\"chemistry\":"));
}

TEST(CertificateCanonicalJson, EqualsPythonsCanonicalForm)
{
    QString why;
    const QJsonObject tricky { { QStringLiteral("é"), 1e-9 }, { QStringLiteral("e"), -0.5 },
        { QStringLiteral("z"), 1e20 },
        { QStringLiteral("s"),
            QStringLiteral("tab\there \"quoted\" \\ ") + QChar(0x1f) + QStringLiteral(" 😀") } };
    for (const QJsonObject& doc : { core::certificateToJson(test::fullCertificate()), tricky }) {
        const QByteArray ours = canon(doc);
        const QByteArray python = pythonCanonical(ours, &why);
        if (python.isEmpty())
            GTEST_SKIP() << why.toStdString();
        EXPECT_EQ(ours, python);
    }
}
