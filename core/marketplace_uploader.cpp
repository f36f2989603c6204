// Marketplace upload over HTTP(S) with Qt Network: outbox, retries with back-off, idempotency.
#include "marketplace_uploader.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

    QNetworkRequest requestFor(const UploadOptions& o, const OutboxItem& item)
    {
        QNetworkRequest request(o.url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Idempotency-Key", item.certificateId.toUtf8());
        if (!o.token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + o.token.toUtf8());
        if (!o.userAgent.isEmpty())
            request.setHeader(QNetworkRequest::UserAgentHeader, o.userAgent);
        request.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        return request;
    }

    PostOutcome outcomeOf(QNetworkReply& reply, bool timedOut, int timeoutMs)
    {
        PostOutcome out;
        out.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (timedOut) {
            out.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
            return out;
        }
        if (out.httpStatus == 0) {
            out.error = reply.errorString();
            return out;
        }
        out.kind = classifyHttpStatus(out.httpStatus);
        if (out.kind != PostOutcome::Kind::Sent)
            out.error = QStringLiteral("HTTP %1: %2")
                            .arg(out.httpStatus)
                            .arg(QString::fromUtf8(reply.readAll().left(200)).simplified());
        bool ok = false;
        const int seconds = reply.rawHeader("Retry-After").trimmed().toInt(&ok);
        if (ok && seconds > 0)
            out.retryAfterMs = seconds * 1000;
        return out;
    }

    PostOutcome post(QNetworkAccessManager& manager, const UploadOptions& o, const OutboxItem& item)
    {
        QNetworkReply* reply = manager.post(requestFor(o, item), item.payload);
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        bool timedOut = false;
        QObject::connect(&timer, &QTimer::timeout, &loop, [&]() {
            timedOut = true;
            reply->abort();
        });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        timer.start(o.timeoutMs);
        if (!reply->isFinished())
            loop.exec();
        timer.stop();
        const PostOutcome out = outcomeOf(*reply, timedOut, o.timeoutMs);
        reply->deleteLater();
        return out;
    }

    QString stateOf(PostOutcome::Kind kind)
    {
        switch (kind) {
        case PostOutcome::Kind::Sent:
            return QStringLiteral("sent");
        case PostOutcome::Kind::Refused:
            return QStringLiteral("failed");
        case PostOutcome::Kind::Transient:
            break;
        }
        return QStringLiteral("pending");
    }

    // Sends one record with retries; returns its final state in this run.
    tl::expected<PostOutcome::Kind, Error> sendOne(Inventory& inventory,
        QNetworkAccessManager& manager, const UploadOptions& o, const OutboxItem& item,
        const std::function<void(const QString&)>& log)
    {
        for (int attempt = 1;; ++attempt) {
            const PostOutcome out = post(manager, o, item);
            if (auto ok = recordOutboxAttempt(
                    inventory, item.id, stateOf(out.kind), out.httpStatus, out.error);
                !ok)
                return tl::unexpected(ok.error());
            if (log)
                log(QStringLiteral("%1 attempt %2: %3")
                        .arg(item.certificateId)
                        .arg(attempt)
                        .arg(out.error.isEmpty() ? QStringLiteral("sent") : out.error));
            if (out.kind != PostOutcome::Kind::Transient || attempt >= o.maxAttempts)
                return out.kind;
            QThread::msleep(
                static_cast<unsigned long>(backoffDelayMs(o, attempt, out.retryAfterMs)));
        }
    }

} // namespace

PostOutcome::Kind classifyHttpStatus(int status)
{
    if (status >= 200 && status < 300)
        return PostOutcome::Kind::Sent;
    if (status == 408 || status == 425 || status == 429 || status >= 500 || status <= 0)
        return PostOutcome::Kind::Transient;
    return PostOutcome::Kind::Refused;
}

int backoffDelayMs(const UploadOptions& o, int attempt, int retryAfterMs)
{
    const double base = o.backoffMs * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, static_cast<double>(o.maxBackoffMs));
    const double jitter = capped * 0.25 * QRandomGenerator::global()->generateDouble();
    const int delay = static_cast<int>(capped + jitter);
    return std::min(std::max(delay, retryAfterMs), std::max(o.maxBackoffMs, 0));
}

tl::expected<UploadCounts, Error> uploadPending(
    Inventory& inventory, const UploadOptions& o, const std::function<void(const QString&)>& log)
{
    const QString scheme = o.url.scheme();
    if (!o.url.isValid() || o.url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tl::unexpected(Error { kExitUsage,
            QStringLiteral("--url '%1': expected an http:// or https:// URL")
                .arg(o.url.toString()) });
    if (auto added = enqueueCertificates(inventory); !added)
        return tl::unexpected(added.error());
    auto items = pendingOutbox(inventory);
    if (!items)
        return tl::unexpected(items.error());
    QNetworkAccessManager manager;
    UploadCounts counts;
    for (const OutboxItem& item : *items) {
        auto kind = sendOne(inventory, manager, o, item, log);
        if (!kind)
            return tl::unexpected(kind.error());
        counts.sent += *kind == PostOutcome::Kind::Sent ? 1 : 0;
    }
    auto totals = outboxCounts(inventory);
    if (!totals)
        return tl::unexpected(totals.error());
    counts.pending = totals->pending;
    counts.failed = totals->failed;
    return counts;
}

} // namespace pg::core
