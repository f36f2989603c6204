#pragma once

#include "transport.h"
#include "uds_client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <optional>
#include <utility>

namespace pg::can {

// Drives a UdsClient from a Transport with Qt's event loop: frames in on framesAvailable(),
// frames out through Transport::send(), timers (STmin, N_Bs, N_Cr, P2, P2*) from one QTimer set
// to the client's next deadline. Nothing blocks: request() returns at once and finished() follows.
// Lives on the thread that owns the Transport (a worker thread in the app, never the GUI's).
//
// While attached, the session is the transport's consumer: it takes every received frame and
// hands those not addressed to it to otherFrames() for whoever else listens.
class UdsSession : public QObject {
    Q_OBJECT
public:
    UdsSession(Transport& transport, const IsoTpConfig& isoTp, UdsTiming timing = {},
        QObject* parent = nullptr);

    // Starts a request; refused while one runs or when the frame cannot be sent.
    tl::expected<void, UdsError> request(const uds::Bytes& request);
    // The finished request's result, once, after finished().
    std::optional<UdsResult> takeResult() { return std::exchange(m_result, std::nullopt); }
    bool busy() const { return m_client.busy(); }
    const UdsClient& client() const { return m_client; }

    // Synchronous-style call for the CLI and tests: runs a local event loop until the request
    // finishes (its own timers bound the wait). Not for the GUI thread.
    UdsResult requestAndWait(const uds::Bytes& request);

    // Sends TesterPresent without a reply (3E 80) every `intervalMs` while no request runs, so a
    // non-default session stays open (the ECU's S3 timer is typically 5 s). 0 turns it off.
    // Keep-alives never emit finished().
    void setKeepAlive(int intervalMs);

Q_SIGNALS:
    void finished();
    void otherFrames(const std::vector<pg::can::CanFrame>& frames);

private:
    void onFramesAvailable();
    void onTimer();
    void onKeepAlive();
    void flushAndArm();
    std::int64_t nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    Transport& m_transport;
    UdsClient m_client;
    QElapsedTimer m_clock;
    QTimer m_timer;
    QTimer m_keepAlive;
    bool m_keepAliveRunning = false;
    std::vector<CanFrame> m_batch;
    std::vector<CanFrame> m_tx;
    std::optional<UdsResult> m_result;
};

} // namespace pg::can
