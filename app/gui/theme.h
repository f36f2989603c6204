#pragma once

class QCustomPlot;

namespace pg::app {

// Light or dark colours for the whole application (Fusion style, so the palette is honoured the
// same on every desktop). High-DPI scaling is Qt 6's default; icons and plots scale with it.
void applyTheme(bool dark);
// Gives a plot the application palette's background, text and grid colours (QCustomPlot draws
// white by default).
void stylePlot(QCustomPlot* plot);

} // namespace pg::app
