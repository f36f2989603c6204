// Certificate evidence from a session folder (issue 9): cell extremes, temperatures, the key curve.
#include "certificate_evidence.h"

#include "models/fade.h"
#include "session_files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace pg::core {

namespace {

    using Obj = QJsonObject;
    inline QString k(const char* key)
    {
        return QString::fromLatin1(key);
    }

    constexpr int kMaxCurvePoints = 400; // a vector polyline a buyer's viewer draws at once
    constexpr double kPulseMaxS = 120.0; // a discharge run this short is an HPPC pulse
    constexpr double kCapacityMinS = 600.0; // and one this long a capacity discharge

    QString manifestHash(const QString& dir)
    {
        QFile f(QDir(dir).filePath(QStringLiteral("manifest.json")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromLatin1(
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }

    // cells.csv: the lowest and highest reading of any cell and which cell gave it (under load the
    // weakest cell shows itself; the spread at rest is the grade's own measure), and of any
    // temperature sensor. A reading of exactly 0 V is a frame slot without a cell, not a cell.
    struct CellScan {
        int cells = 0;
        int sensors = 0;
        qsizetype rows = 0;
        QString skipped; // rows of cells.csv left out, in words
        double lo = INFINITY, hi = -INFINITY, loAt = 0, hiAt = 0;
        int loCell = 0, hiCell = 0; // 0-based
        double tLo = INFINITY, tHi = -INFINITY;
    };

    CellScan scanCells(const SessionTable& t)
    {
        CellScan s;
        std::vector<int> cellOf(t.columns.size(), -1);
        std::vector<bool> isTemp(t.columns.size(), false);
        for (qsizetype c = 1; c < t.header.size(); ++c) {
            if (t.header[c].startsWith("cell_"))
                cellOf[static_cast<std::size_t>(c)] = s.cells++;
            else if (t.header[c].startsWith("temp_")) {
                isTemp[static_cast<std::size_t>(c)] = true;
                ++s.sensors;
            }
        }
        s.rows = static_cast<qsizetype>(t.rows());
        s.skipped = t.skippedText();
        // Row by row, so that of equal readings the earliest (then the lowest cell) is named.
        for (std::size_t i = 0; i < t.rows(); ++i) {
            const double time = t.columns[0][i];
            for (std::size_t c = 1; c < t.columns.size(); ++c) {
                const double v = t.columns[c][i];
                const int cell = cellOf[c];
                if (cell >= 0 && v != 0.0) {
                    if (v < s.lo) {
                        s.lo = v;
                        s.loCell = cell;
                        s.loAt = time;
                    }
                    if (v > s.hi) {
                        s.hi = v;
                        s.hiCell = cell;
                        s.hiAt = time;
                    }
                } else if (isTemp[c] && std::isfinite(v)) {
                    s.tLo = std::min(s.tLo, v);
                    s.tHi = std::max(s.tHi, v);
                }
            }
        }
        return s;
    }

    void cellExtremes(const CellScan& s, Obj& out, Obj& unavailable)
    {
        if (!std::isfinite(s.lo) || !std::isfinite(s.hi)) {
            unavailable[k("cellVoltages")]
                = QStringLiteral("the session's cells.csv holds no BMS cell voltage readings");
            return;
        }
        out[k("cells")] = Obj { { k("minCellVoltageV"), s.lo },
            { k("minCellNumber"), s.loCell + 1 }, { k("minAtS"), s.loAt },
            { k("maxCellVoltageV"), s.hi }, { k("maxCellNumber"), s.hiCell + 1 },
            { k("maxAtS"), s.hiAt }, { k("cellCount"), s.cells },
            { k("basis"),
                QStringLiteral("lowest and highest BMS cell reading during the test (%1 readings "
                               "of %2 cells)")
                        .arg(s.rows)
                        .arg(s.cells)
                    + (s.skipped.isEmpty() ? QString() : QStringLiteral("; ") + s.skipped) } };
    }

    // Temperatures: the lowest and highest any BMS sensor read during the whole session; the
    // bench's pack sensor (timeseries.csv) when the BMS sends none.
    void temperatures(const CellScan& cells, const SessionTable& series, Obj& out, Obj& unavailable)
    {
        double lo = cells.tLo, hi = cells.tHi;
        int sensors = cells.sensors;
        QString basis = QStringLiteral("BMS cell sensors over the whole session");
        if (sensors == 0 || !std::isfinite(lo)) {
            const qsizetype c = series.indexOf("temperature_c");
            if (c > 0) {
                for (const double v : series.columns[static_cast<std::size_t>(c)]) {
                    if (std::isfinite(v)) { // empty: no sensor reading at that sample
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
                }
            }
            sensors = c > 0 ? 1 : 0;
            basis = QStringLiteral("the bench's pack sensor over the whole session");
        }
        if (!std::isfinite(lo) || !std::isfinite(hi)) {
            unavailable[k("temperatures")]
                = QStringLiteral("the session recorded no temperature (cells.csv, timeseries.csv)");
            return;
        }
        out[k("temperatures")] = Obj { { k("minC"), std::round(lo * 100) / 100 },
            { k("maxC"), std::round(hi * 100) / 100 }, { k("sensors"), sensors },
            { k("basis"), basis } };
    }

    // timeseries.csv's time, current and voltage columns (empty when it has none of them).
    struct Series {
        const std::vector<double>* t = nullptr;
        const std::vector<double>* amps = nullptr;
        const std::vector<double>* volts = nullptr;
        std::size_t size() const { return t ? t->size() : 0; }
    };

    Series seriesOf(const SessionTable& table)
    {
        const qsizetype t = table.indexOf("time_s"), i = table.indexOf("current_a"),
                        v = table.indexOf("voltage_v");
        if (t < 0 || i < 0 || v < 0)
            return {};
        return { &table.columns[static_cast<std::size_t>(t)],
            &table.columns[static_cast<std::size_t>(i)], &table.columns[static_cast<std::size_t>(v)] };
    }

    struct Run {
        std::size_t first = 0, last = 0; // rows of timeseries.csv
        double seconds(const Series& s) const { return (*s.t)[last] - (*s.t)[first]; }
    };

    // Contiguous runs of discharge current (positive) above 1 % of C.
    std::vector<Run> dischargeRuns(const Series& s, double capacityAh)
    {
        std::vector<Run> runs;
        bool in = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const bool on = (*s.amps)[i] > 0.01 * capacityAh;
            if (on && !in)
                runs.push_back({ i, i });
            if (on)
                runs.back().last = i;
            in = on;
        }
        return runs;
    }

    double meanCurrent(const Series& s, const Run& r)
    {
        double sum = 0;
        for (std::size_t i = r.first; i <= r.last; ++i)
            sum += (*s.amps)[i];
        return sum / static_cast<double>(r.last - r.first + 1);
    }

    // The key test curve: the longest capacity discharge, else the first HPPC discharge pulse with
    // 10 s before and 40 s after it. Pack voltage over time from the curve's start.
    void keyCurve(const SessionTable& table, double capacityAh, Obj& out, Obj& unavailable)
    {
        const Series series = seriesOf(table);
        if (series.size() == 0) {
            unavailable[k("curve")] = QStringLiteral("the session's timeseries.csv holds no data");
            return;
        }
        const std::vector<double>& time = *series.t;
        const std::vector<Run> runs = dischargeRuns(series, capacityAh);
        const auto longest = std::max_element(runs.begin(), runs.end(),
            [&](const Run& a, const Run& b) { return a.seconds(series) < b.seconds(series); });
        double fromS = 0, toS = 0;
        QString title;
        if (longest != runs.end() && longest->seconds(series) >= kCapacityMinS) {
            fromS = time[longest->first];
            toS = time[longest->last];
            const double amps = meanCurrent(series, *longest);
            const double rate = amps / capacityAh;
            title = QStringLiteral("Capacity discharge at %1 A (%2): pack voltage")
                        .arg(amps, 0, 'f', 2)
                        .arg(rate >= 0.95 ? QString::number(rate, 'f', 1) + QLatin1Char('C')
                                          : QStringLiteral("C/%1").arg(std::round(1.0 / rate)));
        } else {
            const auto pulse = std::find_if(runs.begin(), runs.end(), [&](const Run& r) {
                return r.seconds(series) > 0 && r.seconds(series) <= kPulseMaxS;
            });
            if (pulse == runs.end()) {
                unavailable[k("curve")] = QStringLiteral(
                    "the session holds neither a capacity discharge nor an HPPC pulse");
                return;
            }
            fromS = time[pulse->first] - 10.0;
            toS = time[pulse->last] + 40.0;
            title = QStringLiteral("HPPC discharge pulse, %1 A for %2 s: pack voltage")
                        .arg(meanCurrent(series, *pulse), 0, 'f', 1)
                        .arg(std::round(pulse->seconds(series)));
        }
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (time[i] >= fromS && time[i] <= toS)
                rows.push_back(i);
        }
        const std::size_t stride = (rows.size() + kMaxCurvePoints - 1) / kMaxCurvePoints;
        QJsonArray times, volts;
        for (std::size_t j = 0; j < rows.size(); ++j) {
            if (j % std::max<std::size_t>(1, stride) != 0 && j + 1 != rows.size())
                continue;
            times.append(std::round((time[rows[j]] - fromS) * 1000) / 1000);
            volts.append(std::round((*series.volts)[rows[j]] * 1e4) / 1e4);
        }
        out[k("curve")]
            = Obj { { k("title"), title }, { k("timeS"), times }, { k("voltageV"), volts } };
    }

    double num(const Obj& o, const char* key)
    {
        return o.value(QLatin1String(key)).toDouble();
    }

    // The folder-derived values of `evidence` into the certificate.
    void putValues(CertificateData& d, const Obj& evidence)
    {
        const Obj cells = evidence.value(k("cells")).toObject();
        if (!cells.isEmpty()) {
            d.minCellVoltageV = num(cells, "minCellVoltageV");
            d.maxCellVoltageV = num(cells, "maxCellVoltageV");
            d.minCellNumber = cells.value(k("minCellNumber")).toInt();
            d.maxCellNumber = cells.value(k("maxCellNumber")).toInt();
            d.cellVoltageBasis = cells.value(k("basis")).toString();
        }
        for (const QJsonValue& v : evidence.value(k("bmsDtcs")).toArray()) {
            const QString code = QStringLiteral("BMS: ") + v.toString();
            if (!d.dtcs.contains(code))
                d.dtcs.append(code);
        }
        const Obj r0 = evidence.value(k("resistance")).toObject();
        if (r0.value(k("r0Ohm")).isDouble())
            d.internalResistanceOhm = num(r0, "r0Ohm");
        if (r0.value(k("stderrOhm")).isDouble() && num(r0, "stderrOhm") > 0.0)
            d.internalResistanceStderrOhm = num(r0, "stderrOhm");
        const Obj temps = evidence.value(k("temperatures")).toObject();
        if (!temps.isEmpty()) {
            d.minTemperatureC = num(temps, "minC");
            d.maxTemperatureC = num(temps, "maxC");
        }
        const Obj curve = evidence.value(k("curve")).toObject();
        if (!curve.isEmpty()) {
            d.curveTitle = curve.value(k("title")).toString();
            const QJsonArray t = curve.value(k("timeS")).toArray();
            const QJsonArray v = curve.value(k("voltageV")).toArray();
            d.curve.clear();
            for (qsizetype i = 0; i < t.size() && i < v.size(); ++i)
                d.curve.push_back({ t.at(i).toDouble(), v.at(i).toDouble() });
        }
        const Obj why = evidence.value(k("unavailable")).toObject();
        for (auto i = why.begin(); i != why.end(); ++i)
            d.unavailable.insert(i.key(), i.value().toString());
    }

    void markUnavailable(CertificateData& d, const QString& reason)
    {
        for (const char* key : { "cellVoltages", "temperatures", "curve" })
            d.unavailable.insert(k(key), reason);
        d.minCellVoltageV = d.maxCellVoltageV = 0.0;
        d.minCellNumber = d.maxCellNumber = 0;
        d.minTemperatureC = d.maxTemperatureC = 0.0;
        d.internalResistanceOhm.reset();
        d.internalResistanceStderrOhm.reset();
        d.unavailable.insert(k("internalResistance"), reason);
        d.curve.clear();
    }

    QString shortHash(const QString& sha)
    {
        return sha.left(16);
    }

} // namespace

QJsonObject collectCertificateEvidence(const QString& dir, double nominalCapacityAh)
{
    const QDir d(dir);
    // A malformed file states its file and line instead of the values (a certificate can print
    // that); a file that is absent holds no readings.
    const auto cellTable = readSessionTable(d.filePath(QStringLiteral("cells.csv")));
    const auto seriesTable = readSessionTable(d.filePath(QStringLiteral("timeseries.csv")));
    const CellScan cells = cellTable ? scanCells(*cellTable) : CellScan {};
    const SessionTable none;
    const SessionTable& series = seriesTable ? *seriesTable : none;
    Obj out { { k("version"), kEvidenceVersion },
        { k("sessionId"),
            readJsonFileObject(d.filePath(QStringLiteral("session.json")))
                .value(k("session_id"))
                .toString() },
        { k("sessionDir"), d.absolutePath() }, { k("manifestSha256"), manifestHash(dir) } };
    Obj unavailable;
    cellExtremes(cells, out, unavailable);
    // Trouble codes the BMS reported in the session's first snapshot.
    const QJsonArray dtcs = readJsonFileObject(d.filePath(QStringLiteral("bms_snapshot.json")))
                                .value(k("dtcs"))
                                .toArray();
    if (!dtcs.isEmpty()) {
        QJsonArray codes;
        for (const QJsonValue& v : dtcs)
            codes.append(v.isString() ? v.toString() : QString::number(v.toDouble()));
        out[k("bmsDtcs")] = codes;
    }
    // The pack's R0 as the session recorded it (estimates.json; the grade compared it with the
    // estimators re-run on timeseries.csv).
    const QJsonObject r0 = readJsonFileObject(d.filePath(QStringLiteral("estimates.json")))
                               .value(k("r0_ohm"))
                               .toObject();
    if (r0.value(k("value")).isDouble() && r0.value(k("value")).toDouble() > 0)
        out[k("resistance")] = Obj { { k("r0Ohm"), r0.value(k("value")).toDouble() },
            { k("stderrOhm"), r0.value(k("stderr")).toDouble() },
            { k("method"), r0.value(k("method")).toString() } };
    temperatures(cells, series, out, unavailable);
    keyCurve(series, nominalCapacityAh, out, unavailable);
    if (!cellTable)
        unavailable[k("cellVoltages")] = cellTable.error().message;
    if (!seriesTable)
        unavailable[k("curve")] = seriesTable.error().message;
    if (unavailable.contains(k("temperatures")) && (!cellTable || !seriesTable))
        unavailable[k("temperatures")]
            = (!cellTable ? cellTable.error() : seriesTable.error()).message;
    if (!unavailable.isEmpty())
        out[k("unavailable")] = unavailable;
    return out;
}

SessionFolderCheck checkSessionFolder(const QString& dir, const QString& manifestSha256)
{
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return { QStringLiteral("missing"), QStringLiteral("no folder at %1").arg(dir) };
    const QString now = manifestHash(dir);
    if (now.isEmpty())
        return { QStringLiteral("unsealed"),
            QStringLiteral("%1 has no manifest.json, so its files cannot be verified").arg(dir) };
    if (!manifestSha256.isEmpty() && now != manifestSha256)
        return { QStringLiteral("altered"),
            QStringLiteral("%1/manifest.json was rewritten since grading (sha256 %2, %3 expected)")
                .arg(dir, shortHash(now), shortHash(manifestSha256)) };
    // Every file the manifest lists, by its hash (as verifyManifest, with a shorter message that
    // a certificate can print).
    QFile m(QDir(dir).filePath(QStringLiteral("manifest.json")));
    if (!m.open(QIODevice::ReadOnly))
        return { QStringLiteral("altered"), QStringLiteral("%1/manifest.json cannot be read").arg(dir) };
    const QJsonObject files
        = QJsonDocument::fromJson(m.readAll()).object().value(k("files")).toObject();
    for (auto i = files.begin(); i != files.end(); ++i) {
        const QString expected = i.value().toObject().value(k("sha256")).toString();
        auto hash = sha256OfFile(QDir(dir).filePath(i.key()));
        if (!hash)
            return { QStringLiteral("altered"),
                QStringLiteral("%1 (listed in %2/manifest.json) is missing").arg(i.key(), dir) };
        if (*hash != expected)
            return { QStringLiteral("altered"),
                QStringLiteral("%1 in %2 changed since the session was sealed (sha256 %3, %4 "
                               "expected)")
                    .arg(i.key(), dir, shortHash(*hash), shortHash(expected)) };
    }
    return { QStringLiteral("verified"), QString() };
}

void applyCertificateEvidence(CertificateData& d, const QJsonObject& stored,
    const QString& sessionDir, const QString& sessionId, double nominalCapacityAh)
{
    const QString dir = sessionDir.isEmpty() ? stored.value(k("sessionDir")).toString() : sessionDir;
    d.sessionId = sessionId.isEmpty() ? stored.value(k("sessionId")).toString() : sessionId;
    if (dir.isEmpty() && stored.isEmpty()) {
        d.sessionFolderStatus = QStringLiteral("none");
        d.sessionStatement = QStringLiteral(
            "Graded from an assessment without a recorded session: no cell voltages, "
            "temperatures or curve to state.");
        markUnavailable(d, QStringLiteral("the grade has no recorded session"));
        return;
    }
    const QString expected = stored.value(k("manifestSha256")).toString();
    const SessionFolderCheck check = checkSessionFolder(dir, expected);
    d.sessionFolderStatus = check.status;
    if (check.status == QLatin1String("altered")) {
        d.sessionManifestSha256 = expected;
        d.sessionStatement = QStringLiteral(
            "SESSION FOLDER ALTERED since it was recorded: %1. Cell voltages, temperatures and "
            "the curve are not stated; re-test the pack before relying on this grade.")
                                 .arg(check.detail);
        markUnavailable(d, QStringLiteral("session folder altered: ") + check.detail);
        return;
    }
    if (!stored.isEmpty()) {
        putValues(d, stored);
        d.sessionManifestSha256 = expected;
        if (check.status == QLatin1String("verified"))
            d.sessionStatement = QStringLiteral(
                "Session folder %1 verified against its manifest (sha256 %2).")
                                     .arg(dir, shortHash(expected));
        else {
            d.sessionFolderStatus = QStringLiteral("archived");
            d.sessionStatement = QStringLiteral(
                "Session folder no longer available (%1). The values are the inventory's copy "
                "taken when the pack was graded from the folder with manifest sha256 %2.")
                                     .arg(check.detail, shortHash(expected));
        }
        return;
    }
    // Graded before the inventory kept the evidence: only a folder that verifies can give it.
    if (check.status != QLatin1String("verified")) {
        d.sessionStatement = QStringLiteral(
            "Session folder not available (%1) and the inventory holds no copy of its values: "
            "cell voltages, temperatures and the curve are not stated.")
                                 .arg(check.detail);
        markUnavailable(d, QStringLiteral("session folder %1: %2").arg(check.status, check.detail));
        return;
    }
    const QJsonObject now = collectCertificateEvidence(dir, nominalCapacityAh);
    putValues(d, now);
    d.sessionManifestSha256 = now.value(k("manifestSha256")).toString();
    d.sessionStatement = QStringLiteral(
        "Session folder %1 verified against its manifest (sha256 %2).")
                             .arg(dir, shortHash(d.sessionManifestSha256));
}

LifeProjection projectRemainingLife(
    const std::vector<std::pair<QDateTime, double>>& history, double endOfLifeSoh)
{
    LifeProjection out;
    std::vector<std::pair<QDateTime, double>> h;
    for (const auto& [t, soh] : history) {
        if (t.isValid() && std::isfinite(soh) && soh > 0)
            h.push_back({ t, soh });
    }
    std::sort(h.begin(), h.end());
    if (h.size() < 8) {
        out.unavailable = QStringLiteral(
            "a fade rate needs at least 8 capacity tests of this pack over time; the inventory "
            "holds %1")
                              .arg(h.size());
        return out;
    }
    if (!(endOfLifeSoh > 0)) {
        out.unavailable = QStringLiteral("the grade names no end-of-life capacity SoH");
        return out;
    }
    // Days since the first test, from 1 (the fade models want positive, increasing x).
    std::vector<double> day, soh;
    for (const auto& [t, s] : h) {
        const double x = 1.0 + static_cast<double>(h.front().first.secsTo(t)) / 86400.0;
        if (!day.empty() && !(x > day.back()))
            continue;
        day.push_back(x);
        soh.push_back(s);
    }
    models::FadeOptions o;
    o.nominalAh = 1.0; // SoH is capacity / nominal
    o.thresholds = { endOfLifeSoh };
    o.coverage = 0.95;
    auto fit = models::fitFade(day, soh, o, "capacity history");
    if (!fit || fit->projections.empty()) {
        out.unavailable = QStringLiteral("no fade model fits the pack's capacity history: %1")
                              .arg(fit ? QStringLiteral("no projection")
                                       : QString::fromStdString(fit.error().toString()));
        return out;
    }
    const models::FadeProjection& p = fit->projections.front();
    const auto years = [&](double d) {
        return std::isfinite(d) ? std::max(0.0, (d - day.back()) / 365.25) : INFINITY;
    };
    if (!std::isfinite(p.cycle) || !std::isfinite(p.highCycle)) {
        out.unavailable = QStringLiteral(
            "the fitted fade does not reach %1 % within %2 times the history's span")
                              .arg(endOfLifeSoh * 100, 0, 'f', 0)
                              .arg(o.horizonFactor);
        return out;
    }
    out.years = years(p.cycle);
    out.yearsLow = years(p.lowCycle);
    out.yearsHigh = years(p.highCycle);
    out.method = QStringLiteral("%1 over %2 capacity tests in %3 days (models/fade.h)")
                     .arg(QString::fromStdString(fit->method))
                     .arg(day.size())
                     .arg(std::round(day.back() - 1.0));
    return out;
}

} // namespace pg::core
