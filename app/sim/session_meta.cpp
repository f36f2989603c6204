// What a simulated session records about itself so that it can be re-graded and resumed from
// its folder alone: the spec (copied into the folder with its SHA-256), the plan, the pack's
// nominal values, and the policy in force when it was recorded.
#include "session_meta.h"

#include "chemistry.h"
#include "core/grading_policy.h"
#include "core/session_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

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

} // namespace pg::sim
