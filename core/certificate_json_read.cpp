// certificateFromJson(): reads a certificate's content back, naming the first bad field.
#include "certificate_json.h"

#include <QJsonArray>
#include <QUuid>

namespace pg::core {

namespace {

    // Reads fields of one section; remembers the first problem as "section.key: expected ...".
    class FieldReader {
    public:
        FieldReader(const QJsonObject& object, QString section, QString* problem)
            : m_object(object)
            , m_section(std::move(section))
            , m_problem(problem)
        {
        }
        FieldReader section(const char* key)
        {
            return FieldReader(
                value(key, QJsonValue::Object, "an object").toObject(), path(key), m_problem);
        }
        QString str(const char* key)
        {
            return value(key, QJsonValue::String, "a string").toString();
        }
        double num(const char* key)
        {
            return value(key, QJsonValue::Double, "a number").toDouble();
        }
        bool flag(const char* key)
        {
            return value(key, QJsonValue::Bool, "true or false").toBool();
        }
        QJsonArray array(const char* key)
        {
            return value(key, QJsonValue::Array, "an array").toArray();
        }
        bool has(const char* key) const
        {
            return m_object.contains(QLatin1String(key));
        }
        QJsonObject object() const
        {
            return m_object;
        }
        std::optional<double> optionalNum(const char* key)
        {
            if (!m_object.contains(QLatin1String(key)))
                return std::nullopt;
            return num(key);
        }
        QDateTime time(const char* key)
        {
            const QString text = str(key);
            QDateTime t = QDateTime::fromString(text, Qt::ISODate);
            if (!t.isValid() && m_problem->isEmpty())
                *m_problem
                    = path(key) + QStringLiteral(": expected an ISO 8601 time, got '%1'").arg(text);
            return t.toUTC();
        }

    private:
        QString path(const char* key) const
        {
            return m_section.isEmpty() ? QLatin1String(key)
                                       : m_section + QLatin1Char('.') + QLatin1String(key);
        }
        QJsonValue value(const char* key, QJsonValue::Type type, const char* expected)
        {
            const QJsonValue v = m_object.value(QLatin1String(key));
            if (v.type() != type && m_problem->isEmpty())
                *m_problem = path(key) + QStringLiteral(": expected ") + QLatin1String(expected);
            return v;
        }

        QJsonObject m_object;
        QString m_section;
        QString* m_problem;
    };

    void readTest(FieldReader t, CertificateData& d, QString* problem)
    {
        d.testMethod = t.str("method");
        d.testedAt = t.time("testedAt");
        d.measuredCapacityAh = t.num("measuredCapacityAh");
        d.measuredCapacityStderrAh = t.num("measuredCapacityStderrAh");
        d.capacityMethod = t.str("capacityMethod");
        d.sohCapacity = t.num("sohCapacity");
        d.sohCapacityStderr = t.num("sohCapacityStderr");
        d.sohResistance = t.optionalNum("sohResistance");
        d.sohResistanceStderr = t.optionalNum("sohResistanceStderr");
        d.internalResistanceOhm = t.optionalNum("internalResistanceOhm");
        d.internalResistanceStderrOhm = t.optionalNum("internalResistanceStderrOhm");
        d.powerCapabilityW = t.optionalNum("powerCapabilityW");
        d.originalPowerCapabilityW = t.optionalNum("originalPowerCapabilityW");
        d.powerAtSoc = t.num("powerAtSoc");
        d.cellSpreadV = t.num("cellSpreadV");
        d.minCellVoltageV = t.num("minCellVoltageV");
        d.maxCellVoltageV = t.num("maxCellVoltageV");
        d.minTemperatureC = t.num("minTemperatureC");
        d.maxTemperatureC = t.num("maxTemperatureC");
        for (const QJsonValue& v : t.array("dtcs"))
            d.dtcs.append(v.toString());
        FieldReader curve = t.section("curve");
        d.curveTitle = curve.str("title");
        const QJsonArray times = curve.array("timeS");
        const QJsonArray volts = curve.array("voltageV");
        if (times.size() != volts.size() && problem->isEmpty())
            *problem = QStringLiteral("test.curve: timeS and voltageV differ in length");
        for (qsizetype i = 0; i < times.size() && i < volts.size(); ++i)
            d.curve.push_back({ times.at(i).toDouble(), volts.at(i).toDouble() });
        d.minCellNumber = static_cast<int>(t.optionalNum("minCellNumber").value_or(0));
        d.maxCellNumber = static_cast<int>(t.optionalNum("maxCellNumber").value_or(0));
        if (t.has("cellVoltageBasis"))
            d.cellVoltageBasis = t.str("cellVoltageBasis");
        if (t.has("unavailable")) {
            const QJsonObject why = t.section("unavailable").object();
            for (auto i = why.begin(); i != why.end(); ++i) {
                if (!i.value().isString() && problem->isEmpty())
                    *problem = QStringLiteral("test.unavailable.%1: expected a string").arg(i.key());
                d.unavailable.insert(i.key(), i.value().toString());
            }
        }
        if (t.has("session")) {
            FieldReader s = t.section("session");
            d.sessionId = s.str("id");
            d.sessionManifestSha256 = s.str("manifestSha256");
            d.sessionFolderStatus = s.str("folderStatus");
            d.sessionStatement = s.str("statement");
        }
    }

    void readGrading(FieldReader g, CertificateData& d, QString* problem)
    {
        d.grade = g.str("grade");
        d.targetApplication = g.str("targetApplication");
        const QJsonArray rules = g.array("rules");
        for (qsizetype i = 0; i < rules.size(); ++i) {
            FieldReader r(
                rules.at(i).toObject(), QStringLiteral("grading.rules[%1]").arg(i), problem);
            d.rules.push_back(
                { r.str("name"), r.str("quantity"), r.str("comparison"), r.num("value"),
                    r.num("threshold"), r.num("margin"), r.str("unit"), r.flag("passed") });
        }
    }

    void readRest(FieldReader root, CertificateData& d)
    {
        FieldReader life = root.section("remainingLife");
        d.remainingLifeYears = life.num("years");
        d.remainingLifeYearsLow = life.num("yearsLow");
        d.remainingLifeYearsHigh = life.num("yearsHigh");
        d.remainingCycles = life.optionalNum("cycles");
        d.endOfLifeSoh = life.num("endOfLifeSoh");
        d.lifeMethod = life.str("method");
        FieldReader policy = root.section("policy");
        d.policyName = policy.str("name");
        d.policyVersion = policy.str("version");
        d.policySha256 = policy.str("sha256");
        d.softwareVersion = root.section("software").str("version");
    }

} // namespace

tl::expected<CertificateData, Error> certificateFromJson(const QJsonObject& object)
{
    QString problem;
    FieldReader root(object, QString(), &problem);
    CertificateData d;
    if (root.str("format") != QLatin1String(kCertificateFormat) && problem.isEmpty())
        problem = QStringLiteral("format: expected '%1'").arg(QLatin1String(kCertificateFormat));
    if (root.num("formatVersion") != kCertificateFormatVersion && problem.isEmpty())
        problem = QStringLiteral("formatVersion: expected %1").arg(kCertificateFormatVersion);
    d.certificateId = root.str("certificateId");
    d.issuedAt = root.time("issuedAt");
    FieldReader issuer = root.section("issuer");
    d.siteName = issuer.str("site");
    d.benchId = issuer.str("bench");
    d.operatorName = issuer.str("operator");
    d.graderName = issuer.str("grader");
    FieldReader b = root.section("battery");
    d.make = b.str("make");
    d.model = b.str("model");
    d.chemistry = b.str("chemistry");
    d.batteryCategory = b.str("batteryCategory");
    d.nominalEnergyWh = b.num("nominalEnergyWh");
    d.nominalCapacityAh = b.num("nominalCapacityAh");
    d.nominalVoltageV = b.num("nominalVoltageV");
    d.serialNumber = b.str("serialNumber");
    d.vin = b.str("vin");
    d.partNumber = b.str("partNumber");
    readTest(root.section("test"), d, &problem);
    readGrading(root.section("grading"), d, &problem);
    readRest(root, d);
    if (!problem.isEmpty())
        return tl::make_unexpected(Error { kExitBadInput, problem });
    return d;
}

tl::expected<CertificateData, Error> certificateFromInput(
    QJsonObject in, const QString& softwareVersion, const QDateTime& now)
{
    auto missing
        = [&](const char* key) { return in.value(QLatin1String(key)).toString().isEmpty(); };
    if (!in.contains(QLatin1String("format")))
        in[QStringLiteral("format")] = QString::fromLatin1(kCertificateFormat);
    if (!in.contains(QLatin1String("formatVersion")))
        in[QStringLiteral("formatVersion")] = kCertificateFormatVersion;
    if (missing("certificateId"))
        in[QStringLiteral("certificateId")] = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (missing("issuedAt"))
        in[QStringLiteral("issuedAt")] = certificateTimestamp(now);
    QJsonObject software = in.value(QLatin1String("software")).toObject();
    if (software.value(QLatin1String("version")).toString().isEmpty())
        software[QStringLiteral("version")] = softwareVersion;
    in[QStringLiteral("software")] = software;
    in.remove(QStringLiteral("batteryPass"));
    return certificateFromJson(in);
}

} // namespace pg::core
