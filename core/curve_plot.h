#pragma once

#include "certificate_data.h"

#include <QFont>
#include <QRectF>
#include <vector>

class QPainter;

namespace pg::core {

// Draws the certificate's key test curve (voltage over time) into `frame` as vector paths:
// frame, grid, ticks at 1/2/5 steps, axis labels and the curve. No QCustomPlot here: it is a
// widget and core/ renders PDFs headless (see docs/notes-certificates.md).
// An empty curve draws a dashed box with `emptyText` (default: no curve was recorded).
void drawCurvePlot(QPainter& painter, const QRectF& frame, const std::vector<CurveSample>& curve,
    const QFont& font, const QString& emptyText = QString());

// Tick positions covering [lo, hi] at a 1, 2 or 5 x 10^n step, about `target` of them.
std::vector<double> niceTicks(double lo, double hi, int target);

} // namespace pg::core
