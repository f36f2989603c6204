// Our readers and writer against tools nobody here wrote: python-can's CanutilsLogWriter,
// ASCWriter and CanutilsLogReader (Debian python3-can) and can-utils' log2asc.
#include "can/frame_log.h"
#include "can/log_reader.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

using namespace pg::can;

namespace {

std::vector<CanFrame> readAll(const QString& path, long* issues = nullptr)
{
    auto reader = LogReader::open(path.toStdString());
    EXPECT_TRUE(reader.has_value()) << (reader ? "" : reader.error().toString());
    std::vector<CanFrame> frames;
    if (!reader)
        return frames;
    CanFrame f;
    while (reader->next(f))
        frames.push_back(f);
    if (issues)
        *issues = reader->issueCount();
    for (const auto& e : reader->issues())
        ADD_FAILURE() << e.toString();
    return frames;
}

QJsonArray readJsonArray(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QJsonDocument::fromJson(f.readAll()).array();
}

QString hexData(const CanFrame& f)
{
    if (f.is(CanFrame::Remote))
        return {};
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(f.data.data()), f.len).toHex().toUpper());
}

// Compares a frame with python-can's view of it. Times are compared relative to t0 (ASC files
// store time since the start of measurement); error frames by flag and data only, because
// python-can writes every error frame with class CAN_ERR_BUSERROR.
void expectSame(const QJsonObject& m, const CanFrame& f, std::int64_t t0Us, std::int64_t ourT0Us, int i,
    std::int64_t timeToleranceUs, bool rtrLengthKept)
{
    SCOPED_TRACE("frame " + std::to_string(i));
    const auto truthUs = static_cast<std::int64_t>(std::llround(m[QStringLiteral("t")].toDouble() * 1e6));
    EXPECT_NEAR(static_cast<double>(f.timeUs - ourT0Us), static_cast<double>(truthUs - t0Us),
        static_cast<double>(timeToleranceUs));
    EXPECT_EQ(f.is(CanFrame::Error), m[QStringLiteral("err")].toBool());
    if (f.is(CanFrame::Error))
        return;
    EXPECT_EQ(f.id, static_cast<std::uint32_t>(m[QStringLiteral("id")].toInteger()));
    EXPECT_EQ(f.is(CanFrame::Extended), m[QStringLiteral("ext")].toBool());
    EXPECT_EQ(f.is(CanFrame::Fd), m[QStringLiteral("fd")].toBool());
    EXPECT_EQ(f.is(CanFrame::Remote), m[QStringLiteral("rtr")].toBool());
    if (f.is(CanFrame::Fd)) {
        EXPECT_EQ(f.is(CanFrame::BitRateSwitch), m[QStringLiteral("brs")].toBool());
    }
    // python-can 4.1's CanutilsLogWriter writes remote frames as "ID#R" without their DLC.
    if (!f.is(CanFrame::Remote) || rtrLengthKept) {
        EXPECT_EQ(static_cast<int>(f.len), m[QStringLiteral("len")].toInt());
    }
    EXPECT_EQ(hexData(f), m[QStringLiteral("data")].toString());
}

class LogInterop : public ::testing::Test {
protected:
    void SetUp() override
    {
        QString why;
        if (!pg::test::pythonHas(QStringLiteral("can"), &why))
            GTEST_SKIP() << why.toStdString();
        ASSERT_TRUE(m_dir.isValid());
    }
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(LogInterop, ReadsCandumpLogWrittenByPythonCan)
{
    const auto r = pg::test::runTool(QStringLiteral("/usr/bin/python3"),
        { pg::test::toolPath(QStringLiteral("pycan_logs.py")), QStringLiteral("write"), QStringLiteral("7"),
            QStringLiteral("3000"), path("p.log"), path("p.asc"), path("truth.json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray truth = readJsonArray(path("truth.json"));
    const std::vector<CanFrame> frames = readAll(path("p.log"));
    ASSERT_EQ(frames.size(), static_cast<std::size_t>(truth.size()));
    for (int i = 0; i < truth.size(); ++i)
        expectSame(truth[i].toObject(), frames[static_cast<std::size_t>(i)], 0, 0, i, 0, false);
}

TEST_F(LogInterop, ReadsAscWrittenByPythonCan)
{
    const auto r = pg::test::runTool(QStringLiteral("/usr/bin/python3"),
        { pg::test::toolPath(QStringLiteral("pycan_logs.py")), QStringLiteral("write"), QStringLiteral("11"),
            QStringLiteral("3000"), path("p.log"), path("p.asc"), path("truth.json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray truth = readJsonArray(path("truth.json"));
    const std::vector<CanFrame> frames = readAll(path("p.asc"));
    ASSERT_EQ(frames.size(), static_cast<std::size_t>(truth.size()));
    const auto t0 = static_cast<std::int64_t>(std::llround(truth[0].toObject()[QStringLiteral("t")].toDouble() * 1e6));
    for (int i = 0; i < truth.size(); ++i)
        expectSame(truth[i].toObject(), frames[static_cast<std::size_t>(i)], t0, frames[0].timeUs, i, 1, true);
}

namespace {
std::vector<CanFrame> randomFrames(int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<CanFrame> out;
    std::int64_t t = 1795500000000000LL;
    static const int kFd[] = { 0, 3, 8, 12, 16, 20, 24, 32, 48, 64 };
    for (int i = 0; i < count; ++i) {
        CanFrame f;
        t += rng.bounded(1, 20000);
        f.timeUs = t;
        const bool ext = rng.bounded(4) == 0;
        f.set(CanFrame::Extended, ext);
        f.id = rng.bounded(ext ? kMaxExtendedId + 1 : kMaxStandardId + 1);
        const int kind = rng.bounded(10);
        if (kind == 0) {
            f.set(CanFrame::Remote);
            f.len = static_cast<std::uint8_t>(rng.bounded(9));
        } else if (kind < 3) {
            f.set(CanFrame::Fd);
            f.set(CanFrame::BitRateSwitch, rng.bounded(2) == 1);
            f.len = static_cast<std::uint8_t>(kFd[rng.bounded(10)]);
        } else {
            f.len = static_cast<std::uint8_t>(rng.bounded(9));
        }
        if (!f.is(CanFrame::Remote)) {
            for (int b = 0; b < f.len; ++b)
                f.data[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(rng.bounded(256));
        }
        f.set(CanFrame::Transmitted, rng.bounded(2) == 1);
        out.push_back(f);
    }
    return out;
}

QJsonObject asTruth(const CanFrame& f)
{
    return QJsonObject { { QStringLiteral("t"), static_cast<double>(f.timeUs) * 1e-6 },
        { QStringLiteral("id"), static_cast<qint64>(f.id) }, { QStringLiteral("ext"), f.is(CanFrame::Extended) },
        { QStringLiteral("fd"), f.is(CanFrame::Fd) }, { QStringLiteral("brs"), f.is(CanFrame::BitRateSwitch) },
        { QStringLiteral("rtr"), f.is(CanFrame::Remote) }, { QStringLiteral("err"), false },
        { QStringLiteral("len"), f.len }, { QStringLiteral("data"), hexData(f) } };
}
} // namespace

TEST_F(LogInterop, FrameLogIsReadBackByPythonCan)
{
    const std::vector<CanFrame> frames = randomFrames(2000, 3);
    {
        auto log = FrameLog::create(path("ours.log").toStdString(), "can0");
        ASSERT_TRUE(log.has_value());
        std::unique_ptr<FrameLog> owned(*log);
        for (const auto& f : frames)
            ASSERT_TRUE(owned->append(f));
    }
    const auto r = pg::test::runTool(QStringLiteral("/usr/bin/python3"),
        { pg::test::toolPath(QStringLiteral("pycan_logs.py")), QStringLiteral("read"), path("ours.log"),
            path("seen.json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray seen = readJsonArray(path("seen.json"));
    ASSERT_EQ(seen.size(), static_cast<qsizetype>(frames.size()));
    for (int i = 0; i < seen.size(); ++i) {
        // python-can reports an RTR frame's DLC as its length, as we do; compare everything.
        QJsonObject mine = asTruth(frames[static_cast<std::size_t>(i)]);
        const QJsonObject theirs = seen[i].toObject();
        SCOPED_TRACE("frame " + std::to_string(i));
        EXPECT_NEAR(theirs[QStringLiteral("t")].toDouble(), mine[QStringLiteral("t")].toDouble(), 1e-6);
        for (const char* key : { "id", "ext", "fd", "rtr", "len", "data" })
            EXPECT_EQ(theirs[QLatin1String(key)], mine[QLatin1String(key)]) << key;
        if (mine[QStringLiteral("fd")].toBool()) {
            EXPECT_EQ(theirs[QStringLiteral("brs")], mine[QStringLiteral("brs")]);
        }
    }
}

TEST_F(LogInterop, FrameLogConvertedByLog2AscReadsBack)
{
    if (!pg::test::haveProgram(QStringLiteral("log2asc")))
        GTEST_SKIP() << "can-utils' log2asc is not installed (Debian package can-utils)";
    std::vector<CanFrame> frames = randomFrames(1500, 5);
    {
        auto log = FrameLog::create(path("ours.log").toStdString(), "can0");
        ASSERT_TRUE(log.has_value());
        std::unique_ptr<FrameLog> owned(*log);
        for (const auto& f : frames)
            owned->append(f);
    }
    const auto r = pg::test::runTool(QStringLiteral("log2asc"),
        { QStringLiteral("-I"), path("ours.log"), QStringLiteral("-O"), path("ours.asc"), QStringLiteral("can0") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const std::vector<CanFrame> back = readAll(path("ours.asc"));
    ASSERT_EQ(back.size(), frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        SCOPED_TRACE("frame " + std::to_string(i));
        const CanFrame& a = frames[i];
        const CanFrame& b = back[i];
        EXPECT_EQ(b.timeUs - back[0].timeUs, a.timeUs - frames[0].timeUs);
        EXPECT_EQ(b.id, a.id);
        EXPECT_EQ(b.is(CanFrame::Extended), a.is(CanFrame::Extended));
        EXPECT_EQ(b.is(CanFrame::Fd), a.is(CanFrame::Fd));
        EXPECT_EQ(b.is(CanFrame::Remote), a.is(CanFrame::Remote));
        EXPECT_EQ(b.len, a.len);
        EXPECT_EQ(hexData(b), hexData(a));
    }
}
