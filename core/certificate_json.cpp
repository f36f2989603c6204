#include "certificate_json.h"

#include <QJsonArray>

namespace pg::core {

namespace {

    using Obj = QJsonObject;
    inline QString k(const char* key)
    {
        return QString::fromLatin1(key);
    }

    void putOptional(Obj& o, const char* key, const std::optional<double>& value)
    {
        if (value)
            o[k(key)] = *value;
    }

    Obj testToJson(const CertificateData& d)
    {
        Obj t { { k("method"), d.testMethod }, { k("testedAt"), certificateTimestamp(d.testedAt) },
            { k("measuredCapacityAh"), d.measuredCapacityAh },
            { k("measuredCapacityStderrAh"), d.measuredCapacityStderrAh },
            { k("capacityMethod"), d.capacityMethod }, { k("sohCapacity"), d.sohCapacity },
            { k("sohCapacityStderr"), d.sohCapacityStderr }, { k("powerAtSoc"), d.powerAtSoc },
            { k("cellSpreadV"), d.cellSpreadV }, { k("minCellVoltageV"), d.minCellVoltageV },
            { k("maxCellVoltageV"), d.maxCellVoltageV },
            { k("minTemperatureC"), d.minTemperatureC },
            { k("maxTemperatureC"), d.maxTemperatureC },
            { k("dtcs"), QJsonArray::fromStringList(d.dtcs) } };
        putOptional(t, "sohResistance", d.sohResistance);
        putOptional(t, "sohResistanceStderr", d.sohResistanceStderr);
        putOptional(t, "internalResistanceOhm", d.internalResistanceOhm);
        putOptional(t, "internalResistanceStderrOhm", d.internalResistanceStderrOhm);
        putOptional(t, "powerCapabilityW", d.powerCapabilityW);
        putOptional(t, "originalPowerCapabilityW", d.originalPowerCapabilityW);
        QJsonArray times;
        QJsonArray volts;
        for (const CurveSample& s : d.curve) {
            times.append(s.timeS);
            volts.append(s.voltageV);
        }
        t[k("curve")]
            = Obj { { k("title"), d.curveTitle }, { k("timeS"), times }, { k("voltageV"), volts } };
        // Added for certificates issued from the inventory; left out when not known, so that a
        // certificate signed before them reads and re-canonicalises unchanged.
        if (d.minCellNumber > 0)
            t[k("minCellNumber")] = d.minCellNumber;
        if (d.maxCellNumber > 0)
            t[k("maxCellNumber")] = d.maxCellNumber;
        if (!d.cellVoltageBasis.isEmpty())
            t[k("cellVoltageBasis")] = d.cellVoltageBasis;
        if (!d.unavailable.isEmpty()) {
            Obj why;
            for (auto i = d.unavailable.begin(); i != d.unavailable.end(); ++i)
                why[i.key()] = i.value();
            t[k("unavailable")] = why;
        }
        if (!d.sessionFolderStatus.isEmpty())
            t[k("session")] = Obj { { k("id"), d.sessionId },
                { k("manifestSha256"), d.sessionManifestSha256 },
                { k("folderStatus"), d.sessionFolderStatus },
                { k("statement"), d.sessionStatement } };
        return t;
    }

    Obj gradingToJson(const CertificateData& d)
    {
        QJsonArray rules;
        for (const CertificateRule& r : d.rules)
            rules.append(Obj { { k("name"), r.name }, { k("quantity"), r.quantity },
                { k("comparison"), r.comparison }, { k("value"), r.value },
                { k("threshold"), r.threshold }, { k("margin"), r.margin }, { k("unit"), r.unit },
                { k("passed"), r.passed } });
        return Obj { { k("grade"), d.grade },
            { k("batteryStatus"), batteryStatusForGrade(d.grade) },
            { k("targetApplication"), d.targetApplication }, { k("rules"), rules } };
    }

    Obj lifeToJson(const CertificateData& d)
    {
        Obj life { { k("years"), d.remainingLifeYears }, { k("yearsLow"), d.remainingLifeYearsLow },
            { k("yearsHigh"), d.remainingLifeYearsHigh }, { k("endOfLifeSoh"), d.endOfLifeSoh },
            { k("method"), d.lifeMethod } };
        putOptional(life, "cycles", d.remainingCycles);
        return life;
    }

} // namespace

QString certificateTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

QJsonObject certificateToJson(const CertificateData& d)
{
    Obj o;
    o[k("format")] = QString::fromLatin1(kCertificateFormat);
    o[k("formatVersion")] = kCertificateFormatVersion;
    o[k("certificateId")] = d.certificateId;
    o[k("issuedAt")] = certificateTimestamp(d.issuedAt);
    o[k("issuer")] = Obj { { k("site"), d.siteName }, { k("bench"), d.benchId },
        { k("operator"), d.operatorName }, { k("grader"), d.graderName } };
    o[k("battery")] = Obj { { k("make"), d.make }, { k("model"), d.model },
        { k("chemistry"), d.chemistry }, { k("batteryCategory"), d.batteryCategory },
        { k("nominalEnergyWh"), d.nominalEnergyWh },
        { k("nominalCapacityAh"), d.nominalCapacityAh },
        { k("nominalVoltageV"), d.nominalVoltageV }, { k("serialNumber"), d.serialNumber },
        { k("vin"), d.vin }, { k("partNumber"), d.partNumber } };
    o[k("test")] = testToJson(d);
    o[k("grading")] = gradingToJson(d);
    o[k("remainingLife")] = lifeToJson(d);
    o[k("policy")] = Obj { { k("name"), d.policyName }, { k("version"), d.policyVersion },
        { k("sha256"), d.policySha256 } };
    o[k("software")]
        = Obj { { k("name"), QStringLiteral("PackGrade") }, { k("version"), d.softwareVersion } };
    o[k("batteryPass")] = batteryPassSection(d);
    return o;
}

} // namespace pg::core
