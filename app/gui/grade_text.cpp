#include "grade_text.h"

#include <QCoreApplication>
#include <cmath>

namespace pg::app {

namespace {
    // The translation context of these texts.
    struct GradeText {
        Q_DECLARE_TR_FUNCTIONS(GradeText)
    };
    QString tr(const char* text)
    {
        return GradeText::tr(text);
    }
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
        return tr("REUSE");
    if (grade == QLatin1String("repurpose"))
        return tr("REPURPOSE");
    if (grade == QLatin1String("recycle"))
        return tr("RECYCLE");
    if (grade == QLatin1String("retest"))
        return tr("RETEST");
    return grade.toUpper();
}

QString applicationTitle(const QString& application)
{
    if (application == QLatin1String("ev_reuse"))
        return tr("EV reuse");
    if (application == QLatin1String("light_ev_reuse"))
        return tr("Light-EV reuse");
    if (application == QLatin1String("stationary_storage"))
        return tr("Stationary storage");
    if (application == QLatin1String("safety"))
        return tr("Safety");
    if (application == QLatin1String("cross_check"))
        return tr("BMS cross-check");
    return application;
}

QString formatMeasure(const QString& measure, double value)
{
    if (!std::isfinite(value))
        return tr("not measured");
    if (measure == QLatin1String("soh_capacity") || measure == QLatin1String("soh_resistance")
        || measure == QLatin1String("capacity_spread") || measure == QLatin1String("bms_soh"))
        return QStringLiteral("%1 %").arg(value * 100.0, 0, 'f', 1);
    if (measure == QLatin1String("cell_voltage_spread_v"))
        return tr("%1 mV").arg(value * 1000.0, 0, 'f', 1);
    if (measure == QLatin1String("self_discharge_v_per_day"))
        return tr("%1 mV/day").arg(value * 1000.0, 0, 'f', 2);
    if (measure == QLatin1String("temperature_spread_c"))
        return tr("%1 °C").arg(value, 0, 'f', 1);
    if (measure == QLatin1String("isolation_ohm_per_v"))
        return tr("%1 Ω/V").arg(value, 0, 'f', 0);
    return QString::number(value, 'g', 4);
}

QString formatFractionWithInterval(double value, double stderrValue, double z)
{
    if (!std::isfinite(value))
        return tr("not measured");
    const double lo = value - z * stderrValue;
    const double hi = value + z * stderrValue;
    return tr("%1 % ± %2 % (interval %3 … %4 %)")
        .arg(value * 100.0, 0, 'f', 1)
        .arg(stderrValue * 100.0, 0, 'f', 1)
        .arg(lo * 100.0, 0, 'f', 1)
        .arg(hi * 100.0, 0, 'f', 1);
}

} // namespace pg::app
