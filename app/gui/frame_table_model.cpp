#include "frame_table_model.h"

#include "language.h"

namespace pg::app {

int FrameTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FrameTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FrameTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == DataColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case IdColumn:
            return QVariant::fromValue<qulonglong>((r.last.is(can::CanFrame::Extended) ? (1ULL << 32) : 0ULL) | r.last.id);
        case CountColumn:
            return QVariant::fromValue<qulonglong>(r.count);
        case LengthColumn:
            return r.last.len;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return QStringLiteral("%1").arg(r.last.id, r.last.is(can::CanFrame::Extended) ? 8 : 3, 16, QLatin1Char('0')).toUpper();
    case CountColumn:
        return QVariant::fromValue<qulonglong>(r.count);
    case RateColumn: {
        const double span = static_cast<double>(r.last.timeUs - r.firstUs) * 1e-6;
        return r.count > 1 && span > 0 ? localNumber(static_cast<double>(r.count - 1) / span, 1) : QStringLiteral("–");
    }
    case LengthColumn:
        return r.last.len;
    case DataColumn: {
        if (r.last.is(can::CanFrame::Remote))
            return tr("remote request");
        QString s;
        for (int i = 0; i < r.last.len; ++i)
            s += QStringLiteral("%1 ").arg(r.last.data[static_cast<std::size_t>(i)], 2, 16, QLatin1Char('0')).toUpper();
        return s.trimmed();
    }
    default:
        return {};
    }
}

QVariant FrameTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const kNames[] = { QT_TR_NOOP("ID"), QT_TR_NOOP("Count"), QT_TR_NOOP("Rate (1/s)"),
        QT_TR_NOOP("Bytes"), QT_TR_NOOP("Last data") };
    return section >= 0 && section < ColumnCount ? tr(kNames[section]) : QVariant();
}

void FrameTableModel::addFrames(const std::vector<can::CanFrame>& frames)
{
    std::vector<Row> fresh;
    for (const can::CanFrame& f : frames) {
        if (f.is(can::CanFrame::Error))
            continue;
        const std::uint64_t key = (f.is(can::CanFrame::Extended) ? (1ULL << 32) : 0ULL) | f.id;
        auto it = m_index.find(key);
        if (it == m_index.end()) {
            // New ids are appended in one insert at the end of the batch.
            const int row = static_cast<int>(m_rows.size() + fresh.size());
            m_index.emplace(key, row);
            fresh.push_back(Row { f, 1, f.timeUs });
            continue;
        }
        Row& r = it->second < static_cast<int>(m_rows.size()) ? m_rows[static_cast<std::size_t>(it->second)]
                                                              : fresh[static_cast<std::size_t>(it->second) - m_rows.size()];
        r.last = f;
        ++r.count;
    }
    m_total += frames.size();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, CountColumn), index(static_cast<int>(m_rows.size()) - 1, DataColumn));
    if (!fresh.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
        endInsertRows();
    }
}

void FrameTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_total = 0;
    endResetModel();
}

} // namespace pg::app
