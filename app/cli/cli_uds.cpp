// packgrade-cli uds DEVICE --request 22F190 --tx 7E0 --rx 7E8: one UDS request over ISO-TP.
#include "can/transport_factory.h"
#include "can/uds_session.h"
#include "cli_common.h"
#include "commands.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace pg::app {

namespace {

struct UdsArgs {
    can::IsoTpConfig isoTp;
    can::UdsTiming timing;
    can::uds::Bytes request;
    int bitrate = 500000;
};

// Hex CAN id; more than 11 bits (or 8 digits) means a 29-bit id.
bool parseId(const QString& text, std::uint32_t& id, bool& extended)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok, 16);
    if (!ok || v > can::kMaxExtendedId)
        return false;
    id = static_cast<std::uint32_t>(v);
    extended = v > can::kMaxStandardId || text.size() > 3;
    return true;
}

bool parseHexBytes(QString text, can::uds::Bytes& out)
{
    text.remove(QLatin1Char(' '));
    if (text.isEmpty() || text.size() % 2 != 0)
        return false;
    for (qsizetype i = 0; i < text.size(); i += 2) {
        bool ok = false;
        out.push_back(static_cast<std::uint8_t>(text.mid(i, 2).toUInt(&ok, 16)));
        if (!ok)
            return false;
    }
    return true;
}

QString hexOf(const can::uds::Bytes& bytes) { return QString::fromStdString(can::uds::hexBytes(bytes)); }

int runRequest(const QString& device, const UdsArgs& a, bool json)
{
    int argc = 1;
    char name[] = "packgrade-cli";
    char* argv[] = { name, nullptr };
    QCoreApplication app(argc, argv);
    can::TransportOptions options;
    options.bitrate = a.bitrate;
    options.listenOnly = false; // a request transmits: the user named the ids explicitly
    auto transport = can::createTransport(device, options);
    if (!transport)
        return fail({ core::kExitFailed, transport.error() });
    can::Transport& t = **transport;
    t.open();
    if (!t.waitOpened(5000))
        return fail({ core::kExitFailed, t.lastError() });
    can::UdsSession session(t, a.isoTp, a.timing);
    const can::UdsResult r = session.requestAndWait(a.request);
    t.close();
    if (!r)
        return fail({ core::kExitFailed, QString::fromStdString(r.error().message) });
    if (json) {
        printJson(QJsonObject { { QStringLiteral("device"), t.description() },
            { QStringLiteral("request"), hexOf(a.request) }, { QStringLiteral("response"), hexOf(*r) },
            { QStringLiteral("pending"), session.client().pendingReplies() } });
    } else {
        printOut(hexOf(*r) + QLatin1Char('\n'));
    }
    return core::kExitOk;
}

} // namespace


int runUds(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Send one UDS request over ISO-TP and print the positive "
                                               "response, e.g. --request 22F190 --tx 7E0 --rx 7E8."));
    p.addPositionalArgument(QStringLiteral("DEVICE"), QStringLiteral("the adapter (virtualcan:can0, slcan:/dev/ttyACM0, ...)"));
    const QCommandLineOption request(QStringLiteral("request"), QStringLiteral("Request bytes in hex."), QStringLiteral("HEX"));
    const QCommandLineOption tx(QStringLiteral("tx"), QStringLiteral("Request id (hex; > 7FF or 8 digits = 29-bit)."), QStringLiteral("ID"));
    const QCommandLineOption rx(QStringLiteral("rx"), QStringLiteral("Response id (hex)."), QStringLiteral("ID"));
    const QCommandLineOption p2(QStringLiteral("p2-ms"), QStringLiteral("P2 timeout (default 1000)."), QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption p2star(QStringLiteral("p2star-ms"), QStringLiteral("P2* timeout after 0x78 (default 5000)."), QStringLiteral("MS"), QStringLiteral("5000"));
    const QCommandLineOption padding(QStringLiteral("padding"), QStringLiteral("Fill byte in hex, or 'none' (default CC)."), QStringLiteral("HEX"), QStringLiteral("CC"));
    const QCommandLineOption bitrate(QStringLiteral("bitrate"), QStringLiteral("Bus bitrate (default 500000)."), QStringLiteral("N"), QStringLiteral("500000"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    p.addOptions({ request, tx, rx, p2, p2star, padding, bitrate, json });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("uds"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("uds"), QStringLiteral("expected exactly one DEVICE"));
    UdsArgs a;
    bool txExt = false;
    bool rxExt = false;
    if (!parseId(p.value(tx), a.isoTp.address.txId, txExt) || !parseId(p.value(rx), a.isoTp.address.rxId, rxExt))
        return usage(QStringLiteral("uds"), QStringLiteral("--tx and --rx need hex CAN ids"));
    if (txExt != rxExt)
        return usage(QStringLiteral("uds"), QStringLiteral("--tx and --rx must both be 11-bit or both 29-bit"));
    a.isoTp.address.extended = txExt;
    if (!parseHexBytes(p.value(request), a.request))
        return usage(QStringLiteral("uds"), QStringLiteral("--request needs hex bytes such as 22F190"));
    if (p.value(padding).compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
        a.isoTp.padding.reset();
    else
        a.isoTp.padding = static_cast<std::uint8_t>(p.value(padding).toUInt(nullptr, 16));
    a.timing.p2Us = p.value(p2).toLongLong() * 1000;
    a.timing.p2StarUs = p.value(p2star).toLongLong() * 1000;
    a.bitrate = p.value(bitrate).toInt();
    return runRequest(p.positionalArguments().first(), a, p.isSet(json));
}

} // namespace pg::app
