#include "certificate_data.h"

#include <QRegularExpression>
#include <QUuid>
#include <cmath>

namespace pg::core {

namespace {

    QString finiteProblem(const CertificateData& d)
    {
        const std::pair<const char*, double> numbers[] = { { "nominalEnergyWh", d.nominalEnergyWh },
            { "nominalCapacityAh", d.nominalCapacityAh },
            { "measuredCapacityAh", d.measuredCapacityAh },
            { "measuredCapacityStderrAh", d.measuredCapacityStderrAh },
            { "sohCapacity", d.sohCapacity }, { "sohCapacityStderr", d.sohCapacityStderr },
            { "sohResistance", d.sohResistance.value_or(1.0) },
            { "sohResistanceStderr", d.sohResistanceStderr.value_or(0.0) },
            { "internalResistanceStderrOhm", d.internalResistanceStderrOhm.value_or(0.0) },
            { "cellSpreadV", d.cellSpreadV },
            { "minCellVoltageV", d.minCellVoltageV }, { "maxCellVoltageV", d.maxCellVoltageV },
            { "minTemperatureC", d.minTemperatureC }, { "maxTemperatureC", d.maxTemperatureC },
            { "remainingLifeYears", d.remainingLifeYears },
            { "remainingLifeYearsLow", d.remainingLifeYearsLow },
            { "remainingLifeYearsHigh", d.remainingLifeYearsHigh },
            { "endOfLifeSoh", d.endOfLifeSoh }, { "powerAtSoc", d.powerAtSoc } };
        for (const auto& [name, value] : numbers) {
            if (!std::isfinite(value))
                return QStringLiteral("%1: expected a finite number").arg(QLatin1String(name));
        }
        for (const CurveSample& s : d.curve) {
            if (!std::isfinite(s.timeS) || !std::isfinite(s.voltageV))
                return QStringLiteral("curve: a sample is not a finite number");
        }
        for (const CertificateRule& r : d.rules) {
            if (!std::isfinite(r.value) || !std::isfinite(r.threshold) || !std::isfinite(r.margin))
                return QStringLiteral("rules: %1 has a number that is not finite").arg(r.name);
        }
        return {};
    }

} // namespace

QString certificateDataProblem(const CertificateData& d)
{
    if (QUuid::fromString(d.certificateId).isNull())
        return QStringLiteral("certificateId: expected a UUID, got '%1'").arg(d.certificateId);
    if (!d.issuedAt.isValid() || !d.testedAt.isValid())
        return QStringLiteral("issuedAt/testedAt: expected valid times");
    if (d.serialNumber.isEmpty())
        return QStringLiteral("serialNumber: a certificate names the pack it is about");
    if (batteryStatusForGrade(d.grade).isEmpty())
        return QStringLiteral("grade: expected reuse, repurpose or recycle, got '%1' (a pack that "
                              "needs a retest gets no certificate)")
            .arg(d.grade);
    if (d.nominalCapacityAh <= 0.0)
        return QStringLiteral("nominalCapacityAh: expected a positive number");
    if (d.sohCapacity < 0.0 || d.sohCapacity > 1.5 || d.sohResistance.value_or(1.0) <= 0.0)
        return QStringLiteral("sohCapacity/sohResistance: expected fractions (0..1), not percent");
    return finiteProblem(d);
}

bool lifeProjected(const CertificateData& d)
{
    if (d.unavailable.contains(QStringLiteral("remainingLife")))
        return false;
    if (d.lifeMethod == QLatin1String("not projected"))
        return false;
    return !d.lifeMethod.isEmpty() || d.remainingLifeYearsHigh > 0.0;
}

QString applicationInWords(const QString& application)
{
    if (application.isEmpty())
        return {};
    QString text = application;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text.replace(QRegularExpression(QStringLiteral("\\bev\\b")), QStringLiteral("EV"));
    text[0] = text[0].toUpper();
    return text;
}

} // namespace pg::core
