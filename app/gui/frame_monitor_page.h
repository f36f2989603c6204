#pragma once

#include "can/bus_event.h"
#include "can/can_frame.h"

#include <QWidget>
#include <vector>

class QPlainTextEdit;
class QTableView;

namespace pg::app {

class FrameTableModel;

// The Frame monitor screen: one row per CAN id (count, rate, last payload) and the bus events,
// for the technician who needs to see the raw bus.
class FrameMonitorPage : public QWidget {
    Q_OBJECT
public:
    explicit FrameMonitorPage(QWidget* parent = nullptr);

    void addFrames(const std::vector<can::CanFrame>& frames);
    void addBusEvent(const can::BusEvent& event);
    void clear();
    FrameTableModel* model() const { return m_model; }

private:
    FrameTableModel* m_model;
    QTableView* m_table;
    QPlainTextEdit* m_events;
};

} // namespace pg::app
