// Grading types -> certificate content (issue 9): what a graded pack's certificate states.
#include "certificate_from_grade.h"

#include "canonical_json.h"
#include "certificate_evidence.h"
#include "grade_review.h"
#include "grading_json.h"
#include "inventory.h"

#include <QJsonDocument>
#include <QUuid>
#include <cmath>

namespace pg::core {

namespace {

    QString unitOfMeasure(const QString& measure)
    {
        const std::pair<const char*, const char*> suffixes[] = { { "_ohm_per_v", "Ohm/V" },
            { "_v_per_day", "V/day" }, { "_v", "V" }, { "_c", "degC" }, { "_ohm", "Ohm" } };
        for (const auto& [suffix, unit] : suffixes) {
            if (measure.endsWith(QLatin1String(suffix)))
                return QLatin1String(unit);
        }
        return {};
    }

    bool isListRule(const RuleResult& r)
    {
        return r.measure == QLatin1String("dtc_classes")
            || r.measure == QLatin1String("inspection_findings");
    }

    QString measureInWords(const QString& measure)
    {
        const std::pair<const char*, const char*> words[]
            = { { "soh_capacity", "Capacity SoH" }, { "soh_resistance", "Resistance SoH" },
                  { "cell_voltage_spread_v", "Cell voltage spread at rest" },
                  { "capacity_spread", "Capacity spread between cells" },
                  { "self_discharge_v_per_day", "Self-discharge" },
                  { "temperature_spread_c", "Temperature spread" },
                  { "isolation_ohm_per_v", "Isolation resistance" },
                  { "dtc_classes", "Forbidden trouble-code classes found" },
                  { "inspection_findings", "Forbidden inspection findings" } };
        for (const auto& [key, text] : words) {
            if (measure == QLatin1String(key))
                return QLatin1String(text);
        }
        return measure;
    }

    CertificateRule toCertificateRule(const RuleResult& r, bool withApplication)
    {
        CertificateRule c;
        c.name = r.rule;
        c.passed = r.outcome == RuleResult::Outcome::Pass;
        c.margin = r.margin;
        c.threshold = r.threshold;
        const QString prefix = withApplication
            ? applicationInWords(r.application) + QStringLiteral(": ")
            : QString();
        if (isListRule(r)) {
            c.quantity = prefix + measureInWords(r.measure)
                + (r.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.detail));
            c.comparison = QStringLiteral("<=");
            c.value = r.value;
            c.threshold = 0.0;
            return c;
        }
        const bool minimum = r.rule.endsWith(QLatin1String("_min"));
        c.quantity = prefix + measureInWords(r.measure)
            + (minimum ? QStringLiteral(", lower 95 % bound")
                       : QStringLiteral(", upper 95 % bound"));
        c.comparison = minimum ? QStringLiteral(">=") : QStringLiteral("<=");
        c.value = r.conservative;
        c.unit = unitOfMeasure(r.measure);
        return c;
    }

    // The applications in the order the grader checked them (most demanding first).
    QStringList applicationsChecked(const GradeResult& g)
    {
        QStringList apps;
        for (const RuleResult& r : g.rules) {
            if (r.application != QLatin1String("safety")
                && r.application != QLatin1String("cross_check") && !apps.contains(r.application))
                apps << r.application;
        }
        return apps;
    }

    bool shown(const RuleResult& r, const GradeResult& g, const QString& leastDemanding)
    {
        if (!g.targetApplication.isEmpty())
            return r.application == g.targetApplication;
        if (r.application == QLatin1String("safety"))
            return r.outcome == RuleResult::Outcome::Fail;
        return r.application == leastDemanding;
    }

    double endOfLifeSoh(const GradeResult& g)
    {
        for (const RuleResult& r : g.rules) {
            if (r.application == g.targetApplication && r.rule == QLatin1String("soh_capacity_min"))
                return r.threshold;
        }
        return 0.0;
    }

    QString testMethodOf(const Assessment& a)
    {
        QStringList parts;
        const std::pair<const char*, const models::Estimate*> estimates[]
            = { { "capacity", &a.sohCapacity }, { "resistance", &a.sohResistance },
                  { "cell spread", &a.cellVoltageSpreadV } };
        for (const auto& [name, e] : estimates) {
            if (e->valid() && !e->method.empty())
                parts << QStringLiteral("%1 by %2")
                             .arg(QLatin1String(name), QString::fromStdString(e->method));
        }
        return parts.isEmpty() ? QStringLiteral("bench assessment")
                               : parts.join(QStringLiteral(", "));
    }

    double finiteOr(double v, double fallback)
    {
        return std::isfinite(v) ? v : fallback;
    }

} // namespace

std::vector<CertificateRule> certificateRules(const GradeResult& g)
{
    const QStringList apps = applicationsChecked(g);
    const QString leastDemanding = apps.isEmpty() ? QString() : apps.back();
    std::vector<CertificateRule> out;
    for (const RuleResult& r : g.rules) {
        const bool finite = std::isfinite(r.value) && std::isfinite(r.conservative)
            && std::isfinite(r.threshold) && std::isfinite(r.margin);
        if (shown(r, g, leastDemanding) && finite)
            out.push_back(toCertificateRule(r, g.targetApplication.isEmpty()));
    }
    return out;
}

CertificateData certificateFromGrade(const PackRecord& pack, const Assessment& a,
    const GradeResult& g, const QString& testedAt, const IssueContext& ctx)
{
    CertificateData d;
    d.certificateId = ctx.certificateId.isEmpty() ? newUuid() : ctx.certificateId;
    d.issuedAt = ctx.issuedAt.toUTC();
    d.issuedAt.setTime(
        QTime(d.issuedAt.time().hour(), d.issuedAt.time().minute(), d.issuedAt.time().second()));
    d.siteName = ctx.siteName;
    d.benchId = ctx.benchId;
    d.operatorName = ctx.operatorName;
    d.graderName = ctx.graderName;
    d.make = pack.manufacturer;
    d.chemistry = a.chemistry.isEmpty() ? pack.chemistry : a.chemistry;
    d.nominalCapacityAh = a.nominalCapacityAh > 0 ? a.nominalCapacityAh : pack.nominalCapacityAh;
    d.nominalVoltageV = a.nominalVoltageV > 0 ? a.nominalVoltageV : pack.nominalVoltageV;
    d.nominalEnergyWh = d.nominalCapacityAh * d.nominalVoltageV;
    d.serialNumber = a.packSerial.isEmpty() ? pack.serial : a.packSerial;
    d.vin = a.vin.isEmpty() ? pack.vin : a.vin;
    d.partNumber = a.partNumber.isEmpty() ? pack.partNumber : a.partNumber;
    d.testMethod = testMethodOf(a);
    d.testedAt = QDateTime::fromString(testedAt, Qt::ISODateWithMs).toUTC();
    d.testedAt.setTime(
        QTime(d.testedAt.time().hour(), d.testedAt.time().minute(), d.testedAt.time().second()));
    d.sohCapacity = finiteOr(a.sohCapacity.value, 0.0);
    d.sohCapacityStderr = finiteOr(a.sohCapacity.stderrValue, 0.0);
    d.measuredCapacityAh = d.sohCapacity * d.nominalCapacityAh;
    d.measuredCapacityStderrAh = d.sohCapacityStderr * d.nominalCapacityAh;
    d.capacityMethod = QString::fromStdString(a.sohCapacity.method);
    if (a.sohResistance.valid()) {
        d.sohResistance = a.sohResistance.value;
        if (std::isfinite(a.sohResistance.stderrValue) && a.sohResistance.stderrValue > 0.0)
            d.sohResistanceStderr = a.sohResistance.stderrValue;
    }
    d.cellSpreadV = finiteOr(a.cellVoltageSpreadV.value, 0.0);
    d.dtcs = a.dtcClasses;
    for (const InspectionFinding& f : a.findings)
        d.dtcs << QStringLiteral("finding: %1 %2").arg(f.kind, f.severity).trimmed();
    d.grade = g.grade;
    d.targetApplication = g.targetApplication;
    d.rules = certificateRules(g);
    d.endOfLifeSoh = endOfLifeSoh(g);
    d.policyName = g.policyName;
    d.policyVersion = g.policyVersion;
    d.policySha256 = g.policySha256;
    d.softwareVersion = ctx.softwareVersion;
    return d;
}

namespace {

    // The pack's capacity SoH at each of its grades up to `gradedAt`, for the fade models.
    tl::expected<std::vector<std::pair<QDateTime, double>>, Error> capacityHistory(
        Inventory& inventory, const QString& packId, const QString& gradedAt)
    {
        auto q = runSql(inventory,
            QStringLiteral("SELECT graded_at, soh_capacity FROM grades WHERE pack_id = ? AND "
                           "graded_at <= ? AND soh_capacity IS NOT NULL ORDER BY graded_at"),
            { packId, gradedAt }, QStringLiteral("capacity history of pack ") + packId);
        if (!q)
            return tl::unexpected(q.error());
        std::vector<std::pair<QDateTime, double>> out;
        while (q->next())
            out.push_back({ QDateTime::fromString(q->value(0).toString(), Qt::ISODateWithMs),
                q->value(1).toDouble() });
        return out;
    }

    void putLife(CertificateData& d, const LifeProjection& life)
    {
        if (!life.unavailable.isEmpty()) {
            d.unavailable.insert(QStringLiteral("remainingLife"), life.unavailable);
            return;
        }
        d.remainingLifeYears = life.years;
        d.remainingLifeYearsLow = life.yearsLow;
        d.remainingLifeYearsHigh = life.yearsHigh;
        d.lifeMethod = life.method;
    }

} // namespace

namespace {

    tl::expected<void, Error> addEvidence(
        CertificateData& d, const GradedPack& graded, Inventory* inventory)
    {
        applyCertificateEvidence(
            d, graded.evidence, graded.sessionFolder, graded.sessionId, d.nominalCapacityAh);
        if (d.grade == QLatin1String("recycle")) {
            d.unavailable.insert(QStringLiteral("remainingLife"),
                QStringLiteral(
                    "graded recycle, so there is no second-life application to project to"));
        } else if (inventory) {
            auto history = capacityHistory(*inventory, graded.pack.id, graded.gradedAt);
            if (!history)
                return tl::unexpected(history.error());
            putLife(d, projectRemainingLife(*history, d.endOfLifeSoh));
        } else {
            d.unavailable.insert(QStringLiteral("remainingLife"),
                QStringLiteral("the pack's capacity history was not consulted"));
        }
        return {};
    }

} // namespace

tl::expected<CertificateData, Error> certificateFromGradedPack(
    const GradedPack& graded, const IssueContext& context, Inventory* inventory)
{
    auto a = assessmentFromJson(graded.assessmentBody, QStringLiteral("grade ") + graded.gradeId);
    if (!a)
        return tl::unexpected(a.error());
    CertificateData d = certificateFromGrade(graded.pack, *a,
        gradeResultFromStored(graded.gradeBody),
        graded.sessionStartedAt.isEmpty() ? graded.gradedAt : graded.sessionStartedAt, context);
    if (inventory) {
        auto reviewed = reviewedGrade(*inventory, graded.gradeId);
        if (!reviewed)
            return tl::unexpected(reviewed.error());
        if (!reviewed->isEmpty())
            d.grade = *reviewed;
    }
    if (auto ok = addEvidence(d, graded, inventory); !ok)
        return tl::unexpected(ok.error());
    return d;
}

} // namespace pg::core

namespace pg::core {

tl::expected<SignedCertificate, Error> signedCertificateFromEnvelope(const QByteArray& envelope)
{
    const VerifyResult check = verifyCertificateEnvelope(envelope, {});
    if (!check.valid || !check.data)
        return tl::unexpected(Error { kExitBadInput,
            QStringLiteral("stored certificate %1 does not verify: %2")
                .arg(check.certificateId, check.reason) });
    const QJsonObject doc = QJsonDocument::fromJson(envelope).object();
    const QJsonObject signature = doc.value(QStringLiteral("signature")).toObject();
    SignedCertificate cert;
    cert.content = doc.value(QStringLiteral("certificate")).toObject();
    cert.signedBytes = canonicalJson(cert.content).value_or(QByteArray());
    cert.signature
        = QByteArray::fromBase64(signature.value(QStringLiteral("value")).toString().toLatin1());
    cert.publicKey = QByteArray::fromBase64(
        signature.value(QStringLiteral("publicKey")).toString().toLatin1());
    cert.data = *check.data;
    return cert;
}

} // namespace pg::core
