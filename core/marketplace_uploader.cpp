// Marketplace upload over HTTP(S) with Qt Network: outbox, retries with back-off, idempotency.
#include "marketplace_uploader.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <optional>

namespace pg::core {

namespace {

    QNetworkRequest requestFor(
        const UploadOptions& o, const OutboxItem& item, const QSslConfiguration* tls)
    {
        QNetworkRequest request(o.url);
        if (tls)
            request.setSslConfiguration(*tls);
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

    PostOutcome outcomeOf(
        QNetworkReply& reply, bool timedOut, int timeoutMs, const QStringList& tlsErrors)
    {
        PostOutcome out;
        out.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (timedOut) {
            out.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
            return out;
        }
        if (out.httpStatus == 0
            && (reply.error() == QNetworkReply::SslHandshakeFailedError || !tlsErrors.isEmpty())) {
            out.tlsFailure = true;
            out.error = QStringLiteral("TLS handshake failed: %1")
                            .arg(tlsErrors.isEmpty() ? reply.errorString()
                                                     : tlsErrors.join(QStringLiteral("; ")));
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

    PostOutcome post(QNetworkAccessManager& manager, const UploadOptions& o, const OutboxItem& item,
        const QSslConfiguration* tls)
    {
        QNetworkReply* reply = manager.post(requestFor(o, item, tls), item.payload);
        QStringList tlsErrors;
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
            [&tlsErrors](const QList<QSslError>& errors) {
                for (const QSslError& e : errors)
                    tlsErrors << e.errorString();
            });
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
        const PostOutcome out = outcomeOf(*reply, timedOut, o.timeoutMs, tlsErrors);
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
        const QSslConfiguration* tls, const std::function<void(const QString&)>& log)
    {
        for (int attempt = 1;; ++attempt) {
            const PostOutcome out = post(manager, o, item, tls);
            if (auto ok = recordOutboxAttempt(
                    inventory, item.id, stateOf(out.kind), out.httpStatus, out.error);
                !ok)
                return tl::unexpected(ok.error());
            if (log)
                log(QStringLiteral("%1 attempt %2: %3")
                        .arg(item.certificateId)
                        .arg(attempt)
                        .arg(out.error.isEmpty() ? QStringLiteral("sent") : out.error));
            if (out.tlsFailure)
                return tl::unexpected(Error { kExitFailed,
                    QStringLiteral("upload %1: %2. Nothing was sent; the records stay in the "
                                   "outbox. %3")
                        .arg(o.url.toString(), out.error,
                            o.caCertFile.isEmpty()
                                ? QStringLiteral("If the marketplace's certificate is signed by "
                                                 "the site's own CA, give that CA with "
                                                 "--ca-cert FILE.pem.")
                                : QStringLiteral("Check that --ca-cert %1 is the CA that signed "
                                                 "the server's certificate and that the URL's "
                                                 "host name is one the certificate names.")
                                      .arg(o.caCertFile)) });
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
    std::optional<QSslConfiguration> tls;
    if (scheme == QLatin1String("https") || !o.caCertFile.isEmpty()) {
        if (!QSslSocket::supportsSsl())
            return tl::unexpected(Error { kExitFailed,
                QStringLiteral("upload %1: Qt has no TLS backend here (install Qt's OpenSSL "
                               "plugin, libqt6network6's qopensslbackend)")
                    .arg(o.url.toString()) });
        tls = QSslConfiguration::defaultConfiguration();
        if (!o.caCertFile.isEmpty()) {
            QFile pem(o.caCertFile);
            if (!pem.open(QIODevice::ReadOnly))
                return tl::unexpected(Error { kExitBadInput,
                    QStringLiteral("--ca-cert %1: %2").arg(o.caCertFile, pem.errorString()) });
            const QList<QSslCertificate> cas = QSslCertificate::fromData(pem.readAll(), QSsl::Pem);
            if (cas.isEmpty() || cas.front().isNull())
                return tl::unexpected(Error { kExitBadInput,
                    QStringLiteral("--ca-cert %1: expected one or more PEM certificates "
                                   "(-----BEGIN CERTIFICATE-----)")
                        .arg(o.caCertFile) });
            tls->addCaCertificates(cas);
        }
    }
    if (auto added = enqueueCertificates(inventory); !added)
        return tl::unexpected(added.error());
    auto items = pendingOutbox(inventory);
    if (!items)
        return tl::unexpected(items.error());
    QNetworkAccessManager manager;
    UploadCounts counts;
    for (const OutboxItem& item : *items) {
        auto kind = sendOne(inventory, manager, o, item, tls ? &*tls : nullptr, log);
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
