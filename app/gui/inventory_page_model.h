#pragma once
// The inventory as a table model that stays smooth at a million packs: the row count comes from
// one COUNT, and rows are read in pages of kPageSize around whatever the view asks for. At most
// kMaxPages pages are kept (least recently used goes first), so memory does not grow with the
// inventory or with scrolling.
#include "core/inventory.h"
#include "core/inventory_window.h"

#include <QAbstractTableModel>
#include <list>
#include <vector>

namespace pg::app {

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

    // `inventory` must outlive the model and be used on this thread only.
    explicit InventoryPageModel(core::Inventory* inventory, QObject* parent = nullptr);

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
    // The pack at `row`, read if needed; a default record when out of range or on error.
    core::PackRecord packAt(int row) const;
    static bool isSortable(int column);

    long long totalRows() const { return m_total; }
    int cachedRows() const;
    long long pagesFetched() const { return m_pagesFetched; }
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString& message) const;

private:
    struct Page {
        long long first = 0;
        std::vector<core::PackRecord> rows;
    };
    const core::PackRecord* rowAt(int row) const;
    const Page* loadPage(long long first) const;

    core::Inventory* m_inventory;
    core::PackWindowQuery m_query;
    long long m_total = 0;
    mutable std::list<Page> m_pages; // most recently used first
    mutable long long m_pagesFetched = 0;
    mutable QString m_lastError;
};

} // namespace pg::app
