#pragma once

namespace pg::app {

// Light or dark colours for the whole application (Fusion style, so the palette is honoured the
// same on every desktop). High-DPI scaling is Qt 6's default; icons and plots scale with it.
void applyTheme(bool dark);

} // namespace pg::app
