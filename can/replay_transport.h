#pragma once

#include "transport.h"

namespace pg::can {

// Plays a recorded log (candump .log, Vector .asc, PCAN .trc) as if it were a live adapter:
// with its original timing (speed 1), faster or slower (speed N), or as fast as the consumer
// takes frames (speed 0; never drops, waits for the queue instead). Malformed lines become
// Malformed events naming the file and line; the rest of the file still plays.
class ReplayTransport : public Transport {
    Q_OBJECT
public:
    ReplayTransport(QString path, double speed, TransportOptions options = {}, QObject* parent = nullptr);

    QString deviceName() const override { return QStringLiteral("replay:") + m_path; }
    double speed() const { return m_speed; }

protected:
    TransportWorker* createWorker(std::shared_ptr<TransportShared> shared) override;

private:
    QString m_path;
    double m_speed;
};

} // namespace pg::can
