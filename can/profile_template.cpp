#include "profile_template.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <map>
#include <set>

namespace pg::can {

namespace {

    struct Guess {
        const char* field = nullptr;
        double scale = 1.0;
    };

    bool has(const QString& name, const char* part)
    {
        return name.contains(QLatin1String(part), Qt::CaseInsensitive);
    }

    // "SOC", "BMS_soc", "socMin" but not "associated": the abbreviation as a word or camel-case
    // part.
    bool hasWord(const QString& name, const char* word)
    {
        static const QRegularExpression camel(QStringLiteral("([a-z0-9])([A-Z])"));
        static const QRegularExpression separators(QStringLiteral("[^a-z]+"));
        QString words = name;
        words.replace(camel, QStringLiteral("\\1_\\2"));
        return words.toLower().split(separators, Qt::SkipEmptyParts).contains(QLatin1String(word));
    }

    // Messages that look like a battery's own (name or transmitter).
    bool isBatteryMessage(const DbcMessage& m)
    {
        const QString text = QString::fromStdString(m.name + " " + m.transmitter);
        for (const char* part : { "bms", "batt", "hvb", "pack", "cell", "lbc", "becm" }) {
            if (has(text, part))
                return true;
        }
        return false;
    }

    bool isCelsius(const QString& u)
    {
        return u == QLatin1String("C") || u == QLatin1String("degC") || u == QLatin1String("deg C")
            || u
            == QString::fromUtf8("\xC2\xB0"
                                 "C");
    }

    bool isAggregate(const QString& n)
    {
        return has(n, "min") || has(n, "max") || has(n, "avg") || has(n, "mean") || has(n, "delta")
            || has(n, "limit") || has(n, "invalid") || has(n, "flag") || has(n, "index")
            || has(n, "count") || has(n, "number") || has(n, "target") || has(n, "req")
            || has(n, "precharge") || has(n, "setpoint");
    }

    Guess guess(const DbcSignal& s)
    {
        const QString n = QString::fromStdString(s.name);
        const QString u = QString::fromStdString(s.unit).trimmed();
        const bool volts = u == QLatin1String("V") || u == QLatin1String("mV");
        const double vScale = u == QLatin1String("mV") ? 0.001 : 1.0;
        if (isAggregate(n))
            return {};
        if (volts && has(n, "cell"))
            return { "cell_voltage_v", vScale };
        if (has(n, "temp") && isCelsius(u))
            return { "temperature_c", 1.0 };
        if (volts && (has(n, "pack") || has(n, "batt") || has(n, "total") || has(n, "voltage"))
            && !has(n, "bus"))
            return { "pack_voltage_v", vScale };
        if ((u == QLatin1String("A") || u == QLatin1String("mA")) && has(n, "current"))
            return { "pack_current_a", u == QLatin1String("mA") ? 0.001 : 1.0 };
        if ((hasWord(n, "soc") || has(n, "stateofcharge"))
            && (u == QLatin1String("%") || u.isEmpty()))
            return { "soc_pct", 1.0 };
        if ((hasWord(n, "soh") || has(n, "stateofhealth"))
            && (u == QLatin1String("%") || u.isEmpty()))
            return { "soh_pct", 1.0 };
        return {};
    }

    // "CellVoltage_017" -> "CellVoltage_([0-9]+)"; empty when the name has no number.
    QString numberedPattern(const QString& name)
    {
        static const QRegularExpression lastNumber(QStringLiteral("([0-9]+)(?!.*[0-9])"));
        const QRegularExpressionMatch m = lastNumber.match(name);
        if (!m.hasMatch())
            return {};
        return QRegularExpression::escape(name.left(m.capturedStart(1)))
            + QStringLiteral("([0-9]+)") + QRegularExpression::escape(name.mid(m.capturedEnd(1)));
    }

    QJsonObject mapping(
        const char* field, const DbcMessage& m, const DbcSignal& s, double scale, bool array)
    {
        QJsonObject f;
        f[QStringLiteral("field")] = QLatin1String(field);
        QJsonObject sig;
        sig[QStringLiteral("message")] = QString::fromStdString(m.name);
        const QString pattern = array ? numberedPattern(QString::fromStdString(s.name)) : QString();
        if (!pattern.isEmpty()) {
            sig[QStringLiteral("pattern")] = pattern;
            f[QStringLiteral("index")] = QJsonObject { { QStringLiteral("from_pattern"), true } };
        } else {
            sig[QStringLiteral("name")] = QString::fromStdString(s.name);
        }
        f[QStringLiteral("signal")] = sig;
        if (scale != 1.0)
            f[QStringLiteral("scale")] = scale;
        f[QStringLiteral("source")]
            = QStringLiteral(
                "guessed by `packgrade-cli profile new` from signal '%1' (unit '%2') of %3")
                  .arg(QString::fromStdString(s.name), QString::fromStdString(s.unit),
                      QString::fromStdString(m.name));
        QString gap = QStringLiteral(
            "unchecked guess: confirm meaning, scale and index against the pack's documentation");
        if (QLatin1String(field) == QLatin1String("pack_current_a"))
            gap += QStringLiteral("; sign unknown: positive must mean discharge (set scale to -1 "
                                  "if the pack uses charge-positive)");
        f[QStringLiteral("gap")] = gap;
        return f;
    }

} // namespace

QJsonObject makeProfileTemplate(
    const DbcDatabase& db, const std::string& dbcFile, const std::string& name, int* fieldCount)
{
    QJsonArray fields;
    std::set<QString> taken; // scalar fields already mapped, and array patterns already written
    std::map<std::string, int> nextIndex; // per array field: the next element for a single signal
    // A vehicle-wide DBC has temperatures and currents everywhere: when some messages look like
    // the battery's own, guess from those only.
    bool batteryOnly = false;
    for (const DbcMessage& m : db.messages)
        batteryOnly = batteryOnly || isBatteryMessage(m);
    for (const DbcMessage& m : db.messages) {
        if (batteryOnly && !isBatteryMessage(m))
            continue;
        for (const DbcSignal& s : m.signalList) {
            const Guess g = guess(s);
            const bool array = g.field != nullptr
                && (QLatin1String(g.field) == QLatin1String("cell_voltage_v")
                    || QLatin1String(g.field) == QLatin1String("temperature_c"));
            // A scalar needs a real number (not an alert bit) and one value per frame (not muxed).
            const bool scalarOk = array || (s.length >= 7 && s.muxSwitch.empty());
            if (g.field == nullptr || s.isMultiplexer || !scalarOk)
                continue;
            const QString pattern = numberedPattern(QString::fromStdString(s.name));
            const QString key = array ? QString::fromStdString(m.name) + QLatin1Char('/')
                    + (pattern.isEmpty() ? QString::fromStdString(s.name) : pattern)
                                      : QLatin1String(g.field);
            if (!taken.insert(key).second)
                continue;
            QJsonObject f = mapping(g.field, m, s, g.scale, array);
            // Single array signals get successive elements; patterns number themselves.
            if (array && !f.contains(QStringLiteral("index")))
                f[QStringLiteral("index")]
                    = QJsonObject { { QStringLiteral("base"), nextIndex[g.field]++ } };
            fields.append(f);
        }
    }
    if (fieldCount != nullptr)
        *fieldCount = static_cast<int>(fields.size());
    QJsonObject o;
    o[QStringLiteral("$schema")] = QStringLiteral("https://packgrade.invalid/profile.schema.json");
    o[QStringLiteral("format")] = QStringLiteral("packgrade-profile/1");
    o[QStringLiteral("base")] = QStringLiteral("generic-dbc");
    o[QStringLiteral("name")] = QString::fromStdString(name);
    o[QStringLiteral("version")] = QStringLiteral("0.1.0");
    o[QStringLiteral("description")] = QStringLiteral(
        "Starting mapping written by `packgrade-cli profile new`: check every field.");
    o[QStringLiteral("dbc")] = QJsonObject { { QStringLiteral("file"),
                                                 QString::fromStdString(dbcFile) },
        { QStringLiteral("license"),
            QStringLiteral("UNKNOWN: state the DBC's licence before sharing this mapping") } };
    o[QStringLiteral("fields")] = fields;
    return o;
}

} // namespace pg::can
