#pragma once

#include "bus_event.h"
#include "can_frame.h"
#include "frame_queue.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>
#include <tl/expected.hpp>
#include <vector>

namespace pg::can {

class FrameLog;
class TransportWorker;

struct TransportOptions {
    int bitrate = 500000; // always set explicitly on the device and shown to the user
    int dataBitrate = 0; // CAN FD data phase; 0 = classic CAN only
    // A first connection to an unknown pack listens only: the bench never transmits onto a bus
    // it does not understand. Turn off only once the pack profile is known.
    bool listenOnly = true;
    std::size_t queueCapacity = 1U << 16;
    QString frameLogPath; // when set, every received and sent frame is recorded here
};

// State shared between a Transport (consumer side) and its worker thread (producer side).
struct TransportShared {
    explicit TransportShared(std::size_t capacity)
        : queue(capacity)
    {
    }
    FrameQueue queue;
    std::atomic<bool> notifyPending { false };
    std::atomic<std::uint64_t> received { 0 };
    std::atomic<std::uint64_t> sent { 0 };
    QMutex txMutex;
    std::vector<CanFrame> txPending; // guarded by txMutex
};

// One CAN adapter or recording. The device lives on a worker thread of its own: frames are read
// there, recorded to the frame log there, and handed over through a bounded lock-free queue.
// Consumers react to framesAvailable() and call takeFrames(). Events and errors arrive as
// signals on the thread that owns the Transport.
class Transport : public QObject {
    Q_OBJECT
public:
    enum class State { Closed, Opening, Open, Failed };
    Q_ENUM(State)

    ~Transport() override;

    // "virtualcan:can0", "slcan:/dev/ttyACM0", "replay:bench.log".
    virtual QString deviceName() const = 0;
    // Device, bitrate and mode, for the status bar: "virtualcan:can0, 500 kbit/s, listen-only".
    QString description() const;
    const TransportOptions& options() const { return m_options; }
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }

    // Asynchronous: emits opened() or failed().
    void open();
    void close();
    // Runs an event loop until opened() or failed() or the timeout; true when open.
    bool waitOpened(int timeoutMs = 5000);

    // Queues a frame for sending. Refused when closed or listen-only, with the reason.
    tl::expected<void, QString> send(const CanFrame& frame);
    // Takes up to `max` received frames (oldest first). Call from the owning thread.
    std::size_t takeFrames(std::vector<CanFrame>& out, std::size_t max = SIZE_MAX);
    // Blocks (running events) until `count` frames arrived or the timeout; for tools and tests.
    bool waitForFrames(std::size_t count, int timeoutMs);

    std::uint64_t framesReceived() const { return m_shared->received.load(); }
    std::uint64_t framesSent() const { return m_shared->sent.load(); }
    std::uint64_t framesDropped() const { return m_shared->queue.overflowCount(); }

Q_SIGNALS:
    void opened();
    void failed(const QString& reason);
    void framesAvailable();
    void busEvent(const pg::can::BusEvent& event);
    void endOfStream(); // replay only: the recording has been read to the end
    void closed();

protected:
    explicit Transport(TransportOptions options, QObject* parent = nullptr);
    // Called once by open(); the worker is moved to the transport's thread.
    virtual TransportWorker* createWorker(std::shared_ptr<TransportShared> shared) = 0;

private:
    void stopThread();

    TransportOptions m_options;
    std::shared_ptr<TransportShared> m_shared;
    QThread m_thread;
    TransportWorker* m_worker = nullptr;
    State m_state = State::Closed;
    QString m_lastError;
};

// The device side of a Transport, living on the transport's thread.
class TransportWorker : public QObject {
    Q_OBJECT
public:
    TransportWorker(std::shared_ptr<TransportShared> shared, TransportOptions options, QString device);
    ~TransportWorker() override;

public Q_SLOTS:
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void flushTx() = 0;
    void flushLog();

Q_SIGNALS:
    void opened();
    void failed(const QString& reason);
    void framesAvailable();
    void busEvent(const pg::can::BusEvent& event);
    void endOfStream();
    void closed();

protected:
    // Records and queues a batch of received frames, notifies the consumer once, and reports
    // queue overflow as a typed event with the number of frames lost.
    void deliver(const CanFrame* frames, std::size_t count);
    void recordSent(const CanFrame& frame);
    std::vector<CanFrame> takeTx();
    void emitEvent(BusEvent::Kind kind, const QString& message);
    bool openFrameLog(QString& error);

    std::shared_ptr<TransportShared> m_shared;
    TransportOptions m_options;
    QString m_device;
    std::unique_ptr<FrameLog> m_log;

private:
    std::uint64_t m_reportedOverflows = 0;
};

// Microseconds since the epoch, for stamping live frames.
std::int64_t nowUs();

} // namespace pg::can
