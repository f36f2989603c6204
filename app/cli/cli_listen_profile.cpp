// packgrade-cli listen DEVICE --profile P: the live PackSnapshot stream a technician watches.
#include "cli_listen_profile.h"

#include "cli_common.h"
#include "core/snapshot_assembler.h"
#include "core/snapshot_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace pg::app {

namespace {

    void printJsonLine(const QJsonObject& o)
    {
        printOut(
            QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
    }

    // "12.345 pack_voltage_v=371.5 pack_current_a=87.5 cells=96 dtc=2"
    QString snapshotLine(const core::PackSnapshot& s)
    {
        QString line = QString::number(s.timeS, 'f', 3);
        for (int i = 0; i < static_cast<int>(can::SnapshotField::Count); ++i) {
            const auto field = static_cast<can::SnapshotField>(i);
            const can::FieldInfo& info = can::fieldInfo(field);
            if (info.shape == can::FieldShape::Array) {
                const auto* arr = s.array(field);
                if (!arr->empty())
                    line
                        += QStringLiteral(" %1=[%2]").arg(QLatin1String(info.key)).arg(arr->size());
                continue;
            }
            const core::SnapshotValue& v = s.get(field);
            if (!v.present)
                continue;
            const QString value = !v.valid            ? QStringLiteral("invalid")
                : info.shape == can::FieldShape::Text ? v.text
                                                      : QString::number(v.value, 'g', 8);
            line += QStringLiteral(" %1=%2%3")
                        .arg(QLatin1String(info.key), value,
                            v.stale ? QStringLiteral("(stale)") : QString());
        }
        return line + QLatin1Char('\n');
    }

    struct Counters {
        std::uint64_t frames = 0;
        std::uint64_t snapshots = 0;
    };

} // namespace

int listenWithProfile(QCoreApplication& app, can::Transport& t, const can::ProfileDecoder& decoder,
    const ListenLimits& limits)
{
    core::SnapshotAssembler assembler(decoder, { limits.intervalS });
    Counters n;
    std::vector<can::CanFrame> batch;
    std::vector<core::PackSnapshot> snapshots;
    auto drain = [&] {
        batch.clear();
        t.takeFrames(batch);
        n.frames += batch.size();
        snapshots.clear();
        assembler.addFrames(batch, snapshots);
        n.snapshots += snapshots.size();
        for (const core::PackSnapshot& s : snapshots) {
            if (limits.json) {
                QJsonObject o = core::snapshotToJson(s);
                o[QStringLiteral("type")] = QStringLiteral("snapshot");
                printJsonLine(o);
            } else {
                printOut(snapshotLine(s));
            }
        }
        if (n.frames >= limits.maxFrames)
            app.quit();
    };
    QObject::connect(&t, &can::Transport::framesAvailable, &app, drain);
    QObject::connect(&t, &can::Transport::endOfStream, &app, &QCoreApplication::quit);
    t.open();
    if (!t.waitOpened(5000))
        return fail({ core::kExitFailed, t.lastError() });
    if (!limits.json)
        printErr(QStringLiteral("listening on %1 with profile %2")
                     .arg(t.description(), QString::fromStdString(decoder.profile().name)));
    QTimer::singleShot(static_cast<int>(limits.seconds * 1000), &app, &QCoreApplication::quit);
    app.exec();
    drain(); // what arrived after the last notification
    t.close();
    if (limits.json) {
        QJsonObject summary = core::snapshotToJson(assembler.snapshot(assembler.lastTimeS()));
        summary[QStringLiteral("type")] = QStringLiteral("summary");
        summary[QStringLiteral("device")] = t.description();
        summary[QStringLiteral("frames")] = static_cast<double>(n.frames);
        summary[QStringLiteral("snapshots")] = static_cast<double>(n.snapshots);
        summary[QStringLiteral("dropped")] = static_cast<double>(t.framesDropped());
        summary[QStringLiteral("check_failures")] = static_cast<double>(decoder.checkFailures());
        printJsonLine(summary);
    } else {
        printOut(QStringLiteral("%1: %2 frames, %3 snapshots, %4 dropped\n")
                     .arg(t.description())
                     .arg(n.frames)
                     .arg(n.snapshots)
                     .arg(t.framesDropped()));
    }
    return t.state() == can::Transport::State::Failed ? core::kExitFailed : core::kExitOk;
}

} // namespace pg::app
