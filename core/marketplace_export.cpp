// The marketplace export file: one record per graded pack, as JSON or RFC 4180 CSV.
#include "marketplace_export.h"

#include "certificate_data.h"
#include "certificate_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimeZone>
#include <cmath>

namespace pg::core {

namespace {

    QJsonValue textOrNull(const QString& s)
    {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    }

    QJsonValue numberOrNull(const QJsonValue& v)
    {
        return v.isDouble() && std::isfinite(v.toDouble()) ? v : QJsonValue(QJsonValue::Null);
    }

    QString isoSeconds(const QString& stored)
    {
        const QDateTime t = QDateTime::fromString(stored, Qt::ISODateWithMs);
        return t.isValid() ? certificateTimestamp(t) : stored;
    }

    void putCertificate(QJsonObject& r, const GradedPack& g)
    {
        const bool has = g.certificate.has_value();
        r[QStringLiteral("certificate_id")] = has ? textOrNull(g.certificate->id) : QJsonValue();
        r[QStringLiteral("certificate_issued_at")]
            = has ? textOrNull(g.certificate->issuedAt) : QJsonValue();
        r[QStringLiteral("certificate_sha256")]
            = has ? textOrNull(g.certificate->contentSha256) : QJsonValue();
        r[QStringLiteral("key_fingerprint")]
            = has ? textOrNull(g.certificate->keyFingerprint) : QJsonValue();
    }

    QString csvField(const QJsonValue& v)
    {
        if (v.isNull() || v.isUndefined())
            return {};
        QString text = v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
        if (!v.isDouble() && !text.isEmpty() && QStringLiteral("=+-@").contains(text.front()))
            text.prepend(QLatin1Char('\''));
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
            || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
            text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\""))
                + QLatin1Char('"');
        return text;
    }

} // namespace

const QStringList& exportColumns()
{
    static const QStringList kColumns { QStringLiteral("certificate_id"),
        QStringLiteral("grade_id"), QStringLiteral("pack_id"), QStringLiteral("serial_number"),
        QStringLiteral("vin"), QStringLiteral("part_number"), QStringLiteral("manufacturer"),
        QStringLiteral("chemistry"), QStringLiteral("nominal_capacity_ah"),
        QStringLiteral("nominal_voltage_v"), QStringLiteral("nominal_energy_wh"),
        QStringLiteral("grade"), QStringLiteral("battery_status"),
        QStringLiteral("target_application"), QStringLiteral("graded_at"),
        QStringLiteral("soh_capacity"), QStringLiteral("soh_capacity_low"),
        QStringLiteral("soh_capacity_high"), QStringLiteral("soh_resistance"),
        QStringLiteral("cell_spread_v"), QStringLiteral("remaining_capacity_ah"),
        QStringLiteral("policy_name"), QStringLiteral("policy_version"),
        QStringLiteral("policy_sha256"), QStringLiteral("certificate_issued_at"),
        QStringLiteral("certificate_sha256"), QStringLiteral("key_fingerprint") };
    return kColumns;
}

QJsonObject exportRecord(const GradedPack& g)
{
    const QJsonObject& body = g.gradeBody;
    const QString grade = body.value(QStringLiteral("grade")).toString();
    const QJsonArray interval = body.value(QStringLiteral("soh_capacity_interval")).toArray();
    const QJsonValue soh = numberOrNull(body.value(QStringLiteral("soh_capacity")));
    const double nominalAh = g.pack.nominalCapacityAh;
    QJsonObject r { { QStringLiteral("grade_id"), g.gradeId },
        { QStringLiteral("pack_id"), g.pack.id },
        { QStringLiteral("serial_number"), g.pack.serial },
        { QStringLiteral("vin"), textOrNull(g.pack.vin) },
        { QStringLiteral("part_number"), textOrNull(g.pack.partNumber) },
        { QStringLiteral("manufacturer"), textOrNull(g.pack.manufacturer) },
        { QStringLiteral("chemistry"), g.pack.chemistry },
        { QStringLiteral("nominal_capacity_ah"),
            nominalAh > 0 ? QJsonValue(nominalAh) : QJsonValue() },
        { QStringLiteral("nominal_voltage_v"),
            g.pack.nominalVoltageV > 0 ? QJsonValue(g.pack.nominalVoltageV) : QJsonValue() },
        { QStringLiteral("nominal_energy_wh"),
            nominalAh > 0 && g.pack.nominalVoltageV > 0
                ? QJsonValue(nominalAh * g.pack.nominalVoltageV)
                : QJsonValue() },
        { QStringLiteral("grade"), grade },
        { QStringLiteral("battery_status"), textOrNull(batteryStatusForGrade(grade)) },
        { QStringLiteral("target_application"),
            textOrNull(body.value(QStringLiteral("target_application")).toString()) },
        { QStringLiteral("graded_at"), isoSeconds(g.gradedAt) },
        { QStringLiteral("soh_capacity"), soh },
        { QStringLiteral("soh_capacity_low"), numberOrNull(interval.at(0)) },
        { QStringLiteral("soh_capacity_high"), numberOrNull(interval.at(1)) },
        { QStringLiteral("soh_resistance"),
            numberOrNull(body.value(QStringLiteral("soh_resistance"))) },
        { QStringLiteral("cell_spread_v"),
            numberOrNull(body.value(QStringLiteral("cell_spread_v"))) },
        { QStringLiteral("remaining_capacity_ah"),
            soh.isDouble() && nominalAh > 0 ? QJsonValue(soh.toDouble() * nominalAh)
                                            : QJsonValue() } };
    const QJsonObject policy = body.value(QStringLiteral("policy")).toObject();
    r[QStringLiteral("policy_name")] = policy.value(QStringLiteral("name")).toString();
    r[QStringLiteral("policy_version")] = policy.value(QStringLiteral("version")).toString();
    r[QStringLiteral("policy_sha256")] = policy.value(QStringLiteral("sha256")).toString();
    putCertificate(r, g);
    return r;
}

QByteArray exportJsonDocument(
    const std::vector<QJsonObject>& records, const QDateTime& exportedAt, const QString& since)
{
    QJsonArray array;
    for (const QJsonObject& r : records)
        array.append(r);
    const QJsonObject doc { { QStringLiteral("format"), QLatin1String(kExportFormat) },
        { QStringLiteral("format_version"), kExportFormatVersion },
        { QStringLiteral("exported_at"), certificateTimestamp(exportedAt) },
        { QStringLiteral("since"), since.isEmpty() ? QJsonValue() : QJsonValue(isoSeconds(since)) },
        { QStringLiteral("count"), static_cast<int>(records.size()) },
        { QStringLiteral("records"), array } };
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

QByteArray exportCsv(const std::vector<QJsonObject>& records)
{
    QByteArray out("\xEF\xBB\xBF");
    out += exportColumns().join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const QJsonObject& r : records) {
        QStringList fields;
        for (const QString& column : exportColumns())
            fields << csvField(r.value(column));
        out += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    return out;
}

tl::expected<QString, Error> parseSince(const QString& text)
{
    QDateTime t;
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (text.size() == 10 && day.isValid())
        t = QDateTime(day, QTime(0, 0), QTimeZone::utc());
    else
        t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return tl::unexpected(Error { kExitUsage,
            QStringLiteral("--since '%1': expected a date YYYY-MM-DD or an ISO-8601 date-time "
                           "such as 2026-11-24T18:00:00Z")
                .arg(text) });
    if (t.timeSpec() == Qt::LocalTime) // no offset given: the inventory's times are UTC
        t = QDateTime(t.date(), t.time(), QTimeZone::utc());
    return t.toUTC().toString(Qt::ISODateWithMs);
}

tl::expected<int, Error> runExport(
    const ExportRequest& request, const std::function<void(int, int)>& progress)
{
    auto inventory = Inventory::open(request.databaseUrl);
    if (!inventory)
        return tl::unexpected(inventory.error());
    auto packs = latestGradedPacks(**inventory, request.since);
    if (!packs)
        return tl::unexpected(packs.error());
    std::vector<QJsonObject> records;
    records.reserve(packs->size());
    const int total = static_cast<int>(packs->size());
    for (const GradedPack& g : *packs) {
        records.push_back(exportRecord(g));
        if (progress && (records.size() % 64 == 0 || static_cast<int>(records.size()) == total))
            progress(static_cast<int>(records.size()), total);
    }
    const QByteArray bytes = request.format == ExportFormat::Csv
        ? exportCsv(records)
        : exportJsonDocument(records, QDateTime::currentDateTimeUtc(), request.since);
    QSaveFile file(request.outPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral("%1: cannot write the export: %2")
                .arg(request.outPath, file.errorString()) });
    return total;
}

} // namespace pg::core
