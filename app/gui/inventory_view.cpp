#include "inventory_view.h"

#include "grade_text.h"
#include "inventory_page_model.h"
#include "pack_detail_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pg::app {

InventoryView::InventoryView(core::Inventory* inventory, QWidget* parent)
    : QWidget(parent)
    , m_model(new InventoryPageModel(inventory, this))
    , m_table(new QTableView(this))
    , m_detail(new PackDetailView(inventory, this))
    , m_debounce(new QTimer(this))
{
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(InventoryPageModel::SerialColumn, Qt::AscendingOrder);
    // A column without an index (chemistry) does not sort: the arrow goes back to the order in
    // force instead of promising one the table does not show.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
        [this](int column, Qt::SortOrder order) {
            if (InventoryPageModel::isSortable(column)) {
                m_sortColumn = column;
                m_sortOrder = order;
                return;
            }
            QSignalBlocker block(m_table->horizontalHeader());
            m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    // Fixed row heights and column widths: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const auto& [column, chars] :
        { std::pair { 0, 20 }, { 1, 20 }, { 2, 12 }, { 3, 11 }, { 4, 17 } })
        m_table->setColumnWidth(column, chars * charWidth);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { openRow(current.row()); });
    connect(m_detail, &PackDetailView::regraded, this, [this] { refresh(); });
    connect(m_model, &InventoryPageModel::totalChanged, this, &InventoryView::updateCount);
    // A row chosen while its page is still being read opens when the page arrives.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
            if (m_pendingRow >= topLeft.row() && m_pendingRow <= bottomRight.row())
                openRow(m_pendingRow);
        });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_pendingRow = -1; });
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &InventoryView::applySearch);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildSearchBar());
    layout->addWidget(split, 1);
    updateCount();
}

QWidget* InventoryView::buildSearchBar()
{
    auto* bar = new QWidget(this);
    m_text = new QLineEdit(bar);
    m_text->setPlaceholderText(tr("Serial, VIN or part number (starts with)"));
    m_text->setClearButtonEnabled(true);
    m_grade = new QComboBox(bar);
    m_grade->addItem(tr("Any grade"), QString());
    for (const char* g : { "reuse", "repurpose", "recycle", "retest" })
        m_grade->addItem(gradeTitle(QLatin1String(g)), QLatin1String(g));
    m_useDates = new QCheckBox(tr("Graded from"), bar);
    m_from = new QDateEdit(QDate::currentDate().addMonths(-1), bar);
    m_to = new QDateEdit(QDate::currentDate(), bar);
    for (QDateEdit* d : { m_from, m_to }) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        connect(d, &QDateEdit::dateChanged, m_debounce, qOverload<>(&QTimer::start));
    }
    m_count = new QLabel(bar);
    connect(m_text, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_grade, &QComboBox::currentIndexChanged, this, &InventoryView::applySearch);
    connect(m_useDates, &QCheckBox::toggled, this, &InventoryView::applySearch);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("&Search:"), bar));
    layout->addWidget(m_text, 2);
    layout->addWidget(m_grade);
    layout->addWidget(m_useDates);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to"), bar));
    layout->addWidget(m_to);
    layout->addWidget(m_count, 1, Qt::AlignRight);
    qobject_cast<QLabel*>(layout->itemAt(0)->widget())->setBuddy(m_text);
    return bar;
}

void InventoryView::applySearch()
{
    m_debounce->stop();
    core::SearchQuery q;
    q.text = m_text->text().trimmed();
    q.grade = m_grade->currentData().toString();
    if (m_useDates->isChecked()) {
        q.gradedFrom = m_from->date().toString(Qt::ISODate);
        q.gradedTo = m_to->date().addDays(1).toString(Qt::ISODate); // the "to" day is included
    }
    m_model->setFilter(q);
    updateCount();
}

void InventoryView::refresh()
{
    m_model->refresh();
    updateCount();
}

void InventoryView::updateCount()
{
    if (m_model->isCounting()) {
        m_count->setText(tr("counting…"));
        return;
    }
    const qint64 total = m_model->totalRows();
    m_count->setText(total == 1 ? tr("1 pack") : tr("%1 packs").arg(QLocale().toString(total)));
}

void InventoryView::openRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    if (!m_model->isLoaded(row)) {
        m_pendingRow = row;
        m_model->packAt(row); // asks for its page
        return;
    }
    m_pendingRow = -1;
    m_detail->showPack(m_model->packAt(row));
}

void InventoryView::openFirstWithCertificate()
{
    auto open = [this] {
        if (m_model->rowCount() == 0)
            return;
        connect(
            m_detail, &PackDetailView::historyShown, this,
            [this](bool ok) {
                if (ok)
                    m_detail->requestCertificate();
            },
            Qt::SingleShotConnection);
        openRow(0);
    };
    if (m_model->isIdle())
        open();
    else
        connect(m_model, &InventoryPageModel::idle, this, open, Qt::SingleShotConnection);
}

} // namespace pg::app
