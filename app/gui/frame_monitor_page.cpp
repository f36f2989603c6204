#include "frame_monitor_page.h"

#include "frame_table_model.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pg::app {

FrameMonitorPage::FrameMonitorPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new FrameTableModel(this))
    , m_table(new QTableView(this))
    , m_events(new QPlainTextEdit(this))
{
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(FrameTableModel::SortRole);
    m_table->setModel(sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FrameTableModel::IdColumn, Qt::AscendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setFont(QFont(QStringLiteral("monospace")));
    m_events->setReadOnly(true);
    m_events->setMaximumBlockCount(2000);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    auto* events = new QWidget(split);
    auto* ev = new QVBoxLayout(events);
    ev->setContentsMargins(0, 0, 0, 0);
    ev->addWidget(new QLabel(tr("Bus events"), events));
    ev->addWidget(m_events);
    split->addWidget(events);
    split->setStretchFactor(0, 4);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
}

void FrameMonitorPage::addFrames(const std::vector<can::CanFrame>& frames)
{
    m_model->addFrames(frames);
}

void FrameMonitorPage::addBusEvent(const can::BusEvent& event)
{
    m_events->appendPlainText(
        QStringLiteral("%1  %2  %3")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                QLatin1String(can::busEventKindName(event.kind)), event.message));
}

void FrameMonitorPage::clear()
{
    m_model->clear();
}

} // namespace pg::app
