#pragma once

#include "assessment.h"
#include "certificate_data.h"
#include "error.h"
#include "graded_pack.h"
#include "grading.h"
#include "inventory.h"
#include "signed_certificate.h"

#include <QDateTime>
#include <QString>
#include <tl/expected.hpp>

namespace pg::core {

// Who issues the certificate, where, and with which software: what the grade does not know.
struct IssueContext {
    QString siteName;
    QString benchId;
    QString operatorName;
    QString graderName;
    QString softwareVersion;
    QDateTime issuedAt; // UTC; the certificate states it to the second
    QString certificateId; // empty: a new UUID
};

// Maps a graded pack onto the certificate's content: identity from the pack record and the
// assessment, results from the assessment's estimates (capacity = SoH x nominal, with its
// standard error), the grade, its target application and the policy rules that decided it
// (the target application's rules; for recycle the safety rules and the least demanding
// application's), and the policy's name, version and hash. What the assessment does not hold
// (cell voltages, temperatures, a curve, a life projection) stays "not measured".
CertificateData certificateFromGrade(const PackRecord& pack, const Assessment& assessment,
    const GradeResult& grade, const QString& gradedAt, const IssueContext& context);

// The same for a graded pack read from the inventory (its stored assessment and grade bodies),
// with what the session folder adds (cell extremes, temperatures, the key curve: the evidence
// stored with the grade, checked against the folder; certificate_evidence.h) and, given the
// inventory, the grade after review (an override in the audit log, grade_review.h) and a
// remaining-life projection from the pack's capacity history up to this grade. Tested at: the
// start of the recorded session the grade came from, else the grade's time. What cannot be
// stated is in `unavailable` with the reason. Both `packgrade-cli certificate` and the GUI's
// Sign and certificate preview make certificates through this function.
tl::expected<CertificateData, Error> certificateFromGradedPack(
    const GradedPack& graded, const IssueContext& context, Inventory* inventory = nullptr);

// The rules of `grade` that a certificate shows, as certificate rules (list rules such as
// forbidden DTC classes become "matches found <= 0"); rules that were not measured are left out.
std::vector<CertificateRule> certificateRules(const GradeResult& grade);

} // namespace pg::core

namespace pg::core {

// A stored certificate (its signed envelope) as a SignedCertificate again, to re-render its PDF
// without signing anew. The envelope must verify (integrity; no trust list), else the error says
// why.
tl::expected<SignedCertificate, Error> signedCertificateFromEnvelope(const QByteArray& envelope);

} // namespace pg::core
