#pragma once

#include <QString>

class QWidget;

namespace pg::app {

// A warning that says what happened and what to do, shown without blocking the event loop
// (window-modal, deleted when closed): transports, runs and tests keep going behind it.
void showErrorDialog(QWidget* parent, const QString& title, const QString& message);

} // namespace pg::app
