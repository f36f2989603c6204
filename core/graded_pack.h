#pragma once

#include "error.h"
#include "grading.h"
#include "inventory.h"
#include "signed_certificate.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// The certificate stored for one grade (at most one per grade: it is re-exported, not re-signed).
struct IssuedCertificate {
    QString id;
    QString issuedAt;
    QString contentSha256;
    QString keyFingerprint;
    QByteArray envelope; // the signed envelope, canonical JSON + "\n"
};

// One graded pack as the inventory holds it: the pack, one of its grades (with the stored grade
// and assessment bodies) and the certificate of that grade, if one was issued.
struct GradedPack {
    PackRecord pack;
    QString gradeId;
    QString gradedAt;
    QJsonObject gradeBody; // grading_json.h: gradeToJson() plus "id"
    QJsonObject assessmentBody; // grading_json.h: assessmentToJson()
    QJsonObject evidence; // certificate_evidence.h, taken at grading (empty: graded before)
    QString sessionId; // the recorded session the grade came from (empty: none)
    QString sessionFolder;
    QString sessionStartedAt; // when that session started (ISO-8601; empty: no session)
    std::optional<IssuedCertificate> certificate;
};

// A grade by its id, or the latest grade of a pack given by id or serial; nullopt when absent.
tl::expected<std::optional<GradedPack>, Error> findGradedPack(
    Inventory& inventory, const QString& gradeOrPack);

// The latest grade of every pack graded at or after `sinceUtc` (ISO-8601 UTC; empty: all),
// ordered by serial: one record per graded pack.
tl::expected<std::vector<GradedPack>, Error> latestGradedPacks(
    Inventory& inventory, const QString& sinceUtc = QString());

// The certificates row of `gradeId`'s certificate (id, issue time, content hash, signature, signed
// envelope, key fingerprint), in the caller's transaction.
tl::expected<void, Error> insertCertificateRow(
    Inventory& inventory, const QString& gradeId, const SignedCertificate& certificate);

// Stores the signed envelope of `gradeId`'s certificate and an audit row, in one transaction.
// A grade that already has a certificate is refused (re-export the stored one instead).
tl::expected<void, Error> storeCertificate(Inventory& inventory, const QString& gradeId,
    const SignedCertificate& certificate, const QString& actor);

// Prepares and runs one statement on the inventory's connection with positional values; the error
// names `what` and the database. (Inventory's own statement cache is private to it.)
tl::expected<QSqlQuery, Error> runSql(
    Inventory& inventory, const QString& sql, const QVariantList& values, const QString& what);

// Rebuilds the grade (grade, target, rules, policy) from its stored body.
GradeResult gradeResultFromStored(const QJsonObject& body);

} // namespace pg::core
