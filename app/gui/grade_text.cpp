#include "grade_text.h"

#include "language.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace pg::app {

namespace {
    // The translation context of these texts.
    struct GradeText {
        Q_DECLARE_TR_FUNCTIONS(GradeText)
    };
} // namespace

QColor gradeColor(const QString& grade)
{
    if (grade == QLatin1String("reuse"))
        return QColor(0x2e, 0x7d, 0x32);
    if (grade == QLatin1String("repurpose"))
        return QColor(0xef, 0x8f, 0x00);
    if (grade == QLatin1String("recycle"))
        return QColor(0xc6, 0x28, 0x28);
    if (grade == QLatin1String("retest"))
        return QColor(0x15, 0x65, 0xc0);
    return QColor(0x75, 0x75, 0x75);
}

QString gradeTitle(const QString& grade)
{
    if (grade == QLatin1String("reuse"))
        return GradeText::tr("REUSE");
    if (grade == QLatin1String("repurpose"))
        return GradeText::tr("REPURPOSE");
    if (grade == QLatin1String("recycle"))
        return GradeText::tr("RECYCLE");
    if (grade == QLatin1String("retest"))
        return GradeText::tr("RETEST");
    return grade.toUpper();
}

QString applicationTitle(const QString& application)
{
    if (application == QLatin1String("ev_reuse"))
        return GradeText::tr("EV reuse");
    if (application == QLatin1String("light_ev_reuse"))
        return GradeText::tr("Light-EV reuse");
    if (application == QLatin1String("stationary_storage"))
        return GradeText::tr("Stationary storage");
    if (application == QLatin1String("safety"))
        return GradeText::tr("Safety");
    if (application == QLatin1String("cross_check"))
        return GradeText::tr("BMS cross-check");
    return application;
}

QString formatMeasure(const QString& measure, double value)
{
    if (!std::isfinite(value))
        return GradeText::tr("not measured");
    if (measure == QLatin1String("soh_capacity") || measure == QLatin1String("soh_resistance")
        || measure == QLatin1String("capacity_spread") || measure == QLatin1String("bms_soh"))
        return QStringLiteral("%1 %").arg(localNumber(value * 100.0, 1));
    if (measure == QLatin1String("cell_voltage_spread_v"))
        return GradeText::tr("%1 mV").arg(localNumber(value * 1000.0, 1));
    if (measure == QLatin1String("self_discharge_v_per_day"))
        return GradeText::tr("%1 mV/day").arg(localNumber(value * 1000.0, 2));
    if (measure == QLatin1String("temperature_spread_c"))
        return GradeText::tr("%1 °C").arg(localNumber(value, 1));
    if (measure == QLatin1String("isolation_ohm_per_v"))
        return GradeText::tr("%1 Ω/V").arg(localNumber(value, 0));
    return QLocale().toString(value, 'g', 4);
}

QString formatFractionWithInterval(double value, double stderrValue, double z)
{
    if (!std::isfinite(value))
        return GradeText::tr("not measured");
    const double lo = value - z * stderrValue;
    const double hi = value + z * stderrValue;
    return GradeText::tr("%1 % ± %2 % (interval %3 … %4 %)")
        .arg(localNumber(value * 100.0, 1))
        .arg(localNumber(stderrValue * 100.0, 1))
        .arg(localNumber(lo * 100.0, 1))
        .arg(localNumber(hi * 100.0, 1));
}

} // namespace pg::app
