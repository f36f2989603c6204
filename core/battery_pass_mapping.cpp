// The certificate's passport-facing section: PackGrade's results under the names and shapes of the
// EU Battery Pass data model v1.2.0 (../shared/data/batterypass/*-schema.json).
#include "certificate_json.h"

#include <QJsonArray>
#include <cmath>

namespace pg::core {

namespace {

    inline QString k(const char* key)
    {
        return QString::fromLatin1(key);
    }

    // Percentages and derived ratios are rounded to 0.01 so that the JSON shows "12.7", not
    // "12.699999999999996"; measured values are passed through unchanged.
    double round2(double value)
    {
        return std::round(value * 100.0) / 100.0;
    }

    QJsonObject conditionSection(const CertificateData& d)
    {
        const QString updated = certificateTimestamp(d.testedAt);
        QJsonObject c;
        c[k("remainingCapacity")]
            = QJsonObject { { k("remainingCapacityValue"), d.measuredCapacityAh },
                  { k("lastUpdate"), updated } };
        c[k("capacityFade")]
            = QJsonObject { { k("capacityFadeValue"), round2((1.0 - d.sohCapacity) * 100.0) },
                  { k("lastUpdate"), updated } };
        if (d.sohResistance && *d.sohResistance > 0.0)
            c[k("internalResistanceIncrease")]
                = QJsonArray { QJsonObject { { k("internalResistanceIncreaseValue"),
                                                 round2((1.0 / *d.sohResistance - 1.0) * 100.0) },
                    { k("lastUpdate"), updated }, { k("batteryComponent"), k("pack") } } };
        if (d.powerCapabilityW) {
            const QJsonObject at { { k("rPCLastUpdated"), updated },
                { k("atSoC"), round2(d.powerAtSoc * 100.0) },
                { k("powerCapabilityAt"), *d.powerCapabilityW } };
            c[k("remainingPowerCapability")] = QJsonArray { QJsonObject {
                { k("remainingPowerCapabilityValue"), at }, { k("lastUpdate"), updated } } };
            if (d.originalPowerCapabilityW && *d.originalPowerCapabilityW > 0.0)
                c[k("powerFade")]
                    = round2((1.0 - *d.powerCapabilityW / *d.originalPowerCapabilityW) * 100.0);
        }
        QJsonArray events;
        for (const QString& dtc : d.dtcs)
            events.append(
                QJsonObject { { k("negativeEvent"), dtc }, { k("lastUpdate"), updated } });
        c[k("negativeEvents")] = events;
        return c;
    }

} // namespace

QString batteryStatusForGrade(const QString& grade)
{
    if (grade == QLatin1String("reuse"))
        return QStringLiteral("Reused");
    if (grade == QLatin1String("repurpose"))
        return QStringLiteral("Repurposed");
    if (grade == QLatin1String("recycle"))
        return QStringLiteral("Waste");
    return {};
}

QJsonObject batteryPassSection(const CertificateData& d)
{
    const QJsonObject general { { k("productIdentifier"), d.serialNumber },
        { k("batteryCategory"), d.batteryCategory },
        { k("batteryStatus"), batteryStatusForGrade(d.grade) } };
    // "batteryTechicalProperties" is spelt as the schema spells it.
    QJsonObject technical { { k("ratedCapacity"), d.nominalCapacityAh },
        { k("ratedEnergy"), d.nominalEnergyWh / 1000.0 },
        { k("nominalVoltage"), d.nominalVoltageV } };
    // No projection: no expectedLifetime (0 would claim a pack at its end of life).
    if (lifeProjected(d))
        technical[k("expectedLifetime")] = std::floor(d.remainingLifeYears);
    const QJsonObject performance { { k("batteryCondition"), conditionSection(d) },
        { k("batteryTechicalProperties"), technical } };
    return QJsonObject { { k("generalProductInformation"), general },
        { k("performance"), performance } };
}

} // namespace pg::core
