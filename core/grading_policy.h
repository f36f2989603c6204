#pragma once

#include "error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

struct Assessment;

// One measured quantity a policy can put a threshold on.
struct PolicyMetric {
    const char* key; // threshold key in the policy file, e.g. "soh_capacity_min"
    const char* measure; // name of the measured value in reasons and JSON, e.g. "soh_capacity"
    bool isMinimum; // true: measured >= threshold passes; false: measured <= threshold passes
};

// The metrics a policy may set, in the order the grader reports them.
const std::vector<PolicyMetric>& policyMetrics();
// Target applications from the most to the least demanding; recycle is what is left.
const QStringList& policyApplications();
// Chemistries every policy must cover.
const QStringList& policyChemistries();

struct Threshold {
    double value = 0.0;
    QString source; // key into GradingPolicy::references
};

struct ApplicationRules {
    QString application; // ev_reuse, light_ev_reuse, stationary_storage
    QString grade; // the grade a pack meeting these rules gets: reuse or repurpose
    QMap<QString, Threshold> thresholds; // by PolicyMetric::key; absent = not checked
    QStringList forbiddenDtcClasses;
    QStringList forbiddenFindings; // "kind" or "kind:severity"
};

// A grading policy file (resources/policies/*.json, schema policy.schema.json beside it).
struct GradingPolicy {
    QString name;
    QString version;
    QString sha256; // of the file bytes, lower-case hex
    QString description;
    QMap<QString, QString> references; // source key -> citation (or "house default: ...")
    Threshold intervalZ; // standard errors either side that make the interval
    Threshold bmsSohTolerance; // |BMS SoH - measured| allowed before it is a reason
    QMap<QString, QString> retestTests; // measure -> the test that settles it
    QStringList recycleFindings; // safety findings: recycle whatever else holds
    QStringList recycleDtcClasses;
    QString safetySource;
    QMap<QString, std::vector<ApplicationRules>> chemistries; // in policyApplications() order

    const std::vector<ApplicationRules>* rulesFor(const QString& chemistry) const;
};

// Parses and validates policy bytes. `origin` names the file in messages. Refuses unknown keys,
// missing chemistries or applications, thresholds out of range or out of order (an application
// may not be stricter than a more demanding one), with the key and the reason.
tl::expected<GradingPolicy, Error> parsePolicy(const QByteArray& bytes, const QString& origin);
tl::expected<GradingPolicy, Error> loadPolicy(const QString& path);
// The built-in policy (:/policies/default.json).
tl::expected<GradingPolicy, Error> loadDefaultPolicy();

// Holds the policy in force. A load that fails leaves the previous policy in force.
class PolicyHolder {
public:
    explicit PolicyHolder(GradingPolicy initial);
    const GradingPolicy& current() const { return m_policy; }
    tl::expected<void, Error> reload(const QString& path);

private:
    GradingPolicy m_policy;
};

} // namespace pg::core
