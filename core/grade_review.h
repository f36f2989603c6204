#pragma once
// The grader's review of a stored grade: approve it, override it (with a mandatory reason), and
// record the certificate that was signed for it. Everything lands in the inventory's audit log
// with the user and the time, so that a grade on a certificate can always be traced to a person.
#include "assessment.h"
#include "error.h"
#include "grading.h"
#include "inventory.h"
#include "signed_certificate.h"

#include <QString>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

struct AuditEntry {
    QString at; // ISO-8601 UTC
    QString actor;
    QString action; // grade.store, grade.approve, grade.override, certificate.sign, ...
    QString detail;
};

// True for the grades a grader may set by hand: reuse, repurpose, recycle.
bool isFinalGrade(const QString& grade);

// Records that `user` approved the stored grade as it is.
tl::expected<void, Error> approveGrade(
    Inventory& inventory, const StoredGrade& stored, const QString& grade, const QString& user);

// Records that `user` replaced grade `from` by `to` because of `reason` (required, not blank) and
// makes `to` the pack's grade in the inventory's search columns. The stored grade row (what the
// policy said) is kept unchanged. `to` must be reuse, repurpose or recycle.
tl::expected<void, Error> overrideGrade(Inventory& inventory, const StoredGrade& stored,
    const QString& from, const QString& to, const QString& reason, const QString& user);

// Stores the certificate (id, hash, signature, the signed envelope and the key's fingerprint) for
// the grade and an audit entry: a later `packgrade-cli certificate` re-exports it.
tl::expected<void, Error> recordCertificate(Inventory& inventory, const StoredGrade& stored,
    const SignedCertificate& certificate, const QString& user);

// The audit entries about one entity id (a grade id), oldest first.
tl::expected<std::vector<AuditEntry>, Error> auditTrail(
    Inventory& inventory, const QString& entityId);

// The grade after review of stored grade `gradeId`: what the latest override set it to, or empty
// when it was not overridden (the stored grade stands). The certificate states it
// (certificate_from_grade.h).
tl::expected<QString, Error> reviewedGrade(Inventory& inventory, const QString& gradeId);

} // namespace pg::core
