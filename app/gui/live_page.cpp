#include "live_page.h"

#include "cell_chart.h"
#include "language.h"
#include "trend_plot.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace pg::app {

namespace {

    constexpr int kTempColumns = 8;
    constexpr double kWarmC = 40.0; // amber from here (cells age fast above ~40 degC)
    constexpr double kHotC = 50.0; // red: close to the 55 degC stop of the safety limits
    constexpr double kColdC = 10.0; // blue: resistance rises steeply below

    QString orDash(const std::optional<double>& v, int decimals, const QString& unit)
    {
        return v ? QStringLiteral("%1 %2").arg(localNumber(*v, decimals)).arg(unit)
                 : QStringLiteral("— %1").arg(unit);
    }

    QColor temperatureColor(double c)
    {
        if (std::isnan(c))
            return QColor(160, 160, 160);
        if (c >= kHotC)
            return QColor(220, 60, 50);
        if (c >= kWarmC)
            return QColor(240, 170, 40);
        if (c <= kColdC)
            return QColor(90, 150, 230);
        return QColor(90, 180, 90);
    }

} // namespace

LivePage::LivePage(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildReadouts());
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* plots = new QSplitter(Qt::Vertical, split);
    m_cells = new CellChart(plots);
    m_voltage = new TrendPlot(tr("pack"), tr("V"), QColor(40, 90, 200), plots);
    m_current = new TrendPlot(tr("current"), tr("A"), QColor(200, 80, 30), plots);
    m_temperature = new TrendPlot(tr("T max"), tr("°C"), QColor(180, 40, 120), plots);
    plots->setStretchFactor(0, 3);
    split->addWidget(plots);
    split->addWidget(buildSidePanel());
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
}

QGroupBox* LivePage::readout(const QString& name, const QString& caption, QWidget* parent)
{
    auto* box = new QGroupBox(caption, parent);
    auto* v = new QVBoxLayout(box);
    auto* label = new QLabel(QStringLiteral("—"), box);
    label->setObjectName(name);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    label->setFont(f);
    v->addWidget(label);
    return box;
}

QWidget* LivePage::buildReadouts()
{
    auto* w = new QWidget(this);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(readout(QStringLiteral("voltage"), tr("Pack voltage"), w));
    row->addWidget(readout(QStringLiteral("current"), tr("Current (+ discharge)"), w));
    row->addWidget(readout(QStringLiteral("soc"), tr("SoC (BMS)"), w));
    row->addWidget(readout(QStringLiteral("temp"), tr("Temperature min / max"), w));
    row->addWidget(readout(QStringLiteral("soh"), tr("SoH (BMS)"), w));
    row->addWidget(readout(QStringLiteral("isolation"), tr("Isolation"), w));
    return w;
}

QWidget* LivePage::buildSidePanel()
{
    auto* w = new QWidget(this);
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    auto* tempBox = new QGroupBox(tr("Temperature sensors (°C)"), w);
    auto* tv = new QVBoxLayout(tempBox);
    m_temps = new QTableWidget(0, kTempColumns, tempBox);
    m_temps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_temps->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_temps->horizontalHeader()->hide();
    m_temps->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_temps->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_temps->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Every reading legible however long the other screens' texts are (a German summary line
    // widens the chart): eight columns of "-88.8", the row labels and a scroll bar.
    const QFontMetrics fm = m_temps->fontMetrics();
    const int column = fm.horizontalAdvance(localNumber(-88.8, 1)) + 10;
    m_temps->horizontalHeader()->setMinimumSectionSize(column);
    m_temps->setMinimumWidth(kTempColumns * column + fm.horizontalAdvance(QStringLiteral("97–104"))
        + 16 + m_temps->style()->pixelMetric(QStyle::PM_ScrollBarExtent)
        + 2 * m_temps->frameWidth());
    tv->addWidget(m_temps);
    v->addWidget(tempBox);
    auto* dtcBox = new QGroupBox(tr("BMS trouble codes"), w);
    auto* dv = new QVBoxLayout(dtcBox);
    m_dtcs = new QLabel(tr("none reported"), dtcBox);
    m_dtcs->setObjectName(QStringLiteral("dtcs"));
    m_dtcs->setWordWrap(true);
    m_dtcs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dv->addWidget(m_dtcs);
    v->addWidget(dtcBox);
    v->addStretch(1);
    return w;
}

QString LivePage::readoutText(const QString& name) const
{
    const auto* label = findChild<QLabel*>(name);
    return label ? label->text() : QString();
}

void LivePage::showSample(const LiveSample& s)
{
    if (m_startS < 0)
        m_startS = s.timeS;
    showReadouts(s);
    m_cells->setVoltages(s.cellVoltagesV);
    showTemperatures(s.temperaturesC);
    showDiagnostics(s);
    const double t = s.timeS - m_startS;
    if (s.packVoltageV)
        m_voltage->add(t, *s.packVoltageV);
    if (s.packCurrentA)
        m_current->add(t, *s.packCurrentA);
    const auto maxT = std::max_element(s.temperaturesC.begin(), s.temperaturesC.end());
    if (maxT != s.temperaturesC.end())
        m_temperature->add(t, *maxT);
    if (isVisible()) {
        m_voltage->refresh();
        m_current->refresh();
        m_temperature->refresh();
    }
}

void LivePage::clearHistory()
{
    m_startS = -1;
    m_voltage->clear();
    m_current->clear();
    m_temperature->clear();
}

void LivePage::showReadouts(const LiveSample& s)
{
    findChild<QLabel*>(QStringLiteral("voltage"))->setText(orDash(s.packVoltageV, 2, tr("V")));
    findChild<QLabel*>(QStringLiteral("current"))->setText(orDash(s.packCurrentA, 2, tr("A")));
    findChild<QLabel*>(QStringLiteral("soc"))->setText(orDash(s.socPct, 1, tr("%")));
    findChild<QLabel*>(QStringLiteral("soh"))->setText(orDash(s.sohPct, 1, tr("%")));
    std::vector<double> known;
    std::copy_if(s.temperaturesC.begin(), s.temperaturesC.end(), std::back_inserter(known),
        [](double c) { return !std::isnan(c); });
    const auto [lo, hi] = std::minmax_element(known.begin(), known.end());
    findChild<QLabel*>(QStringLiteral("temp"))
        ->setText(
            known.empty() ? tr("— °C") : tr("%1 / %2 °C").arg(localNumber(*lo, 1)).arg(localNumber(*hi, 1)));
    auto* iso = findChild<QLabel*>(QStringLiteral("isolation"));
    iso->setText(s.isolationFault ? tr("FAULT") : tr("OK"));
    iso->setStyleSheet(s.isolationFault ? QStringLiteral("color: rgb(220,60,50)") : QString());
}

void LivePage::showTemperatures(const std::vector<double>& temperaturesC)
{
    const int n = static_cast<int>(temperaturesC.size());
    const int rows = (n + kTempColumns - 1) / kTempColumns;
    if (m_temps->rowCount() != rows) {
        m_temps->setRowCount(rows);
        for (int r = 0; r < rows; ++r)
            m_temps->setVerticalHeaderItem(r,
                new QTableWidgetItem(tr("%1–%2")
                                         .arg(r * kTempColumns + 1)
                                         .arg(std::min(n, (r + 1) * kTempColumns))));
    }
    for (int i = 0; i < n; ++i) {
        auto* item = m_temps->item(i / kTempColumns, i % kTempColumns);
        if (!item) {
            item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignCenter);
            m_temps->setItem(i / kTempColumns, i % kTempColumns, item);
        }
        const double c = temperaturesC[static_cast<std::size_t>(i)];
        item->setText(std::isnan(c) ? QStringLiteral("—") : localNumber(c, 1));
        item->setToolTip(tr("sensor %1").arg(i + 1));
        item->setBackground(temperatureColor(c));
        item->setForeground(Qt::black);
    }
}

void LivePage::showDiagnostics(const LiveSample& s)
{
    m_dtcs->setText(s.dtcs.isEmpty() ? tr("none reported") : s.dtcs.join(QStringLiteral(", ")));
}

} // namespace pg::app
