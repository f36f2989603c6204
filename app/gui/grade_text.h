#pragma once
// How grades and measured values read on screen: the grade's colour and words, and each measure
// in the unit a grader expects (percent for fractions, mV for cell spread).
#include <QColor>
#include <QString>

namespace pg::app {

// reuse green, repurpose amber, recycle red, retest blue; grey for anything else.
QColor gradeColor(const QString& grade);
// "REUSE", translated.
QString gradeTitle(const QString& grade);
// "ev_reuse" -> "EV reuse", translated.
QString applicationTitle(const QString& application);
// A value of a grading measure in its display unit, e.g. "82.4 %", "12.0 mV", "450 Ω/V".
QString formatMeasure(const QString& measure, double value);
// "82.4 % ± 1.0 % (95 %: 80.4 … 84.4 %)" for a fraction with its standard error and z.
QString formatFractionWithInterval(double value, double stderrValue, double z);

} // namespace pg::app
