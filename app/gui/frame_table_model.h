#pragma once

#include "can/can_frame.h"

#include <QAbstractTableModel>
#include <unordered_map>
#include <vector>

namespace pg::app {

// One row per CAN id: count, rate, last payload. Fed in batches (one insert per new id), so the
// view stays smooth at a full bus.
class FrameTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, CountColumn, RateColumn, LengthColumn, DataColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1; // numbers, not text, for sorting

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void addFrames(const std::vector<can::CanFrame>& frames);
    void clear();
    std::uint64_t totalFrames() const { return m_total; }

private:
    struct Row {
        can::CanFrame last;
        std::uint64_t count = 0;
        std::int64_t firstUs = 0;
    };
    std::vector<Row> m_rows;
    std::unordered_map<std::uint64_t, int> m_index;
    std::uint64_t m_total = 0;
};

} // namespace pg::app
