#include "curve_plot.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

    struct Range {
        double lo = 0.0;
        double hi = 1.0;
    };

    Range padded(Range r, double fraction)
    {
        if (r.hi - r.lo < 1e-9) {
            r.lo -= 0.5;
            r.hi += 0.5;
        }
        const double pad = (r.hi - r.lo) * fraction;
        return { r.lo - pad, r.hi + pad };
    }

    QString tickText(double value, double step)
    {
        const int decimals
            = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
        return QString::number(value, 'f', decimals);
    }

    double mapX(const QRectF& plot, Range x, double v)
    {
        return plot.left() + (v - x.lo) / (x.hi - x.lo) * plot.width();
    }
    double mapY(const QRectF& plot, Range y, double v)
    {
        return plot.bottom() - (v - y.lo) / (y.hi - y.lo) * plot.height();
    }

    // Grid lines and tick labels at nice steps.
    void drawGrid(QPainter& painter, const QRectF& plot, Range x, Range y, const QFontMetricsF& fm)
    {
        const auto px = [&](double v) { return mapX(plot, x, v); };
        const auto py = [&](double v) { return mapY(plot, y, v); };
        const QPen grid(QColor(0xd8, 0xdc, 0xe2), fm.height() * 0.04);
        const QPen text(QColor(0x33, 0x33, 0x33));
        const auto xt = niceTicks(x.lo, x.hi, 6);
        const auto yt = niceTicks(y.lo, y.hi, 5);
        for (double t : xt) {
            painter.setPen(grid);
            painter.drawLine(QPointF(px(t), plot.top()), QPointF(px(t), plot.bottom()));
            painter.setPen(text);
            const QString s = tickText(t, xt.size() > 1 ? xt[1] - xt[0] : 1.0);
            painter.drawText(
                QPointF(px(t) - fm.horizontalAdvance(s) / 2, plot.bottom() + fm.height()), s);
        }
        for (double t : yt) {
            painter.setPen(grid);
            painter.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)));
            painter.setPen(text);
            const QString s = tickText(t, yt.size() > 1 ? yt[1] - yt[0] : 1.0);
            painter.drawText(QPointF(plot.left() - fm.horizontalAdvance(s) - fm.height() * 0.3,
                                 py(t) + fm.ascent() / 2.5),
                s);
        }
    }

} // namespace

std::vector<double> niceTicks(double lo, double hi, int target)
{
    std::vector<double> ticks;
    if (!(hi > lo) || target < 1)
        return ticks;
    const double raw = (hi - lo) / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10.0;
    for (const double m : { 1.0, 2.0, 5.0 }) {
        if (raw <= m * magnitude) {
            step = m * magnitude;
            break;
        }
    }
    for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

void drawCurvePlot(QPainter& painter, const QRectF& frame, const std::vector<CurveSample>& curve,
    const QFont& font, const QString& emptyText)
{
    painter.save();
    painter.setFont(font);
    const QFontMetricsF fm(font, painter.device());
    if (curve.empty()) { // no axes to nothing: a plain box that says so
        painter.setPen(QPen(QColor(0xaa, 0xaa, 0xaa), fm.height() * 0.06, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(frame.adjusted(0, fm.height() * 0.5, 0, -fm.height() * 0.5));
        painter.setPen(QColor(0x5f, 0x66, 0x70));
        painter.drawText(frame.adjusted(fm.height(), fm.height(), -fm.height(), -fm.height()),
            Qt::AlignCenter | Qt::TextWordWrap,
            emptyText.isEmpty() ? QStringLiteral("No test curve was recorded with this grade.")
                                : emptyText);
        painter.restore();
        return;
    }
    const bool minutes = !curve.empty() && curve.back().timeS - curve.front().timeS > 1200.0;
    const double timeScale = minutes ? 1.0 / 60.0 : 1.0;
    Range x { 0.0, 1.0 };
    Range y { 0.0, 1.0 };
    if (!curve.empty()) {
        x = { curve.front().timeS * timeScale, curve.back().timeS * timeScale };
        const auto [mn, mx] = std::minmax_element(curve.begin(), curve.end(),
            [](const auto& a, const auto& b) { return a.voltageV < b.voltageV; });
        y = padded({ mn->voltageV, mx->voltageV }, 0.08);
    }
    const QRectF plot
        = frame.adjusted(fm.horizontalAdvance(QStringLiteral("0.00")) + fm.height() * 1.6,
            fm.height() * 0.5, -fm.height() * 0.5, -fm.height() * 2.4);
    const auto px = [&](double v) { return mapX(plot, x, v); };
    const auto py = [&](double v) { return mapY(plot, y, v); };
    drawGrid(painter, plot, x, y, fm);
    const QPen text(QColor(0x33, 0x33, 0x33));
    painter.setPen(QPen(QColor(0x55, 0x55, 0x55), fm.height() * 0.06));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    const QString xLabel = minutes ? QStringLiteral("Time (min)") : QStringLiteral("Time (s)");
    painter.setPen(text);
    painter.drawText(QPointF(plot.center().x() - fm.horizontalAdvance(xLabel) / 2,
                         frame.bottom() - fm.descent()),
        xLabel);
    painter.save();
    painter.translate(frame.left() + fm.ascent(),
        plot.center().y() + fm.horizontalAdvance(QStringLiteral("Voltage (V)")) / 2);
    painter.rotate(-90);
    painter.drawText(QPointF(0, 0), QStringLiteral("Voltage (V)"));
    painter.restore();
    QPainterPath path;
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const QPointF p(px(curve[i].timeS * timeScale), py(curve[i].voltageV));
        i == 0 ? path.moveTo(p) : path.lineTo(p);
    }
    if (curve.empty())
        painter.drawText(
            plot, Qt::AlignCenter, QStringLiteral("no curve recorded with this grade"));
    painter.setPen(QPen(
        QColor(0x1f, 0x5f, 0xa8), fm.height() * 0.12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(path);
    painter.restore();
}

} // namespace pg::core
