#pragma once

#include "bench_io.h"

#include <QFile>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <tl/expected.hpp>

namespace pg::core {

// A session folder, written as the test runs so that a crash or an abort keeps everything
// measured until then:
//   session.json     what, when, software version, outcome ("running" until it ends)
//   timeseries.csv   time_s,current_a,voltage_v,temperature_c (the interchange CSV)
//   cells.csv        time_s,cell_0_v,..,temp_0_c,..
//   events.jsonl     one JSON object per procedure event, safety stop and error
//   scpi.log         every command to the load/PSU and its replies (written by ScpiLoad)
//   estimates.json   the estimators' inputs and outputs, once the run ends
//   bms_snapshot.json  the BMS's first reading, before any load was switched on (cross-check)
//   channels/        per-cell interchange CSVs and manifest.json (SHA-256 of every bulk
//                    file), written when the session is sealed (session_files.h)
class SessionRecorder {
public:
    static tl::expected<SessionRecorder*, QString> create(const QString& dir, const QJsonObject& meta);
    ~SessionRecorder();

    void sample(const LoadMeasurement& load, const std::optional<BmsReading>& bms);
    void event(double timeS, const QString& kind, const QString& text);
    void finish(const QString& outcome, const QString& abortReason, const QJsonObject& estimates);

    const QString& dir() const { return m_dir; }
    QString path(const char* name) const;

    // Sessions under `root` whose session.json still says "running" while the program that
    // recorded them is gone: interrupted by a crash or a power cut; the program offers to resume
    // or close them (session_state.h has the details).
    static QStringList findInterrupted(const QString& root);

private:
    SessionRecorder(QString dir, QJsonObject meta);
    void writeMeta();
    void writeFirstSnapshot(const BmsReading& bms);
    QJsonObject estimatorInputs() const;

    QString m_dir;
    QJsonObject m_meta;
    QFile m_series;
    QFile m_cells;
    QFile m_events;
    int m_cellColumns = -1; // fixed by the first reading that has cells (cells.csv's header)
    int m_tempColumns = 0;
    double m_lastT = -1;
    bool m_snapshotWritten = false;
};

} // namespace pg::core
