#pragma once

#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// A test plan as data (resources/plans/*.json, schema in plan.schema.json): the steps a
// supervisor composes from the procedures, each with its options.
struct PlanStep {
    QString type; // snapshot, identify, precheck, ocv, charge, capacity, hppc
    QJsonObject options;
};

struct TestPlan {
    QString name;
    QString description;
    QString source; // file it came from
    std::vector<PlanStep> steps;
};

// Checks every key against the schema's rules; the error names the file and the key
// ("quick.json: steps[2].options.rest_s: expected a number in 0..86400").
tl::expected<TestPlan, QString> parseTestPlan(const QByteArray& json, const QString& source);
// `quick`, `standard`, `full` (built in, resources/plans) or the path of a plan file.
tl::expected<TestPlan, QString> loadTestPlan(const QString& nameOrPath);
// The plan `simulate --procedure quick|hppc|capacity` runs: the procedure after the snapshot.
tl::expected<TestPlan, QString> singleProcedurePlan(const QString& procedure);

QStringList planStepTypes();

} // namespace pg::core
