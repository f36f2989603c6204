// The export outbox: what is to be sent to the marketplace, and what became of it.
#include "marketplace_outbox.h"

#include "marketplace_export.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace pg::core {

namespace {

    tl::expected<QStringList, Error> gradesToEnqueue(Inventory& inventory)
    {
        auto q = runSql(inventory,
            QStringLiteral("SELECT c.grade_id FROM certificates c LEFT JOIN export_outbox o ON "
                           "o.certificate_id = c.id WHERE o.id IS NULL ORDER BY c.issued_at, c.id"),
            {}, QStringLiteral("outbox: find new certificates"));
        if (!q)
            return tl::unexpected(q.error());
        QStringList grades;
        while (q->next())
            grades << q->value(0).toString();
        return grades;
    }

    tl::expected<int, Error> enqueueOne(Inventory& inventory, const QString& gradeId)
    {
        auto graded = findGradedPack(inventory, gradeId);
        if (!graded)
            return tl::unexpected(graded.error());
        if (!*graded || !(*graded)->certificate)
            return 0;
        const GradedPack& g = **graded;
        auto q = runSql(inventory,
            QStringLiteral("INSERT INTO export_outbox (id, grade_id, certificate_id, created_at, "
                           "state, attempts, payload) VALUES (?, ?, ?, ?, 'pending', 0, ?) "
                           "ON CONFLICT (certificate_id) DO NOTHING"),
            { newUuid(), g.gradeId, g.certificate->id, utcNow(),
                QString::fromUtf8(uploadPayload(g)) },
            QStringLiteral("outbox: enqueue certificate ") + g.certificate->id);
        if (!q)
            return tl::unexpected(q.error());
        return q->numRowsAffected() > 0 ? 1 : 0;
    }

} // namespace

QByteArray uploadPayload(const GradedPack& graded)
{
    QJsonObject record = exportRecord(graded);
    if (graded.certificate)
        record[QStringLiteral("signed_certificate")]
            = QJsonDocument::fromJson(graded.certificate->envelope).object();
    return QJsonDocument(record).toJson(QJsonDocument::Compact);
}

tl::expected<int, Error> enqueueCertificates(Inventory& inventory)
{
    auto grades = gradesToEnqueue(inventory);
    if (!grades)
        return tl::unexpected(grades.error());
    int added = 0;
    for (const QString& gradeId : *grades) {
        auto one = enqueueOne(inventory, gradeId);
        if (!one)
            return tl::unexpected(one.error());
        added += *one;
    }
    return added;
}

tl::expected<std::vector<OutboxItem>, Error> pendingOutbox(Inventory& inventory)
{
    auto q = runSql(inventory,
        QStringLiteral("SELECT id, certificate_id, grade_id, payload, attempts FROM export_outbox "
                       "WHERE state = 'pending' ORDER BY created_at, id"),
        {}, QStringLiteral("outbox: read pending"));
    if (!q)
        return tl::unexpected(q.error());
    std::vector<OutboxItem> items;
    while (q->next())
        items.push_back({ q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
            q->value(3).toString().toUtf8(), q->value(4).toInt() });
    return items;
}

tl::expected<void, Error> recordOutboxAttempt(Inventory& inventory, const QString& id,
    const QString& state, int httpStatus, const QString& error)
{
    const QVariant status = httpStatus > 0 ? QVariant(httpStatus) : QVariant();
    const QVariant sentAt = state == QLatin1String("sent") ? QVariant(utcNow()) : QVariant();
    auto q = runSql(inventory,
        QStringLiteral("UPDATE export_outbox SET attempts = attempts + 1, state = ?, "
                       "http_status = ?, last_error = ?, sent_at = ? WHERE id = ?"),
        { state, status, error.isEmpty() ? QVariant() : QVariant(error), sentAt, id },
        QStringLiteral("outbox: record attempt"));
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

tl::expected<OutboxCounts, Error> outboxCounts(Inventory& inventory)
{
    auto q = runSql(inventory,
        QStringLiteral("SELECT state, COUNT(*) FROM export_outbox GROUP BY state"), {},
        QStringLiteral("outbox: count"));
    if (!q)
        return tl::unexpected(q.error());
    OutboxCounts c;
    while (q->next()) {
        const QString state = q->value(0).toString();
        const int n = q->value(1).toInt();
        if (state == QLatin1String("pending"))
            c.pending = n;
        else if (state == QLatin1String("sent"))
            c.sent = n;
        else if (state == QLatin1String("failed"))
            c.failed = n;
    }
    return c;
}

tl::expected<int, Error> retryFailedOutbox(Inventory& inventory)
{
    auto q = runSql(inventory,
        QStringLiteral("UPDATE export_outbox SET state = 'pending' WHERE state = 'failed'"), {},
        QStringLiteral("outbox: retry failed"));
    if (!q)
        return tl::unexpected(q.error());
    return q->numRowsAffected();
}

} // namespace pg::core
