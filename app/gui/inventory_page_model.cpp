#include "inventory_page_model.h"

#include "grade_text.h"

#include <QColor>
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

InventoryPageModel::InventoryPageModel(core::Inventory* inventory, QObject* parent)
    : QAbstractTableModel(parent)
    , m_inventory(inventory)
{
    refresh();
}

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
    const bool colour = role == Qt::ForegroundRole && index.column() == GradeColumn;
    if (!index.isValid() || (!text && !colour))
        return {};
    const core::PackRecord* p = rowAt(index.row());
    if (p == nullptr)
        return {};
    if (colour)
        return gradeColor(p->lastGrade);
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
    endResetModel();
}

void InventoryPageModel::setFilter(const core::SearchQuery& filter)
{
    m_query.filter = filter;
    refresh();
}

void InventoryPageModel::refresh()
{
    beginResetModel();
    m_pages.clear();
    auto count = core::countPacks(*m_inventory, m_query.filter);
    if (count) {
        m_total = *count;
    } else {
        m_total = 0;
        m_lastError = count.error().message;
        emit errorOccurred(m_lastError);
    }
    endResetModel();
}

core::PackRecord InventoryPageModel::packAt(int row) const
{
    const core::PackRecord* p = rowAt(row);
    return p != nullptr ? *p : core::PackRecord {};
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
    const Page* page = loadPage(first);
    if (page == nullptr || row - first >= static_cast<long long>(page->rows.size()))
        return nullptr;
    return &page->rows[static_cast<std::size_t>(row - first)];
}

const InventoryPageModel::Page* InventoryPageModel::loadPage(long long first) const
{
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        if (it->first == first) {
            m_pages.splice(m_pages.begin(), m_pages, it);
            return &m_pages.front();
        }
    }
    auto rows = core::packWindow(*m_inventory, m_query, first, kPageSize, m_total);
    if (!rows) {
        m_lastError = rows.error().message;
        emit errorOccurred(m_lastError);
        return nullptr;
    }
    ++m_pagesFetched;
    m_pages.push_front(Page { first, std::move(*rows) });
    while (m_pages.size() > static_cast<std::size_t>(kMaxPages))
        m_pages.pop_back();
    return &m_pages.front();
}

} // namespace pg::app
