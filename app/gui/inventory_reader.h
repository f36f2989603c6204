#pragma once
// Reads of the inventory for the GUI, off the GUI thread: one thread with its own connection to
// the same database (Qt SQL connections belong to the thread that opened them). Jobs wait in a
// queue and the newest runs first, since that is what the screen shows now; a job not yet started
// can be cancelled (the user scrolled past its rows, or typed another search). Results come back
// on the thread of the `context` object given with the job, through its event loop.
#include "core/error.h"
#include "core/inventory.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWaitCondition>
#include <deque>
#include <functional>
#include <memory>
#include <tl/expected.hpp>

class QThread;

namespace pg::app {

class InventoryReader {
public:
    // `url` as core::connectionUrl gives it; the connection is opened by the first job.
    explicit InventoryReader(QString url);
    // Drops the jobs not started and waits for the one running (one query) to end.
    ~InventoryReader();
    InventoryReader(const InventoryReader&) = delete;
    InventoryReader& operator=(const InventoryReader&) = delete;

    // Runs `query` on the reader's thread and hands its result to `done` on `context`'s thread
    // (not at all once `context` is gone). A connection that cannot be opened is the result.
    // Returns the job's id for cancel().
    template <typename T>
    quint64 read(QObject* context,
        std::function<tl::expected<T, core::Error>(core::Inventory&)> query,
        std::function<void(const tl::expected<T, core::Error>&)> done)
    {
        QPointer<QObject> target(context);
        return post([target, query = std::move(query), done = std::move(done)](
                        core::Inventory* inventory, const core::Error* openError) {
            tl::expected<T, core::Error> result = inventory != nullptr
                ? query(*inventory)
                : tl::expected<T, core::Error>(tl::unexpect, *openError);
            if (target.isNull())
                return;
            QMetaObject::invokeMethod(
                target.data(), [done, result] { done(result); }, Qt::QueuedConnection);
        });
    }

    // Removes a job that has not started; false when it runs or ran already.
    bool cancel(quint64 id);
    // Removes every job that has not started.
    void cancelAll();
    // Jobs queued or running.
    int pending() const;
    // The reader's connection failed to open (empty when it opened or was not tried yet).
    QString openError() const;

private:
    using Work = std::function<void(core::Inventory*, const core::Error*)>;
    struct Job {
        quint64 id = 0;
        Work work;
    };
    quint64 post(Work work);
    void loop();

    const QString m_url;
    QThread* m_thread = nullptr;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_jobs; // guarded by m_mutex; newest at the back
    quint64 m_nextId = 1; // guarded
    bool m_running = false; // a job is running (guarded)
    bool m_stop = false; // guarded
    QString m_openError; // guarded
};

} // namespace pg::app
