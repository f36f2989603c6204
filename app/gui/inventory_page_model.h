#pragma once
// The inventory as a table model that stays smooth at a million packs: the row count comes from
// one COUNT, and rows are read in pages of kPageSize around whatever the view asks for. At most
// kMaxPages pages are kept (least recently used goes first), so memory does not grow with the
// inventory or with scrolling.
//
// Fetch::Worker (the GUI's): counts and pages are read by an InventoryReader on its own thread
// and connection; a row not read yet shows "loading…" (LoadingRole true) until its page arrives
// (dataChanged). A new filter or order supersedes every read still waiting; pages the user
// scrolled past are dropped from the queue once more than kMaxInFlight wait. Fetch::Synchronous
// reads on the caller's thread, as before (benchmarks compare the two).
#include "core/inventory.h"
#include "core/inventory_window.h"

#include <QAbstractTableModel>
#include <list>
#include <map>
#include <memory>
#include <vector>

namespace pg::app {

class InventoryReader;

class InventoryPageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SerialColumn,
        VinColumn,
        PartNumberColumn,
        GradeColumn,
        GradedAtColumn,
        ChemistryColumn,
        ColumnCount
    };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 16;
    static constexpr int kMaxInFlight = 4;
    enum Role { LoadingRole = Qt::UserRole + 1 };
    enum class Fetch { Worker, Synchronous };

    // `inventory` must outlive the model and be used on this thread only; with Fetch::Worker the
    // model opens a second connection to the same database for its reader thread.
    explicit InventoryPageModel(
        core::Inventory* inventory, QObject* parent = nullptr, Fetch fetch = Fetch::Worker);
    ~InventoryPageModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // Sorts in the database. Chemistry has no index: asking for it keeps the present order.
    void sort(int column, Qt::SortOrder order) override;

    void setFilter(const core::SearchQuery& filter);
    const core::SearchQuery& filter() const { return m_query.filter; }
    // Re-reads the count and drops the cached pages (after a store, an override).
    void refresh();
    // The pack at `row` when its page is here (read now with Fetch::Synchronous, asked for with
    // Fetch::Worker); a default record when out of range, not read yet or on error.
    core::PackRecord packAt(int row) const;
    bool isLoaded(int row) const;
    // Nothing asked of the reader is outstanding (always true with Fetch::Synchronous).
    bool isIdle() const { return !m_counting && m_inFlight.empty(); }
    bool isCounting() const { return m_counting; }
    Fetch fetchMode() const { return m_fetch; }
    static bool isSortable(int column);

    long long totalRows() const { return m_total; }
    int cachedRows() const;
    long long pagesFetched() const { return m_pagesFetched; }
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString& message) const;
    // The count of the current filter is known (after setFilter or refresh).
    void totalChanged(long long total);
    // Every read asked for so far has arrived (or failed).
    void idle();

private:
    struct Page {
        long long first = 0;
        std::vector<core::PackRecord> rows;
    };
    struct Counted {
        long long total = 0;
        std::vector<core::PackRecord> firstPage;
    };
    const core::PackRecord* rowAt(int row) const;
    const Page* cachedPage(long long first) const;
    const Page* loadPage(long long first) const;
    void requestPage(long long first) const;
    void storePage(long long first, std::vector<core::PackRecord> rows) const;
    void onPageRead(quint64 generation, long long first,
        const tl::expected<std::vector<core::PackRecord>, core::Error>& rows);
    void onCounted(quint64 countGeneration, quint64 pageGeneration,
        const tl::expected<Counted, core::Error>& counted);
    void supersedePages();
    void fail(const QString& message) const;
    void checkIdle();

    core::Inventory* m_inventory;
    const Fetch m_fetch;
    std::unique_ptr<InventoryReader> m_reader; // Fetch::Worker
    core::PackWindowQuery m_query;
    long long m_total = 0;
    mutable std::list<Page> m_pages; // most recently used first
    mutable long long m_pagesFetched = 0;
    mutable QString m_lastError;
    // Fetch::Worker: a read belongs to the order and filter of its generation; older ones are
    // dropped when they arrive. Pages asked for, by first row: the reader's job id, oldest first.
    quint64 m_pageGeneration = 0;
    quint64 m_countGeneration = 0;
    bool m_counting = false;
    mutable std::map<long long, quint64> m_inFlight;
    mutable std::list<long long> m_inFlightOrder;
};

} // namespace pg::app
