#include "session_recorder.h"

#include "packgrade_version.h"
#include "session_files.h"
#include "session_state.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QUuid>

#include <QDateTime>
#include <cmath>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>

namespace pg::core {

tl::expected<SessionRecorder*, QString> SessionRecorder::create(const QString& dir, const QJsonObject& meta)
{
    if (!QDir().mkpath(dir))
        return tl::make_unexpected(dir + QStringLiteral(": cannot create the session folder"));
    auto* r = new SessionRecorder(dir, meta);
    r->m_series.setFileName(r->path("timeseries.csv"));
    r->m_cells.setFileName(r->path("cells.csv"));
    r->m_events.setFileName(r->path("events.jsonl"));
    for (QFile* f : { &r->m_series, &r->m_cells, &r->m_events }) {
        if (!f->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            const QString why = f->fileName() + QStringLiteral(": cannot write: ") + f->errorString();
            delete r;
            return tl::make_unexpected(why);
        }
    }
    QFile resume(r->path("resume.json")); // left by prepareResume (session_state.h)
    if (resume.open(QIODevice::ReadOnly)) {
        const QJsonObject from = QJsonDocument::fromJson(resume.readAll()).object();
        r->m_meta[QStringLiteral("resumed_from")] = from;
        for (const char* key : { "pack_serial", "pack_spec_sha256" }) // same pack as the attempt
            if (from.contains(QLatin1String(key)))
                r->m_meta[QLatin1String(key)] = from.value(QLatin1String(key));
    }
    r->m_series.write("time_s,current_a,voltage_v,temperature_c\n");
    r->writeMeta();
    return r;
}

SessionRecorder::SessionRecorder(QString dir, QJsonObject meta)
    : m_dir(std::move(dir))
    , m_meta(std::move(meta))
{
    m_meta[QStringLiteral("software")] = QStringLiteral("packgrade %1").arg(QLatin1String(pg::kVersion));
    m_meta[QStringLiteral("started")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m_meta[QStringLiteral("outcome")] = QStringLiteral("running");
    // Who was writing, so that a restarted program tells a live session from a killed one.
    m_meta[QStringLiteral("session_id")] = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_meta[QStringLiteral("pid")] = static_cast<double>(QCoreApplication::applicationPid());
    m_meta[QStringLiteral("host")] = QHostInfo::localHostName();
}

void SessionRecorder::writeFirstSnapshot(const BmsReading& bms)
{
    m_snapshotWritten = true;
    // A plan's snapshot step has stored the full one (serial, DTCs, counters) before any command:
    // keep it rather than overwrite it with this shorter one.
    if (QFile::exists(path("bms_snapshot.json")))
        return;
    QJsonArray cells, temps;
    for (double v : bms.cellVoltagesV)
        cells.append(v);
    for (double t : bms.temperaturesC)
        temps.append(t);
    QJsonObject o { { QStringLiteral("time_s"), bms.timeS }, { QStringLiteral("cell_voltages_v"), cells },
        { QStringLiteral("temperatures_c"), temps }, { QStringLiteral("isolation_fault"), bms.isolationFault } };
    if (bms.socPct)
        o[QStringLiteral("soc_pct")] = *bms.socPct;
    if (bms.sohPct)
        o[QStringLiteral("soh_pct")] = *bms.sohPct;
    QSaveFile f(path("bms_snapshot.json"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(o).toJson());
        f.commit();
    }
}

SessionRecorder::~SessionRecorder() = default;

QString SessionRecorder::path(const char* name) const { return QDir(m_dir).filePath(QLatin1String(name)); }

void SessionRecorder::writeMeta()
{
    QSaveFile f(path("session.json")); // atomic: a crash never leaves half a session.json
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(m_meta).toJson());
        f.commit();
    }
}

void SessionRecorder::sample(const LoadMeasurement& load, const std::optional<BmsReading>& bms)
{
    // The interchange CSV needs strictly increasing time as written (millisecond resolution):
    // two readings within the same millisecond (a paced simulator, a fast bench) keep the first.
    const double writtenT = std::round(load.timeS * 1000.0) / 1000.0;
    if (writtenT <= m_lastT)
        return;
    m_lastT = writtenT;
    double temp = std::nan("");
    if (bms && !bms->temperaturesC.empty()) {
        temp = bms->temperaturesC.front();
        for (double t : bms->temperaturesC)
            temp = std::max(temp, t);
    }
    m_series.write(QStringLiteral("%1,%2,%3,%4\n").arg(load.timeS, 0, 'f', 3).arg(load.currentA, 0, 'g', 8)
                       .arg(load.voltageV, 0, 'g', 8).arg(std::isnan(temp) ? QString() : QString::number(temp, 'f', 2))
                       .toLatin1());
    m_series.flush();
    if (!bms)
        return;
    if (!m_snapshotWritten)
        writeFirstSnapshot(*bms);
    // The header is fixed by the first reading that carries cells: a BMS read over CAN may
    // have given only its pack values when the first sample is taken (a cell set arrives whole
    // or not at all), and a header without cell columns would leave the whole session without
    // per-cell data. Rows before it have no cells to record.
    if (m_cellColumns < 0) {
        if (bms->cellVoltagesV.empty())
            return;
        m_cellColumns = static_cast<int>(bms->cellVoltagesV.size());
        m_tempColumns = static_cast<int>(bms->temperaturesC.size());
        QString header = QStringLiteral("time_s");
        for (int k = 0; k < m_cellColumns; ++k)
            header += QStringLiteral(",cell_%1_v").arg(k);
        for (int k = 0; k < m_tempColumns; ++k)
            header += QStringLiteral(",temp_%1_c").arg(k);
        m_cells.write(header.toLatin1() + '\n');
    }
    // Exactly the header's columns (a value the reading lacks stays empty).
    QString row = QString::number(load.timeS, 'f', 3);
    for (int k = 0; k < m_cellColumns; ++k) {
        row += QLatin1Char(',');
        if (k < static_cast<int>(bms->cellVoltagesV.size()))
            row += QString::number(bms->cellVoltagesV[static_cast<std::size_t>(k)], 'f', 4);
    }
    for (int k = 0; k < m_tempColumns; ++k) {
        row += QLatin1Char(',');
        if (k < static_cast<int>(bms->temperaturesC.size()))
            row += QString::number(bms->temperaturesC[static_cast<std::size_t>(k)], 'f', 2);
    }
    m_cells.write(row.toLatin1() + '\n');
    m_cells.flush();
}

void SessionRecorder::event(double timeS, const QString& kind, const QString& text)
{
    const QJsonObject e { { QStringLiteral("time_s"), timeS }, { QStringLiteral("kind"), kind }, { QStringLiteral("text"), text } };
    m_events.write(QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n');
    m_events.flush();
}

void SessionRecorder::finish(const QString& outcome, const QString& abortReason, const QJsonObject& estimates)
{
    m_meta[QStringLiteral("outcome")] = outcome;
    m_meta[QStringLiteral("abort_reason")] = abortReason.isEmpty() ? QJsonValue() : QJsonValue(abortReason);
    m_meta[QStringLiteral("ended")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    writeMeta();
    m_series.flush();
    QJsonObject withInputs = estimates;
    withInputs[QStringLiteral("inputs")] = estimatorInputs();
    QSaveFile f(path("estimates.json"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(withInputs).toJson());
        f.commit();
    }
    m_cells.flush();
    m_events.flush();
    if (auto sealed = sealSession(m_dir); !sealed)
        event(m_lastT, QStringLiteral("error"), sealed.error().message);
}

// What the estimators were given: the series (by name and hash) and the pack's rating.
QJsonObject SessionRecorder::estimatorInputs() const
{
    QJsonObject in { { QStringLiteral("series_file"), QStringLiteral("timeseries.csv") },
        { QStringLiteral("series_sha256"), sha256OfFile(path("timeseries.csv")).value_or(QString()) } };
    for (const char* key : { "procedure", "chemistry", "series", "capacity_ah", "nominal_r0_ohm" })
        in[QLatin1String(key)] = m_meta.value(QLatin1String(key));
    return in;
}

QStringList SessionRecorder::findInterrupted(const QString& root)
{
    QStringList out; // "running" and its program gone: a live session is not interrupted
    for (const SessionStatus& s : listSessions(root))
        if (s.interrupted())
            out.append(s.dir);
    return out;
}

} // namespace pg::core
