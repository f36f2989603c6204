// What a simulated session records about itself so that it can be re-graded and resumed from
// its folder alone: the spec (copied into the folder with its SHA-256), the plan, the pack's
// nominal values, and the policy in force when it was recorded.
#include "session_meta.h"

#include "chemistry.h"
#include "core/grading_policy.h"
#include "core/session_files.h"
#include "models/time_series.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>

namespace pg::sim {

QJsonObject simulatedSessionMeta(
    const PackSpec& spec, const QString& specPath, int levels, double speed)
{
    QJsonObject m;
    const QString sha = core::sha256OfFile(specPath).value_or(QString());
    m[QStringLiteral("pack_spec_sha256")] = sha;
    // The simulated pack has no BMS serial: its identity is its spec (same spec, same pack).
    m[QStringLiteral("pack_serial")] = QStringLiteral("SIM-") + sha.left(12);
    m[QStringLiteral("plan")]
        = QJsonObject { { QStringLiteral("levels"), levels }, { QStringLiteral("speed"), speed } };
    const double packAh = spec.nominalCapacityAh * spec.parallel;
    if (auto chem = chemistry(spec.chemistry)) {
        m[QStringLiteral("nominal_voltage_v")] = chem->nominalV * spec.series;
        // A new pack's R0 from the chemistry's reference cell (R0 x Ah constant), at 25 degC.
        m[QStringLiteral("nominal_r0_ohm")] = chem->r0OhmAh * spec.series / packAh;
    }
    if (auto policy = core::loadDefaultPolicy())
        m[QStringLiteral("policy")] = QJsonObject { { QStringLiteral("name"), policy->name },
            { QStringLiteral("version"), policy->version },
            { QStringLiteral("sha256"), policy->sha256 } };
    return m;
}

bool copySpecIntoSession(const QString& specPath, const QString& dir)
{
    const QString target = QDir(dir).filePath(QStringLiteral("pack_spec.json"));
    if (QFileInfo(specPath).absolutePath() == QFileInfo(dir).absoluteFilePath())
        return true; // a resumed session runs from its own folder: pack_spec.json stays the original
    QFile::remove(target);
    return QFile::copy(specPath, target);
}

namespace {

    bool writeJson(const QString& path, const QJsonObject& o)
    {
        QSaveFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(o).toJson()) >= 0
            && f.commit();
    }

} // namespace

tl::expected<QString, core::Error> writeResumeSpec(const QString& dir, const core::ResumePlan& plan)
{
    const QString specPath = QDir(dir).filePath(QStringLiteral("pack_spec.json"));
    QJsonObject spec = core::readJsonFileObject(specPath);
    auto series = models::readTimeSeriesFile(
        QDir(plan.attemptDir).filePath(QStringLiteral("timeseries.csv")).toStdString());
    const double takenAh
        = series && series->size() > 1 ? models::cumulativeChargeAh(*series).back() : 0.0;
    const double packAh = spec.value(QStringLiteral("soh_capacity")).toDouble(1.0)
        * spec.value(QStringLiteral("nominal_capacity_ah")).toDouble(5.0)
        * spec.value(QStringLiteral("parallel")).toDouble(1.0);
    const QJsonObject attempt
        = core::readJsonFileObject(QDir(plan.attemptDir).filePath(QStringLiteral("session.json")));
    // An attempt that was itself a resume started where the one before it stopped.
    const QJsonObject earlier = attempt.value(QStringLiteral("resumed_from")).toObject();
    const double startSoc = earlier.contains(QStringLiteral("soc_at_interrupt"))
        ? earlier.value(QStringLiteral("soc_at_interrupt")).toDouble()
        : spec.value(QStringLiteral("soc")).toDouble(0.5);
    const double soc = std::clamp(startSoc - takenAh / packAh, 0.0, 1.0);
    spec[QStringLiteral("soc")] = soc;
    const QString resumeSpec = QDir(dir).filePath(QStringLiteral("pack_spec_resume.json"));
    QJsonObject resume
        = core::readJsonFileObject(QDir(dir).filePath(QStringLiteral("resume.json")));
    resume[QStringLiteral("soc_at_interrupt")] = soc;
    resume[QStringLiteral("charge_taken_ah")] = takenAh;
    for (const char* key : { "pack_serial", "pack_spec_sha256" })
        resume[QLatin1String(key)] = attempt.value(QLatin1String(key));
    if (!writeJson(resumeSpec, spec)
        || !writeJson(QDir(dir).filePath(QStringLiteral("resume.json")), resume))
        return tl::unexpected(
            core::Error { core::kExitFailed, resumeSpec + QStringLiteral(": cannot write") });
    return resumeSpec;
}

ResumedPlan resumedPlan(const QString& dir, const core::ResumePlan& plan)
{
    // session.json is in the attempt's folder once prepareResume moved it, in `dir` before.
    QString meta = QDir(plan.attemptDir).filePath(QStringLiteral("session.json"));
    if (plan.attemptDir.isEmpty() || !QFile::exists(meta))
        meta = QDir(dir).filePath(QStringLiteral("session.json"));
    const QString source
        = core::readJsonFileObject(meta).value(QStringLiteral("plan_source")).toString();
    if (source.isEmpty() || source.startsWith(QLatin1String("--procedure ")))
        return { plan.procedure, false };
    // A built-in plan records its name with ".json" (core::loadTestPlan); a plan file its path.
    static const QStringList kBuiltIn { QStringLiteral("quick.json"),
        QStringLiteral("standard.json"), QStringLiteral("full.json") };
    if (kBuiltIn.contains(source) && !QFile::exists(source))
        return { source.chopped(5), true };
    return { source, true };
}

} // namespace pg::sim
