// A second process on a Qt virtual CAN bus, for transport tests: sends COUNT numbered frames,
// echoes every frame it receives back with id + 1, and exits after SECONDS.
//   can_peer DEVICE COUNT SECONDS
#include "can/transport_factory.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: can_peer DEVICE COUNT SECONDS\n");
        return 2;
    }
    pg::can::TransportOptions options;
    options.listenOnly = false;
    auto transport = pg::can::createTransport(QString::fromLocal8Bit(argv[1]), options);
    if (!transport) {
        std::fprintf(stderr, "%s\n", qPrintable(transport.error()));
        return 1;
    }
    pg::can::Transport& bus = **transport;
    bus.open();
    if (!bus.waitOpened(5000)) {
        std::fprintf(stderr, "%s\n", qPrintable(bus.lastError()));
        return 1;
    }
    const int count = std::atoi(argv[2]);
    std::vector<pg::can::CanFrame> batch;
    QObject::connect(&bus, &pg::can::Transport::framesAvailable, &app, [&] {
        batch.clear();
        bus.takeFrames(batch);
        for (pg::can::CanFrame f : batch) {
            f.id += 1;
            (void)bus.send(f);
        }
    });
    std::printf("ready\n");
    std::fflush(stdout);
    int sent = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        // Wait for "go" on stdin? Simpler: the test connects first, then we start after 300 ms.
        for (int burst = 0; burst < 50 && sent < count; ++burst, ++sent) {
            pg::can::CanFrame f;
            f.id = 0x100 + static_cast<std::uint32_t>(sent % 16);
            f.len = 8;
            for (int b = 0; b < 4; ++b)
                f.data[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(sent >> (8 * b));
            (void)bus.send(f);
        }
        if (sent >= count)
            tick.stop();
    });
    QTimer::singleShot(300, &app, [&] { tick.start(1); });
    QTimer::singleShot(static_cast<int>(std::atof(argv[3]) * 1000), &app, &QCoreApplication::quit);
    app.exec();
    bus.close();
    return 0;
}
