#include "transport_factory.h"

#include "qt_bus_transport.h"
#include "replay_transport.h"
#include "slcan_transport.h"

namespace pg::can {

namespace {
// Splits "name@number" into its parts; the number stays `fallback` when absent.
QString splitAt(const QString& text, double& number, double fallback)
{
    number = fallback;
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return text;
    bool ok = false;
    const double v = text.mid(at + 1).toDouble(&ok);
    if (!ok)
        return text;
    number = v;
    return text.left(at);
}
} // namespace

tl::expected<std::unique_ptr<Transport>, QString> createTransport(const QString& spec,
    const TransportOptions& options)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == spec.size() - 1)
        return tl::make_unexpected(QStringLiteral("device '%1': expected PLUGIN:INTERFACE such as "
                                                  "virtualcan:can0, slcan:/dev/ttyACM0 or replay:FILE")
                                       .arg(spec));
    const QString kind = spec.left(colon);
    const QString rest = spec.mid(colon + 1);
    if (kind == QLatin1String("slcan")) {
        double baud = 0;
        const QString port = splitAt(rest, baud, 115200);
        return std::make_unique<SlcanTransport>(port, options, static_cast<int>(baud));
    }
    if (kind == QLatin1String("replay")) {
        double speed = 0;
        const QString path = splitAt(rest, speed, 0);
        if (speed < 0)
            return tl::make_unexpected(QStringLiteral("device '%1': the replay speed must be >= 0").arg(spec));
        return std::make_unique<ReplayTransport>(path, speed, options);
    }
    const QStringList plugins = QtBusTransport::availablePlugins();
    if (!plugins.contains(kind))
        return tl::make_unexpected(QStringLiteral("device '%1': unknown CAN plugin '%2' (installed: %3; "
                                                  "also slcan and replay)")
                                       .arg(spec, kind, plugins.join(QStringLiteral(", "))));
    return std::make_unique<QtBusTransport>(kind, rest, options);
}

} // namespace pg::can
