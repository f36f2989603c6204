#pragma once
// The inventory screen: search by serial / VIN / part-number prefix, grade and graded date; a
// sortable table that pages through the database (InventoryPageModel) so that a million packs
// scroll like a hundred; and the detail of the chosen pack (PackDetailView). Counts, pages and the
// pack's history are read on reader threads: the GUI thread never waits for the database.
#include "core/inventory.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace pg::app {

class InventoryPageModel;
class PackDetailView;

class InventoryView : public QWidget {
    Q_OBJECT
public:
    explicit InventoryView(core::Inventory* inventory, QWidget* parent = nullptr);

    // Applies the search fields now (typing applies them after a short pause).
    void applySearch();
    // Re-reads the table (after grades were stored elsewhere).
    void refresh();
    // Shows the pack at `row` of the table in the detail view (once its page is read).
    void openRow(int row);
    // Once the table is read: opens its first pack and previews its certificate (the
    // --after-grade inventory screenshot).
    void openFirstWithCertificate();

    InventoryPageModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    PackDetailView* detail() const { return m_detail; }
    QLineEdit* searchEdit() const { return m_text; }
    QComboBox* gradeCombo() const { return m_grade; }
    QCheckBox* dateFilterCheck() const { return m_useDates; }
    QDateEdit* fromDate() const { return m_from; }
    QDateEdit* toDate() const { return m_to; }
    QLabel* countLabel() const { return m_count; }

private:
    QWidget* buildSearchBar();
    void updateCount();

    InventoryPageModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    PackDetailView* m_detail = nullptr;
    QLineEdit* m_text = nullptr;
    QComboBox* m_grade = nullptr;
    QCheckBox* m_useDates = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLabel* m_count = nullptr;
    QTimer* m_debounce = nullptr;
    int m_pendingRow = -1; // chosen while its page was being read
    int m_sortColumn = 0; // the order in force (a sortable column)
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace pg::app
