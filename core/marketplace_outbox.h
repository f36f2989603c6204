#pragma once

#include "error.h"
#include "graded_pack.h"
#include "inventory.h"

#include <QByteArray>
#include <QString>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// The export outbox (inventory table export_outbox): every record for the marketplace is written
// here before it is sent, keyed by its certificate id (unique), with a payload frozen at that
// moment, so that a retry - in this run or after a crash - sends the same bytes under the same
// Idempotency-Key. States: pending -> sent, or pending -> failed (refused by the server for good).
struct OutboxItem {
    QString id;
    QString certificateId;
    QString gradeId;
    QByteArray payload;
    int attempts = 0;
};

struct OutboxCounts {
    int pending = 0;
    int sent = 0;
    int failed = 0;
};

// The uploaded record: exportRecord() plus "signed_certificate" (the signed envelope as an
// object), so that the marketplace can verify it. Compact JSON.
QByteArray uploadPayload(const GradedPack& graded);

// Puts every issued certificate that is not yet in the outbox there (ON CONFLICT DO NOTHING, so
// two benches enqueueing at once add it once). Returns how many were added.
tl::expected<int, Error> enqueueCertificates(Inventory& inventory);

// The pending items, oldest first.
tl::expected<std::vector<OutboxItem>, Error> pendingOutbox(Inventory& inventory);

// Records one attempt: the new state ("pending", "sent" or "failed"), the HTTP status (0: none)
// and the error text (empty on success).
tl::expected<void, Error> recordOutboxAttempt(Inventory& inventory, const QString& id,
    const QString& state, int httpStatus, const QString& error);

tl::expected<OutboxCounts, Error> outboxCounts(Inventory& inventory);

// Puts records the marketplace refused back to pending (after the cause was fixed); returns how
// many. Their payload and Idempotency-Key stay the same.
tl::expected<int, Error> retryFailedOutbox(Inventory& inventory);

} // namespace pg::core
