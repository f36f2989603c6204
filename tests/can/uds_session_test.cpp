// UDS end to end over Qt's virtualcan: the product's UdsSession on one Transport, a
// scripted ECU on a second Transport on the same bus. The ECU is written from ISO 15765-2 and
// ISO 14229 byte layouts here in the test (it uses none of the product's ISO-TP code), checks the
// tester's frames byte by byte and answers with hand-built frames.
#include "bus_pair.h"
#include "can/transport_factory.h"
#include "can/uds_session.h"
#include "test_paths.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <gtest/gtest.h>

using namespace pg::can;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes bytesOf(const CanFrame& f)
{
    return { f.data.begin(), f.data.begin() + f.len };
}

// A BMS answering on 0x7E8 to requests on 0x7E0 (classic CAN, frames padded with 0xAA).
class ScriptedEcu {
public:
    explicit ScriptedEcu(Transport& bus)
        : m_bus(bus)
    {
        QObject::connect(&bus, &Transport::framesAvailable, &bus, [this] { onFrames(); });
        for (std::size_t i = 0; i < m_vin.size(); ++i)
            m_vin[i] = static_cast<std::uint8_t>(i * 3 + 1);
    }
    std::vector<Bytes> received; // every tester frame, for the checks
    int flowControls = 0;
    Bytes longRequest;
    bool answerF190 = true;
    const Bytes& vin() const { return m_vin; }

private:
    void send(Bytes b)
    {
        CanFrame f;
        f.id = 0x7E8;
        b.resize(8, 0xAA);
        f.len = 8;
        std::copy(b.begin(), b.end(), f.data.begin());
        (void)m_bus.send(f);
    }
    void onFrames()
    {
        std::vector<CanFrame> frames;
        m_bus.takeFrames(frames);
        for (const CanFrame& f : frames) {
            if (f.id == 0x7E0)
                onTesterFrame(bytesOf(f));
        }
    }
    void onTesterFrame(const Bytes& b)
    {
        received.push_back(b);
        switch (b[0] >> 4) {
        case 0: // SF: the tester's request
            onRequest(Bytes(b.begin() + 1, b.begin() + 1 + (b[0] & 0x0F)));
            break;
        case 1: // FF of a long request: 6 bytes here, answer FC BS 2 STmin 5 ms
            m_rxTotal = static_cast<std::size_t>(((b[0] & 0x0F) << 8) | b[1]);
            longRequest.assign(b.begin() + 2, b.end());
            m_rxInBlock = 0;
            send({ 0x30, 0x02, 0x05 });
            break;
        case 2: // CF of the long request
            longRequest.insert(longRequest.end(), b.begin() + 1, b.end());
            if (longRequest.size() >= m_rxTotal) {
                longRequest.resize(m_rxTotal);
                send({ 0x03, 0x6E, longRequest[1], longRequest[2] });
            } else if (++m_rxInBlock == 2) {
                m_rxInBlock = 0;
                send({ 0x30, 0x02, 0x05 });
            }
            break;
        case 3: // FC from the tester for our long response
            ++flowControls;
            m_blockSize = b[1];
            sendBlock();
            break;
        }
    }
    void onRequest(const Bytes& r)
    {
        if (r == Bytes { 0x10, 0x03 }) {
            send({ 0x03, 0x7F, 0x10, 0x78 }); // busy: responsePending, twice, then the answer
            QTimer::singleShot(150, &m_bus, [this] { send({ 0x03, 0x7F, 0x10, 0x78 }); });
            QTimer::singleShot(300, &m_bus, [this] {
                send({ 0x06, 0x50, 0x03, 0x00, 0x32, 0x01, 0xF4 });
            });
        } else if (r == Bytes { 0x22, 0xF1, 0x90 } && answerF190) {
            // 62 F1 90 + 197 bytes = 200 = 0x0C8: FF 10 C8 + 6 bytes, then 194 = 27 * 7 + 5 in 28
            // CFs.
            m_response = { 0x62, 0xF1, 0x90 };
            m_response.insert(m_response.end(), m_vin.begin(), m_vin.end());
            send({ 0x10, 0xC8, 0x62, 0xF1, 0x90, m_vin[0], m_vin[1], m_vin[2] });
            m_txOffset = 6;
            m_sequence = 1;
        } else if (r == Bytes { 0x22, 0xF1, 0x8C }) {
            send({ 0x03, 0x7F, 0x22, 0x31 });
        }
    }
    void sendBlock()
    {
        for (int n = 0; m_txOffset < m_response.size() && (m_blockSize == 0 || n < m_blockSize);
             ++n) {
            Bytes cf { static_cast<std::uint8_t>(0x20 | m_sequence) };
            const std::size_t take = std::min<std::size_t>(7, m_response.size() - m_txOffset);
            cf.insert(cf.end(), m_response.begin() + static_cast<long>(m_txOffset),
                m_response.begin() + static_cast<long>(m_txOffset + take));
            m_txOffset += take;
            m_sequence = (m_sequence + 1) & 0x0F;
            send(cf);
        }
    }

    Transport& m_bus;
    Bytes m_vin = Bytes(197);
    Bytes m_response;
    std::size_t m_txOffset = 0;
    int m_sequence = 1;
    int m_blockSize = 0;
    std::size_t m_rxTotal = 0;
    int m_rxInBlock = 0;
};

IsoTpConfig testerConfig()
{
    IsoTpConfig c;
    c.address = { 0x7E0, 0x7E8, false };
    c.blockSize = 8;
    c.stMin = 0x01;
    return c;
}

} // namespace

TEST(UdsOverVirtualCan, ScriptedEcuAnswersThroughIsoTp)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    ScriptedEcu ecu(*bench.ecuBus);
    UdsTiming timing;
    timing.p2Us = 500'000; // the ECU answers at once or with 0x78; keeps the silent case short
    timing.p2StarUs = 2'000'000;
    UdsSession session(*bench.tester, testerConfig(), timing);

    // 1. responsePending twice, then 50 03 with P2 50 ms and P2* 5 s.
    auto s = session.requestAndWait(uds::sessionControlRequest(0x03));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(*s, (Bytes { 0x50, 0x03, 0x00, 0x32, 0x01, 0xF4 }));
    EXPECT_EQ(session.client().pendingReplies(), 2);

    // 2. A 200-byte ReadDataByIdentifier response in 28 CFs, the tester asking for blocks of 8.
    auto vin = session.requestAndWait(uds::readDataByIdentifierRequest(0xF190));
    ASSERT_TRUE(vin.has_value()) << vin.error().message;
    ASSERT_EQ(vin->size(), 200U);
    EXPECT_EQ(*uds::decodeReadDataByIdentifier(*vin, 0xF190), ecu.vin());
    // FCs: after the FF and after CF 8, 16 and 24 -> 4, each "30 08 01" padded with CC.
    EXPECT_EQ(ecu.flowControls, 4);
    EXPECT_EQ(ecu.received.back(), (Bytes { 0x30, 0x08, 0x01, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }));

    // 3. A negative response names the NRC.
    auto neg = session.requestAndWait(uds::readDataByIdentifierRequest(0xF18C));
    ASSERT_FALSE(neg.has_value());
    EXPECT_EQ(neg.error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 8C): negative response 0x31 requestOutOfRange");

    // 4. A 30-byte request: the ECU's FC "30 02 05" makes the tester send blocks of 2.
    Bytes write { 0x2E, 0xF1, 0x98 };
    for (int i = 0; i < 27; ++i)
        write.push_back(static_cast<std::uint8_t>(0x40 + i));
    auto w = session.requestAndWait(write);
    ASSERT_TRUE(w.has_value()) << w.error().message;
    EXPECT_EQ(*w, (Bytes { 0x6E, 0xF1, 0x98 }));
    EXPECT_EQ(ecu.longRequest, write);

    // 5. Silence: the timeout names the request and the ECU.
    ecu.answerF190 = false;
    auto quiet = session.requestAndWait(uds::readDataByIdentifierRequest(0xF190));
    ASSERT_FALSE(quiet.has_value());
    EXPECT_EQ(quiet.error().kind, UdsError::Kind::Timeout);
    EXPECT_EQ(quiet.error().message,
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 90): no response within 500 ms");
}

TEST(UdsOverVirtualCan, CliSendsOneRequestAndPrintsTheResponse)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    ScriptedEcu ecu(*bench.ecuBus);
    // Runs packgrade-cli while this thread's event loop serves the bus and the scripted ECU.
    auto run = [](const QStringList& extra) {
        QProcess cli;
        QSignalSpy done(&cli, &QProcess::finished);
        cli.start(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
            QStringList { QStringLiteral("uds"), pg::test::virtualBus(), QStringLiteral("--tx"),
                QStringLiteral("7E0"), QStringLiteral("--rx"), QStringLiteral("7E8") }
                + extra);
        EXPECT_TRUE(done.wait(15000)) << "packgrade-cli did not finish";
        return std::make_tuple(
            cli.exitCode(), cli.readAllStandardOutput(), cli.readAllStandardError());
    };
    auto [code, out, err] = run({ QStringLiteral("--request"), QStringLiteral("22F190") });
    ASSERT_EQ(code, 0) << err.toStdString();
    const QStringList bytes = QString::fromLatin1(out).trimmed().split(QLatin1Char(' '));
    ASSERT_EQ(bytes.size(), 200);
    EXPECT_EQ(bytes.mid(0, 5).join(QLatin1Char(' ')),
        QStringLiteral("62 F1 90 01 04")); // vin[i] = 3i + 1
    EXPECT_EQ(ecu.flowControls, 1); // the CLI asks for everything at once (BS 0)

    std::tie(code, out, err) = run({ QStringLiteral("--request"), QStringLiteral("22 F1 8C") });
    EXPECT_EQ(code, 1);
    EXPECT_TRUE(err.contains(
        "ECU 0x7E0, ReadDataByIdentifier (22 F1 8C): negative response 0x31 requestOutOfRange"))
        << err.toStdString();
    std::tie(code, out, err) = run({ QStringLiteral("--request"), QStringLiteral("22F") });
    EXPECT_EQ(code, 2);
}

TEST(UdsOverVirtualCan, AsyncRequestReturnsAtOnceAndPassesOtherFramesOn)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    ScriptedEcu ecu(*bench.ecuBus);
    UdsSession session(*bench.tester, testerConfig());
    QSignalSpy finished(&session, &UdsSession::finished);
    QSignalSpy others(&session, &UdsSession::otherFrames);
    // 10 03 takes the ECU 300 ms (two responsePending): request() must not wait for it.
    ASSERT_TRUE(session.request(uds::sessionControlRequest(0x03)).has_value());
    EXPECT_TRUE(session.busy());
    EXPECT_EQ(finished.count(), 0);
    CanFrame broadcast;
    broadcast.id = 0x1DB;
    broadcast.len = 2;
    ASSERT_TRUE(bench.ecuBus->send(broadcast).has_value());
    ASSERT_TRUE(finished.wait(5000));
    auto r = session.takeResult();
    ASSERT_TRUE(r && r->has_value()) << (r ? r->error().message : "no result");
    EXPECT_EQ((**r)[0], 0x50);
    ASSERT_GE(others.count(), 1);
    EXPECT_EQ(others.at(0).at(0).value<std::vector<CanFrame>>().at(0).id, 0x1DBU);
}

TEST(UdsOverVirtualCan, KeepAliveSendsSuppressedTesterPresentWhileIdle)
{
    pg::test::BusPair bench;
    ASSERT_TRUE(bench.tester && bench.ecuBus) << "virtualcan did not open";
    ScriptedEcu ecu(*bench.ecuBus);
    UdsSession session(*bench.tester, testerConfig());
    QSignalSpy finished(&session, &UdsSession::finished);
    session.setKeepAlive(20);
    const Bytes testerPresent { 0x02, 0x3E, 0x80, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC };
    auto seen = [&] { return std::count(ecu.received.begin(), ecu.received.end(), testerPresent); };
    for (int i = 0; i < 100 && seen() < 3; ++i)
        finished.wait(20); // runs the event loop
    EXPECT_GE(seen(), 3);
    EXPECT_EQ(finished.count(), 0) << "keep-alives must not look like finished requests";
    session.setKeepAlive(0);
    // A real request still works between keep-alives.
    auto r = session.requestAndWait(uds::readDataByIdentifierRequest(0xF190));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->size(), 200U);
}
