#pragma once

#include "error.h"
#include "inventory.h"
#include "marketplace_outbox.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <functional>
#include <tl/expected.hpp>

namespace pg::core {

struct UploadOptions {
    QUrl url; // http:// or https://; each record is POSTed here
    QString token; // bearer token (empty: no Authorization header)
    int maxAttempts = 5; // per record and run; a record still failing stays pending
    int timeoutMs = 15000; // per request; a slower answer is abandoned and retried
    int backoffMs = 500; // first wait; doubled each retry (with jitter), capped at maxBackoffMs
    int maxBackoffMs = 30000;
    QString userAgent;
    // PEM file with the CA certificate(s) that signed the marketplace's server certificate (a
    // site's own CA), trusted in addition to the system's. Empty: the system's CAs only.
    QString caCertFile;
};

struct UploadCounts {
    int sent = 0; // sent in this run
    int pending = 0; // left in the outbox for the next run
    int failed = 0; // refused for good by the server (4xx other than 408/425/429), all runs
};

// How one POST ended.
struct PostOutcome {
    enum class Kind { Sent, Transient, Refused } kind = Kind::Transient;
    int httpStatus = 0; // 0 when no HTTP answer came
    QString error; // empty when sent
    int retryAfterMs = 0; // from a Retry-After header (seconds)
    bool tlsFailure = false; // the TLS handshake failed (untrusted certificate, wrong host name)
};

// Classifies an answer: 2xx sent; 408, 425, 429 and 5xx, or no answer at all (refused or dropped
// connection, timeout), transient; any other status refused.
PostOutcome::Kind classifyHttpStatus(int httpStatus);

// The wait before retry `attempt` (1-based): backoffMs x 2^(attempt-1), capped, with up to 25 %
// random jitter, and at least what the server asked for with Retry-After.
int backoffDelayMs(const UploadOptions& options, int attempt, int retryAfterMs);

// Sends the outbox: first enqueues every issued certificate not yet in it, then POSTs each pending
// record (header Idempotency-Key: the certificate id), recording every attempt in the outbox
// before the next one, so that a crash at any point loses nothing and a re-run re-sends only what
// was not confirmed, under the same key. Needs a QCoreApplication (Qt Network's event loop).
// `log` receives one line per attempt. A failed TLS handshake ends the run at once with an error
// that says why (retrying cannot fix a certificate the client does not trust); the record keeps
// its place in the outbox, with the reason in last_error.
tl::expected<UploadCounts, Error> uploadPending(Inventory& inventory, const UploadOptions& options,
    const std::function<void(const QString&)>& log = {});

} // namespace pg::core
