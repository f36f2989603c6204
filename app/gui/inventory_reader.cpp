#include "inventory_reader.h"

#include <QThread>
#include <algorithm>
#include <optional>

namespace pg::app {

InventoryReader::InventoryReader(QString url)
    : m_url(std::move(url))
{
    m_thread = QThread::create([this] { loop(); });
    m_thread->setObjectName(QStringLiteral("inventory-reader"));
    m_thread->start();
}

InventoryReader::~InventoryReader()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_jobs.clear();
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

quint64 InventoryReader::post(Work work)
{
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    m_jobs.push_back(Job { id, std::move(work) });
    m_wake.wakeOne();
    return id;
}

bool InventoryReader::cancel(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [id](const Job& j) { return j.id == id; });
    if (it == m_jobs.end())
        return false;
    m_jobs.erase(it);
    return true;
}

void InventoryReader::cancelAll()
{
    QMutexLocker lock(&m_mutex);
    m_jobs.clear();
}

int InventoryReader::pending() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_jobs.size()) + (m_running ? 1 : 0);
}

QString InventoryReader::openError() const
{
    QMutexLocker lock(&m_mutex);
    return m_openError;
}

void InventoryReader::loop()
{
    std::unique_ptr<core::Inventory> inventory;
    std::optional<core::Error> openError;
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_mutex);
            m_running = false;
            while (!m_stop && m_jobs.empty())
                m_wake.wait(&m_mutex);
            if (m_stop)
                break;
            job = std::move(m_jobs.back()); // the newest: what the screen shows now
            m_jobs.pop_back();
            m_running = true;
        }
        if (!inventory && !openError) {
            core::Inventory::Options options;
            options.integrityCheck = false; // the GUI's own connection checked the file
            auto opened = core::Inventory::open(m_url, options);
            if (opened) {
                inventory = std::move(*opened);
            } else {
                openError = opened.error();
                QMutexLocker lock(&m_mutex);
                m_openError = openError->message;
            }
        }
        job.work(inventory.get(), openError ? &*openError : nullptr);
    }
    inventory.reset(); // the connection goes on the thread that opened it
}

} // namespace pg::app
