#pragma once

#include "j1939_receiver.h"
#include "transport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace pg::can {

// Drives a J1939Receiver from a Transport with Qt's event loop: received frames in, CTS/EoMAck/
// abort frames out (only with an own address, on a transport that may transmit), T1/T2 from one
// QTimer set to the receiver's next deadline. Lives on the thread that owns the Transport.
// Like UdsSession it is the transport's consumer while it exists; 11-bit frames, which J1939
// never uses, are handed on through otherFrames().
class J1939Node : public QObject {
    Q_OBJECT
public:
    J1939Node(Transport& transport, J1939ReceiverConfig config = {}, QObject* parent = nullptr);

    std::size_t takeMessages(std::vector<J1939Message>& out)
    {
        return m_receiver.takeMessages(out);
    }
    std::size_t takeErrors(std::vector<J1939Error>& out) { return m_receiver.takeErrors(out); }

Q_SIGNALS:
    void messagesAvailable();
    void errorsAvailable();
    void otherFrames(const std::vector<pg::can::CanFrame>& frames);

private:
    void onFramesAvailable();
    void afterInput();
    std::int64_t nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    Transport& m_transport;
    J1939Receiver m_receiver;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::vector<CanFrame> m_batch;
    std::vector<CanFrame> m_tx;
};

} // namespace pg::can
