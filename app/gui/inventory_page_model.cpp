#include "inventory_page_model.h"

#include "grade_text.h"
#include "inventory_reader.h"

#include <QColor>
#include <QPalette>
#include <limits>

namespace pg::app {

namespace {

    core::PackSortKey sortKeyOf(int column)
    {
        switch (column) {
        case InventoryPageModel::VinColumn:
            return core::PackSortKey::Vin;
        case InventoryPageModel::PartNumberColumn:
            return core::PackSortKey::PartNumber;
        case InventoryPageModel::GradeColumn:
            return core::PackSortKey::Grade;
        case InventoryPageModel::GradedAtColumn:
            return core::PackSortKey::GradedAt;
        default:
            return core::PackSortKey::Serial;
        }
    }

    QString cellText(const core::PackRecord& p, int column)
    {
        switch (column) {
        case InventoryPageModel::SerialColumn:
            return p.serial;
        case InventoryPageModel::VinColumn:
            return p.vin;
        case InventoryPageModel::PartNumberColumn:
            return p.partNumber;
        case InventoryPageModel::GradeColumn:
            return p.lastGrade;
        case InventoryPageModel::GradedAtColumn:
            return p.lastGradedAt.left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
        case InventoryPageModel::ChemistryColumn:
            return p.chemistry.toUpper();
        default:
            return {};
        }
    }

} // namespace

InventoryPageModel::InventoryPageModel(core::Inventory* inventory, QObject* parent, Fetch fetch)
    : QAbstractTableModel(parent)
    , m_inventory(inventory)
    , m_fetch(fetch)
{
    if (m_fetch == Fetch::Worker)
        m_reader = std::make_unique<InventoryReader>(core::connectionUrl(*m_inventory));
    refresh();
}

// The reader thread stops (its running query ends) before the model it answers goes.
InventoryPageModel::~InventoryPageModel() = default;

int InventoryPageModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(std::min<long long>(m_total, std::numeric_limits<int>::max()));
}

int InventoryPageModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InventoryPageModel::data(const QModelIndex& index, int role) const
{
    const bool text = role == Qt::DisplayRole || role == Qt::ToolTipRole;
    const bool colour = role == Qt::ForegroundRole;
    if (!index.isValid() || (!text && !colour && role != LoadingRole))
        return {};
    const core::PackRecord* p = rowAt(index.row());
    if (role == LoadingRole)
        return p == nullptr && index.row() < m_total;
    if (p == nullptr) {
        if (m_fetch == Fetch::Synchronous || index.row() >= m_total)
            return {};
        if (colour)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return index.column() == SerialColumn && role == Qt::DisplayRole ? tr("loading…")
                                                                         : QVariant();
    }
    if (colour)
        return index.column() == GradeColumn ? QVariant(gradeColor(p->lastGrade)) : QVariant();
    return cellText(*p, index.column());
}

QVariant InventoryPageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case SerialColumn:
        return tr("Serial");
    case VinColumn:
        return tr("VIN");
    case PartNumberColumn:
        return tr("Part number");
    case GradeColumn:
        return tr("Grade");
    case GradedAtColumn:
        return tr("Graded (UTC)");
    case ChemistryColumn:
        return tr("Chemistry");
    default:
        return {};
    }
}

bool InventoryPageModel::isSortable(int column)
{
    return column >= SerialColumn && column <= GradedAtColumn;
}

void InventoryPageModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    beginResetModel();
    m_query.sort = sortKeyOf(column);
    m_query.descending = order == Qt::DescendingOrder;
    m_pages.clear();
    supersedePages();
    endResetModel();
    checkIdle();
}

void InventoryPageModel::supersedePages()
{
    ++m_pageGeneration;
    if (m_reader)
        for (const auto& [first, job] : m_inFlight)
            m_reader->cancel(job);
    m_inFlight.clear();
    m_inFlightOrder.clear();
}

void InventoryPageModel::fail(const QString& message) const
{
    m_lastError = message;
    emit errorOccurred(m_lastError);
}

void InventoryPageModel::checkIdle()
{
    if (isIdle())
        emit idle();
}

void InventoryPageModel::setFilter(const core::SearchQuery& filter)
{
    m_query.filter = filter;
    refresh();
}

void InventoryPageModel::refresh()
{
    if (m_fetch == Fetch::Synchronous) {
        beginResetModel();
        m_pages.clear();
        auto count = core::countPacks(*m_inventory, m_query.filter);
        if (count) {
            m_total = *count;
        } else {
            m_total = 0;
            fail(count.error().message);
        }
        endResetModel();
        emit totalChanged(m_total);
        return;
    }
    // The rows shown stay until the count (and the first page) of the new filter arrive; pages
    // of the old filter still waiting are not read.
    supersedePages();
    m_counting = true;
    const quint64 countGeneration = ++m_countGeneration;
    const quint64 pageGeneration = m_pageGeneration;
    const core::PackWindowQuery query = m_query;
    m_reader->read<Counted>(
        this,
        [query](core::Inventory& inventory) -> tl::expected<Counted, core::Error> {
            auto count = core::countPacks(inventory, query.filter);
            if (!count)
                return tl::unexpected(count.error());
            Counted out { *count, {} };
            if (*count > 0) {
                auto rows = core::packWindow(inventory, query, 0, kPageSize, *count);
                if (!rows)
                    return tl::unexpected(rows.error());
                out.firstPage = std::move(*rows);
            }
            return out;
        },
        [this, countGeneration, pageGeneration](const tl::expected<Counted, core::Error>& c) {
            onCounted(countGeneration, pageGeneration, c);
        });
}

void InventoryPageModel::onCounted(quint64 countGeneration, quint64 pageGeneration,
    const tl::expected<Counted, core::Error>& counted)
{
    if (countGeneration != m_countGeneration)
        return; // another search was asked for meanwhile
    m_counting = false;
    beginResetModel();
    m_pages.clear();
    supersedePages(); // pages asked for while counting belong to the old rows
    if (counted) {
        m_total = counted->total;
        // The first page was read in the order in force when the count was asked for.
        if (pageGeneration + 1 == m_pageGeneration && !counted->firstPage.empty()) {
            ++m_pagesFetched;
            m_pages.push_front(Page { 0, counted->firstPage });
        }
    } else {
        m_total = 0;
    }
    endResetModel();
    if (!counted)
        fail(counted.error().message);
    emit totalChanged(m_total);
    checkIdle();
}

core::PackRecord InventoryPageModel::packAt(int row) const
{
    const core::PackRecord* p = rowAt(row);
    return p != nullptr ? *p : core::PackRecord {};
}

bool InventoryPageModel::isLoaded(int row) const
{
    if (row < 0 || row >= m_total)
        return false;
    const long long first = (row / kPageSize) * static_cast<long long>(kPageSize);
    for (const Page& page : m_pages)
        if (page.first == first)
            return row - first < static_cast<long long>(page.rows.size());
    return false;
}

int InventoryPageModel::cachedRows() const
{
    int n = 0;
    for (const Page& page : m_pages)
        n += static_cast<int>(page.rows.size());
    return n;
}

const core::PackRecord* InventoryPageModel::rowAt(int row) const
{
    if (row < 0 || row >= m_total)
        return nullptr;
    const long long first = (row / kPageSize) * static_cast<long long>(kPageSize);
    const Page* page = m_fetch == Fetch::Synchronous ? loadPage(first) : cachedPage(first);
    if (page == nullptr && m_fetch == Fetch::Worker && !m_counting)
        requestPage(first);
    if (page == nullptr || row - first >= static_cast<long long>(page->rows.size()))
        return nullptr;
    return &page->rows[static_cast<std::size_t>(row - first)];
}

const InventoryPageModel::Page* InventoryPageModel::cachedPage(long long first) const
{
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        if (it->first == first) {
            m_pages.splice(m_pages.begin(), m_pages, it);
            return &m_pages.front();
        }
    }
    return nullptr;
}

const InventoryPageModel::Page* InventoryPageModel::loadPage(long long first) const
{
    if (const Page* page = cachedPage(first))
        return page;
    auto rows = core::packWindow(*m_inventory, m_query, first, kPageSize, m_total);
    if (!rows) {
        fail(rows.error().message);
        return nullptr;
    }
    storePage(first, std::move(*rows));
    return &m_pages.front();
}

void InventoryPageModel::storePage(long long first, std::vector<core::PackRecord> rows) const
{
    ++m_pagesFetched;
    m_pages.push_front(Page { first, std::move(rows) });
    while (m_pages.size() > static_cast<std::size_t>(kMaxPages))
        m_pages.pop_back();
}

void InventoryPageModel::requestPage(long long first) const
{
    if (m_inFlight.count(first) != 0)
        return;
    auto* self = const_cast<InventoryPageModel*>(this); // data() is const; asking is not a change
    const quint64 generation = m_pageGeneration;
    const core::PackWindowQuery query = m_query;
    const long long total = m_total;
    const quint64 job = m_reader->read<std::vector<core::PackRecord>>(
        self,
        [query, first, total](core::Inventory& inventory) {
            return core::packWindow(inventory, query, first, kPageSize, total);
        },
        [self, generation, first](
            const tl::expected<std::vector<core::PackRecord>, core::Error>& rows) {
            self->onPageRead(generation, first, rows);
        });
    m_inFlight[first] = job;
    m_inFlightOrder.push_back(first);
    // Scrolling fast: the pages asked for longest ago are off screen by now; forget those not
    // started (a view that shows them again asks again).
    while (static_cast<int>(m_inFlightOrder.size()) > kMaxInFlight) {
        const long long oldest = m_inFlightOrder.front();
        m_inFlightOrder.pop_front();
        if (m_reader->cancel(m_inFlight[oldest]))
            m_inFlight.erase(oldest);
    }
}

void InventoryPageModel::onPageRead(quint64 generation, long long first,
    const tl::expected<std::vector<core::PackRecord>, core::Error>& rows)
{
    if (generation != m_pageGeneration)
        return; // read for an order or filter no longer shown
    m_inFlight.erase(first);
    m_inFlightOrder.remove(first);
    if (!rows) {
        fail(rows.error().message);
    } else if (!rows->empty()) {
        const int n = static_cast<int>(rows->size());
        storePage(first, *rows);
        const int top = static_cast<int>(first);
        emit dataChanged(index(top, 0), index(top + n - 1, ColumnCount - 1));
    }
    checkIdle();
}

} // namespace pg::app
