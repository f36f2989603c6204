#include "result_tables.h"

#include "grade_text.h"
#include "language.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QTableWidget>
#include <algorithm>
#include <cmath>

namespace pg::app {

namespace {

    struct ResultTables {
        Q_DECLARE_TR_FUNCTIONS(ResultTables)
    };

    QTableWidgetItem* item(const QString& text, Qt::Alignment align = Qt::AlignLeft)
    {
        auto* it = new QTableWidgetItem(text);
        it->setTextAlignment(align | Qt::AlignVCenter);
        return it;
    }

    QString outcomeText(core::RuleResult::Outcome outcome)
    {
        switch (outcome) {
        case core::RuleResult::Outcome::Pass:
            return ResultTables::tr("pass");
        case core::RuleResult::Outcome::Fail:
            return ResultTables::tr("FAIL");
        case core::RuleResult::Outcome::Retest:
            return ResultTables::tr("straddles: retest");
        case core::RuleResult::Outcome::NotMeasured:
            return ResultTables::tr("not measured");
        }
        return {};
    }

    QColor outcomeColor(core::RuleResult::Outcome outcome)
    {
        switch (outcome) {
        case core::RuleResult::Outcome::Pass:
            return gradeColor(QStringLiteral("reuse"));
        case core::RuleResult::Outcome::Fail:
            return gradeColor(QStringLiteral("recycle"));
        default:
            return gradeColor(QStringLiteral("retest"));
        }
    }

    bool isNumericRule(const core::RuleResult& r)
    {
        return r.rule.contains(QLatin1String("_min")) || r.rule.contains(QLatin1String("_max"))
            || r.application == QLatin1String("cross_check");
    }

    void addRuleRow(QTableWidget* table, const core::RuleResult& r)
    {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, RuleApplication, item(applicationTitle(r.application)));
        table->setItem(row, RuleName, item(r.rule));
        const Qt::Alignment right = Qt::AlignRight;
        if (isNumericRule(r)) {
            const QString cmp = r.rule.contains(QLatin1String("_max")) ? QStringLiteral("≤ ")
                                                                       : QStringLiteral("≥ ");
            table->setItem(
                row, RuleMeasured, item(formatMeasure(r.measure, r.conservative), right));
            table->setItem(
                row, RuleThreshold, item(cmp + formatMeasure(r.measure, r.threshold), right));
            table->setItem(row, RuleMargin, item(formatMeasure(r.measure, r.margin), right));
        } else {
            table->setItem(row, RuleMeasured,
                item(r.detail.isEmpty() ? ResultTables::tr("none found") : r.detail));
            table->setItem(row, RuleThreshold, item(ResultTables::tr("none allowed")));
            table->setItem(row, RuleMargin, item(QString()));
        }
        auto* outcome = item(outcomeText(r.outcome));
        outcome->setForeground(outcomeColor(r.outcome));
        table->setItem(row, RuleOutcome, outcome);
    }

    double medianSoh(const std::vector<core::ModuleAssessment>& modules)
    {
        std::vector<double> v;
        for (const auto& m : modules) {
            if (m.sohCapacity.valid())
                v.push_back(m.sohCapacity.value);
        }
        if (v.empty())
            return std::nan("");
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
        return v[v.size() / 2];
    }

} // namespace

QTableWidget* makeReadOnlyTable(QWidget* parent, const QStringList& headers)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

// Columns sized to their contents except `stretch`, which takes the room left (no sideways
// scrolling for the columns that matter).
void stretchColumn(QTableWidget* table, int stretch)
{
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

QTableWidget* makeRulesTable(QWidget* parent)
{
    QTableWidget* table = makeReadOnlyTable(parent,
        { ResultTables::tr("Application"), ResultTables::tr("Rule"), ResultTables::tr("Measured"),
            ResultTables::tr("Threshold"), ResultTables::tr("Margin"),
            ResultTables::tr("Outcome") });
    table->horizontalHeaderItem(RuleMeasured)
        ->setToolTip(ResultTables::tr("The conservative end of the measured interval"));
    stretchColumn(table, RuleName);
    return table;
}

void fillRulesTable(QTableWidget* table, const core::GradeResult& grade)
{
    table->setRowCount(0);
    for (const core::RuleResult& r : grade.rules)
        addRuleRow(table, r);
}

QTableWidget* makeModulesTable(QWidget* parent)
{
    QTableWidget* table = makeReadOnlyTable(parent,
        { ResultTables::tr("Module"), ResultTables::tr("Serial"), ResultTables::tr("SoH C"),
            ResultTables::tr("SoH R"), ResultTables::tr("Spread"), ResultTables::tr("Note") });
    table->horizontalHeaderItem(ModuleSohCapacity)->setToolTip(ResultTables::tr("SoH capacity"));
    table->horizontalHeaderItem(ModuleSohResistance)
        ->setToolTip(ResultTables::tr("SoH resistance (R0 new / R0 now)"));
    table->horizontalHeaderItem(ModuleSpread)
        ->setToolTip(ResultTables::tr("Cell voltage spread at rest"));
    return table;
}

void fillModulesTable(QTableWidget* table, const core::Assessment& a,
    const core::GradeResult& grade, double weakBelow)
{
    table->setRowCount(0);
    const double median = medianSoh(a.modules);
    const Qt::Alignment right = Qt::AlignRight;
    for (const core::ModuleAssessment& m : a.modules) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, ModulePosition, item(QString::number(m.position), right));
        table->setItem(row, ModuleSerial, item(m.serial));
        table->setItem(row, ModuleSohCapacity,
            item(formatMeasure(QStringLiteral("soh_capacity"), m.sohCapacity.value), right));
        table->setItem(row, ModuleSohResistance,
            item(formatMeasure(QStringLiteral("soh_resistance"), m.sohResistance.value), right));
        table->setItem(row, ModuleSpread,
            item(formatMeasure(QStringLiteral("cell_voltage_spread_v"), m.cellVoltageSpreadV.value),
                right));
        const bool advised = grade.replaceModule && *grade.replaceModule == m.position;
        const bool weak = m.sohCapacity.valid() && std::isfinite(median)
            && m.sohCapacity.value < median - weakBelow;
        QString note;
        if (advised)
            note = ResultTables::tr("replace");
        else if (weak)
            note = ResultTables::tr("weak: −%1 pts")
                       .arg(localNumber((median - m.sohCapacity.value) * 100.0, 1));
        auto* noteItem = item(note);
        if (advised || weak) {
            noteItem->setForeground(gradeColor(QStringLiteral("recycle")));
            for (int c = 0; c < ModuleColumnCount - 1; ++c)
                table->item(row, c)->setBackground(QColor(0xff, 0xeb, 0xee));
        }
        table->setItem(row, ModuleNote, noteItem);
    }
}

} // namespace pg::app
