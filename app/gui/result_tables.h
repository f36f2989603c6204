#pragma once
// The two tables of the result screen, filled from core objects: every rule the grader checked
// (measured value, threshold, margin, outcome) and the modules with the weak ones marked.
#include "core/assessment.h"
#include "core/grading.h"

#include <QStringList>

class QTableWidget;
class QWidget;

namespace pg::app {

enum RuleColumn {
    RuleApplication,
    RuleName,
    RuleMeasured,
    RuleThreshold,
    RuleMargin,
    RuleOutcome,
    RuleColumnCount
};
enum ModuleColumn {
    ModulePosition,
    ModuleSerial,
    ModuleSohCapacity,
    ModuleSohResistance,
    ModuleSpread,
    ModuleNote,
    ModuleColumnCount
};

// A read-only table with these column headers, columns sized to their contents.
QTableWidget* makeReadOnlyTable(QWidget* parent, const QStringList& headers);

QTableWidget* makeRulesTable(QWidget* parent);
void fillRulesTable(QTableWidget* table, const core::GradeResult& grade);

QTableWidget* makeModulesTable(QWidget* parent);
// A module is weak when its SoH capacity lies more than `weakBelow` under the median of the
// modules, or when it is the module the grader advises to replace.
void fillModulesTable(QTableWidget* table, const core::Assessment& assessment,
    const core::GradeResult& grade, double weakBelow = 0.05);

} // namespace pg::app
