// Issue 9: a certificate issued from the inventory for a pack graded from a real simulated session
// (`simulate` against packgrade-sim, then `grade --session --db`) states the cell extremes, the
// temperatures and the key curve of that session. The truth is the session's own cells.csv and
// timeseries.csv, parsed here independently, and the tools of others (pdftotext, pdfimages, Python
// zlib on the PDF's content streams). A session folder changed after grading makes the
// certificate say so; a folder archived after grading leaves the inventory's copy in force.
#include "cli_session_fixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

using namespace pg::test;

namespace {

// What cells.csv says, parsed without PackGrade's code.
struct CellTruth {
    double minV = INFINITY, maxV = -INFINITY;
    int minCell = 0, maxCell = 0; // 1-based
    double minC = INFINITY, maxC = -INFINITY;
};

std::vector<QList<QByteArray>> csvRows(const QString& path, QList<QByteArray>* header)
{
    QFile f(path);
    std::vector<QList<QByteArray>> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    *header = f.readLine().trimmed().split(',');
    while (!f.atEnd()) {
        QList<QByteArray> cols = f.readLine().trimmed().split(',');
        if (cols.size() == header->size())
            rows.push_back(std::move(cols));
    }
    return rows;
}

// Cell voltages and temperatures: the lowest and highest reading of any cell or sensor during
// the whole session (a 0 V slot is no cell), and which cell (1-based).
CellTruth cellTruth(const QString& dir)
{
    QList<QByteArray> ch;
    CellTruth t;
    for (const auto& r : csvRows(dir + QStringLiteral("/cells.csv"), &ch)) {
        for (qsizetype c = 1; c < ch.size(); ++c) {
            const QByteArray& name = ch[c];
            const double v = r[c].toDouble();
            if (name.startsWith("cell_") && v != 0.0) {
                const int cell = name.mid(5, name.size() - 7).toInt() + 1;
                if (v < t.minV) {
                    t.minV = v;
                    t.minCell = cell;
                }
                if (v > t.maxV) {
                    t.maxV = v;
                    t.maxCell = cell;
                }
            }
            if (name.startsWith("temp_")) {
                t.minC = std::min(t.minC, v);
                t.maxC = std::max(t.maxC, v);
            }
        }
    }
    return t;
}

void copyFolder(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        ASSERT_TRUE(QFile::copy(file, target)) << target.toStdString();
    }
}

QString pdfText(const QString& pdf)
{
    const ToolResult r = runTool(QStringLiteral("pdftotext"),
        { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    // NFKC: the PDF font's "ﬁ" ligature reads back as "fi".
    return QString::fromUtf8(r.out).normalized(QString::NormalizationForm_KC).simplified();
}

class CertificateFromSession : public ::testing::Test {
protected:
    // One recording for the suite: the session fixture's 12-cell pack, worn to half its capacity,
    // through a full capacity test (charge, rest, C/3 discharge to the cut-off) at 1000 times
    // real time: about 10 s. Half its capacity, the pack is graded recycle
    // whatever its resistance (which a capacity test does not measure), so the grade certifies.
    static void SetUpTestSuite()
    {
        s_root = new QTemporaryDir;
        s_spec = writeSpec(
            *s_root, QStringLiteral("pack.json"), { { QStringLiteral("soh_capacity"), 0.5 } });
        // At 1000x the simulator keeps pace with the bench's measurements, so neither a machine
        // stalled by a parallel build (the BMS looked silent) nor the LFP knee falling between two
        // samples (a safe stop) can spoil the recording any more: the fixture recorded up to
        // three times for those before.
        s_session = s_root->filePath(QStringLiteral("session"));
        const Cli c = runCli({ QStringLiteral("simulate"), QStringLiteral("--pack"), s_spec,
            QStringLiteral("--procedure"), QStringLiteral("capacity"), QStringLiteral("--out"),
            s_session, QStringLiteral("--json"), QStringLiteral("--speed"),
            QStringLiteral("1000") });
        s_recorded = c.exitCode == 0
            && c.json.value(QStringLiteral("outcome")).toString() == QLatin1String("completed");
        if (!s_recorded)
            s_why = c.err + c.json.value(QStringLiteral("abort_reason")).toString();
        s_truth = c.json.value(QStringLiteral("truth")).toObject();
    }
    static void TearDownTestSuite()
    {
        delete s_root;
        s_root = nullptr;
    }
    void SetUp() override
    {
        ASSERT_TRUE(s_recorded) << s_why.toStdString();
        if (!haveProgram(QStringLiteral("pdftotext")))
            GTEST_SKIP() << "pdftotext is absent (Debian package poppler-utils)";
    }

    // A copy of the recorded session, graded into its own inventory.
    QString gradedCopy(const char* name)
    {
        const QString dir = m_tmp.filePath(QLatin1String(name));
        copyFolder(s_session, dir);
        // The demo inspection fills what a session cannot measure (isolation, self-discharge).
        const Cli g = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), dir,
            QStringLiteral("--inspection"),
            QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/demo/inspection.json"),
            QStringLiteral("--db"), db(name), QStringLiteral("--json") });
        EXPECT_EQ(g.exitCode, 0) << g.err.toStdString();
        EXPECT_NE(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("retest"))
            << QJsonDocument(g.json).toJson().toStdString();
        m_serial = g.json.value(QStringLiteral("pack_serial")).toString();
        return dir;
    }
    QString db(const char* name) const
    {
        return QStringLiteral("sqlite:") + m_tmp.filePath(QLatin1String(name) + QStringLiteral(".sqlite"));
    }
    // Issues the certificate of the pack from inventory `name`; returns its signed content.
    QJsonObject issue(const char* name)
    {
        const QString pdf = m_tmp.filePath(QLatin1String(name) + QStringLiteral(".pdf"));
        const QString json = m_tmp.filePath(QLatin1String(name) + QStringLiteral(".json"));
        const Cli c = runCli({ QStringLiteral("certificate"), m_serial, QStringLiteral("--db"),
            db(name), QStringLiteral("--out"), pdf, QStringLiteral("--json-out"), json,
            QStringLiteral("--key-dir"), m_tmp.filePath(QStringLiteral("keys")),
            QStringLiteral("--site"), QStringLiteral("Test site"), QStringLiteral("--json") });
        EXPECT_EQ(c.exitCode, 0) << c.err.toStdString();
        const Cli v = runCli({ QStringLiteral("verify"), pdf, QStringLiteral("--json"),
            QStringLiteral("--key-dir"), m_tmp.filePath(QStringLiteral("keys")) });
        EXPECT_EQ(v.exitCode, 0) << v.err.toStdString();
        EXPECT_TRUE(v.json.value(QStringLiteral("valid")).toBool());
        return readJsonFile(json).value(QStringLiteral("certificate")).toObject();
    }
    QString pdf(const char* name) const
    {
        return m_tmp.filePath(QLatin1String(name) + QStringLiteral(".pdf"));
    }
    double nominalAh() const
    {
        return readJsonFile(s_session + QStringLiteral("/session.json"))
            .value(QStringLiteral("capacity_ah"))
            .toDouble();
    }

    static inline QTemporaryDir* s_root = nullptr;
    static inline QString s_spec;
    static inline QString s_session;
    static inline bool s_recorded = false;
    static inline QString s_why;
    static inline QJsonObject s_truth;
    QTemporaryDir m_tmp;
    QString m_serial;
};

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

} // namespace

TEST_F(CertificateFromSession, StatesTheSessionsCellExtremesTemperaturesAndCurve)
{
    gradedCopy("verified");
    const QJsonObject cert = issue("verified");
    const QJsonObject test = cert.value(QStringLiteral("test")).toObject();
    const CellTruth truth = cellTruth(s_session);
    ASSERT_TRUE(std::isfinite(truth.minV) && std::isfinite(truth.minC));
    // The simulator's truth: the cell it left emptiest at the end of the discharge is the one
    // that read lowest (its cells differ by the fixture's 2 % capacity and resistance spread).
    const QJsonArray cells = s_truth.value(QStringLiteral("cells")).toArray();
    ASSERT_EQ(cells.size(), 12);
    int emptiest = 0;
    for (int i = 0; i < cells.size(); ++i) {
        if (cells[i].toObject().value(QStringLiteral("soc_end")).toDouble()
            < cells[emptiest].toObject().value(QStringLiteral("soc_end")).toDouble())
            emptiest = i;
    }
    EXPECT_EQ(truth.minCell, emptiest + 1);

    EXPECT_NEAR(test.value(QStringLiteral("minCellVoltageV")).toDouble(), truth.minV, 1e-4);
    EXPECT_NEAR(test.value(QStringLiteral("maxCellVoltageV")).toDouble(), truth.maxV, 1e-4);
    EXPECT_EQ(test.value(QStringLiteral("minCellNumber")).toInt(), truth.minCell);
    EXPECT_EQ(test.value(QStringLiteral("maxCellNumber")).toInt(), truth.maxCell);
    EXPECT_NEAR(test.value(QStringLiteral("minTemperatureC")).toDouble(), truth.minC, 0.01);
    EXPECT_NEAR(test.value(QStringLiteral("maxTemperatureC")).toDouble(), truth.maxC, 0.01);
    EXPECT_FALSE(test.contains(QStringLiteral("unavailable"))
        && test.value(QStringLiteral("unavailable")).toObject().contains(QStringLiteral("cellVoltages")));
    const QJsonObject session = test.value(QStringLiteral("session")).toObject();
    EXPECT_EQ(session.value(QStringLiteral("folderStatus")).toString(), QStringLiteral("verified"));
    EXPECT_EQ(session.value(QStringLiteral("manifestSha256")).toString(),
        fileSha256(s_session + QStringLiteral("/manifest.json")));

    // The curve is the capacity discharge: it starts near the rested pack voltage and ends at
    // the lowest voltage the bench recorded under discharge.
    const QJsonObject curve = test.value(QStringLiteral("curve")).toObject();
    const QJsonArray volts = curve.value(QStringLiteral("voltageV")).toArray();
    ASSERT_GE(volts.size(), 100);
    QList<QByteArray> th;
    double minUnderLoad = INFINITY;
    for (const auto& r : csvRows(s_session + QStringLiteral("/timeseries.csv"), &th)) {
        if (r[1].toDouble() > 0.01 * nominalAh())
            minUnderLoad = std::min(minUnderLoad, r[2].toDouble());
    }
    EXPECT_NEAR(volts.last().toDouble(), minUnderLoad, 0.05);
    EXPECT_TRUE(curve.value(QStringLiteral("title")).toString().contains(QStringLiteral("discharge")));

    // The page says it in words a buyer reads.
    const QString text = pdfText(pdf("verified"));
    EXPECT_TRUE(text.contains(fixed(truth.minV, 3) + QStringLiteral(" / ") + fixed(truth.maxV, 3)
        + QStringLiteral(" V")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(
        QStringLiteral("lowest cell %1, highest cell %2").arg(truth.minCell).arg(truth.maxCell)))
        << text.toStdString();
    EXPECT_TRUE(text.contains(
        fixed(truth.minC, 1) + QStringLiteral(" / ") + fixed(truth.maxC, 1) + QStringLiteral(" °C")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("verified against its manifest"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("unavailable"))) << text.toStdString();
}

// The curve is vector: no raster image in the PDF, and its content streams draw hundreds of line
// segments (Python's zlib inflates them; the PDF operators are counted, not PackGrade's numbers).
TEST_F(CertificateFromSession, CurveIsDrawnAsVectorPaths)
{
    gradedCopy("vector");
    const QJsonObject cert = issue("vector");
    const int points = cert.value(QStringLiteral("test"))
                           .toObject()
                           .value(QStringLiteral("curve"))
                           .toObject()
                           .value(QStringLiteral("voltageV"))
                           .toArray()
                           .size();
    if (haveProgram(QStringLiteral("pdfimages"))) {
        const ToolResult images = runTool(QStringLiteral("pdfimages"),
            { QStringLiteral("-list"), pdf("vector") });
        ASSERT_EQ(images.exitCode, 0) << images.err.toStdString();
        // Header and rule lines only: not one image.
        EXPECT_LE(images.out.count('\n'), 2) << images.out.toStdString();
    }
    const QString script = QStringLiteral(
        "import re,sys,zlib\n"
        "d=open(sys.argv[1],'rb').read()\n"
        "n=0\n"
        "for m in re.finditer(rb'/FlateDecode[^>]*>>\\s*stream\\r?\\n',d):\n"
        "    s=d[m.end():]\n"
        "    try: t=zlib.decompressobj().decompress(s)\n"
        "    except Exception: continue\n"
        "    n+=len(re.findall(rb'(?m)^[-0-9. ]+ l$',t))\n"
        "print(n)\n");
    const ToolResult r = runTool(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral("-c"), script, pdf("vector") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_GE(r.out.trimmed().toInt(), points - 1) << "line segments in the page: "
                                                   << r.out.toStdString();
}

// Changed after grading: the certificate is still issued and verifies, but says the folder was
// altered, names the file, and states no value from it.
TEST_F(CertificateFromSession, AlteredSessionFolderIsStatedAndItsValuesWithheld)
{
    const QString dir = gradedCopy("altered");
    QFile cells(dir + QStringLiteral("/cells.csv"));
    ASSERT_TRUE(cells.open(QIODevice::ReadWrite));
    QByteArray bytes = cells.readAll();
    const qsizetype at = bytes.indexOf(",4.") + 3; // the first cell voltage's first decimal
    ASSERT_GT(at, 3);
    bytes[at] = bytes[at] == '1' ? '2' : '1';
    cells.seek(0);
    cells.write(bytes);
    cells.close();

    const QJsonObject test = issue("altered").value(QStringLiteral("test")).toObject();
    EXPECT_EQ(test.value(QStringLiteral("session")).toObject().value(QStringLiteral("folderStatus")),
        QStringLiteral("altered"));
    const QJsonObject why = test.value(QStringLiteral("unavailable")).toObject();
    for (const char* key : { "cellVoltages", "temperatures", "curve" })
        EXPECT_TRUE(why.value(QLatin1String(key)).toString().contains(QStringLiteral("cells.csv")))
            << key;
    EXPECT_EQ(test.value(QStringLiteral("minCellVoltageV")).toDouble(), 0.0);
    EXPECT_TRUE(test.value(QStringLiteral("curve")).toObject().value(QStringLiteral("timeS")).toArray().isEmpty());
    const QString text = pdfText(pdf("altered"));
    EXPECT_TRUE(text.contains(QStringLiteral("SESSION FOLDER ALTERED"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("cells.csv"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("unavailable"))) << text.toStdString();
}

// Archived after grading: the values the inventory kept at grading time are stated, and the
// certificate says where they come from.
TEST_F(CertificateFromSession, ArchivedSessionFolderLeavesTheInventorysCopy)
{
    const QString dir = gradedCopy("archived");
    const CellTruth truth = cellTruth(dir);
    ASSERT_TRUE(QDir(dir).rename(dir, dir + QStringLiteral(".archived")));
    const QJsonObject test = issue("archived").value(QStringLiteral("test")).toObject();
    EXPECT_EQ(test.value(QStringLiteral("session")).toObject().value(QStringLiteral("folderStatus")),
        QStringLiteral("archived"));
    EXPECT_NEAR(test.value(QStringLiteral("minCellVoltageV")).toDouble(), truth.minV, 1e-4);
    EXPECT_NEAR(test.value(QStringLiteral("maxTemperatureC")).toDouble(), truth.maxC, 0.01);
    EXPECT_GE(test.value(QStringLiteral("curve")).toObject().value(QStringLiteral("voltageV")).toArray().size(), 100);
    const QString text = pdfText(pdf("archived"));
    EXPECT_TRUE(text.contains(QStringLiteral("no longer available"))) << text.toStdString();
    EXPECT_TRUE(text.contains(fixed(truth.minV, 3))) << text.toStdString();
}

// cells.csv read by grading and by the certificate's evidence alike (core::readSessionTable): a
// reading that is no number is refused naming the file, line and column; a row with fewer cells
// than the header is left out, and the grade's notes and the certificate's cell basis say which
// line. The truth is the line this test changed, and the extremes of the rows left (parsed here).
TEST_F(CertificateFromSession, MalformedCellsCsvIsNamedAndARowCutShortIsSaidSo)
{
    // Unsealed copies (no manifest.json), so that the changed file is read, not refused as altered.
    const auto changedCopy = [&](const char* name, const auto& change) {
        const QString dir = m_tmp.filePath(QLatin1String(name));
        copyFolder(s_session, dir);
        EXPECT_TRUE(QFile::remove(dir + QStringLiteral("/manifest.json")));
        QFile f(dir + QStringLiteral("/cells.csv"));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        QList<QByteArray> fields = lines[4].split(','); // line 5: the fourth reading
        change(fields);
        lines[4] = fields.join(',');
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join('\n'));
        return dir;
    };
    const QString bad = changedCopy("no-number", [](QList<QByteArray>& f) { f[1] = "3.7x"; });
    const Cli refused = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), bad,
        QStringLiteral("--no-store"), QStringLiteral("--json") });
    EXPECT_EQ(refused.exitCode, 3) << refused.out.toStdString();
    EXPECT_TRUE(refused.err.contains(bad + QStringLiteral("/cells.csv:5: column 'cell_0_v'"))
        && refused.err.contains(QStringLiteral("3.7x")))
        << refused.err.toStdString();

    const QString cut = changedCopy("cut", [](QList<QByteArray>& f) { f.removeLast(); });
    const Cli g = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), cut,
        QStringLiteral("--inspection"),
        QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/demo/inspection.json"),
        QStringLiteral("--db"), db("cut"), QStringLiteral("--json") });
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    const QString notes = QJsonDocument(g.json.value(QStringLiteral("notes")).toArray()).toJson();
    EXPECT_TRUE(notes.contains(QStringLiteral("cells.csv left out (line 5)"))) << notes.toStdString();
    m_serial = g.json.value(QStringLiteral("pack_serial")).toString();
    const QJsonObject test = issue("cut").value(QStringLiteral("test")).toObject();
    EXPECT_TRUE(test.value(QStringLiteral("cellVoltageBasis"))
                    .toString()
                    .contains(QStringLiteral("cells.csv left out (line 5)")))
        << QJsonDocument(test).toJson().toStdString();
    const CellTruth truth = cellTruth(cut); // skips the row cut short, as a CSV reader must
    EXPECT_NEAR(test.value(QStringLiteral("minCellVoltageV")).toDouble(), truth.minV, 1e-4);
    EXPECT_NEAR(test.value(QStringLiteral("maxCellVoltageV")).toDouble(), truth.maxV, 1e-4);
}

// A session with an HPPC pulse and a capacity test: the certificate states the pack's R0 with
// the uncertainty the session's estimator gave it (estimates.json, written when the session
// ended, before any grade or certificate existed), in its signed JSON and on the PDF as the
// 95 % interval; and the simulator's R0 lies near it.
TEST(CertificateResistance, StatesR0WithTheSessionsUncertainty)
{
    if (!haveProgram(QStringLiteral("pdftotext")))
        GTEST_SKIP() << "pdftotext is absent (Debian package poppler-utils)";
    QTemporaryDir tmp;
    // Worn to half its capacity: graded recycle whatever its resistance, so it certifies.
    const QString spec = writeSpec(tmp, QStringLiteral("pack.json"), { { QStringLiteral("soh_capacity"), 0.5 } });
    const QString plan = tmp.filePath(QStringLiteral("plan.json"));
    {
        QFile f(plan);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "r0-and-capacity", "steps": [{"type": "snapshot"},
            {"type": "hppc", "options": {"levels": 1}}, {"type": "capacity"}]})");
    }
    const QString session = tmp.filePath(QStringLiteral("session"));
    const Cli s = runCli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--plan"), plan, QStringLiteral("--out"), session, QStringLiteral("--speed"),
        QStringLiteral("1000"), QStringLiteral("--json") });
    ASSERT_EQ(s.exitCode, 0) << s.err.toStdString();
    ASSERT_EQ(s.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << s.json.value(QStringLiteral("abort_reason")).toString().toStdString();
    const QJsonObject r0 = readJsonFile(session + QStringLiteral("/estimates.json"))
                               .value(QStringLiteral("r0_ohm"))
                               .toObject();
    ASSERT_GT(r0.value(QStringLiteral("stderr")).toDouble(), 0.0) << "the session has no R0 with an uncertainty";

    const QString db = QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("inv.sqlite"));
    const Cli g = runCli({ QStringLiteral("grade"), QStringLiteral("--session"), session,
        QStringLiteral("--inspection"), QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/demo/inspection.json"),
        QStringLiteral("--db"), db, QStringLiteral("--json") });
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    const QString pdf = tmp.filePath(QStringLiteral("c.pdf"));
    const QString json = tmp.filePath(QStringLiteral("c.json"));
    const Cli c = runCli({ QStringLiteral("certificate"), g.json.value(QStringLiteral("pack_serial")).toString(),
        QStringLiteral("--db"), db, QStringLiteral("--out"), pdf, QStringLiteral("--json-out"), json,
        QStringLiteral("--key-dir"), tmp.filePath(QStringLiteral("keys")), QStringLiteral("--json") });
    ASSERT_EQ(c.exitCode, 0) << c.err.toStdString();
    const QJsonObject test = readJsonFile(json)
                                 .value(QStringLiteral("certificate"))
                                 .toObject()
                                 .value(QStringLiteral("test"))
                                 .toObject();
    EXPECT_DOUBLE_EQ(test.value(QStringLiteral("internalResistanceOhm")).toDouble(),
        r0.value(QStringLiteral("value")).toDouble());
    EXPECT_DOUBLE_EQ(test.value(QStringLiteral("internalResistanceStderrOhm")).toDouble(),
        r0.value(QStringLiteral("stderr")).toDouble());
    EXPECT_GT(test.value(QStringLiteral("sohResistanceStderr")).toDouble(), 0.0);
    // The simulator's R0 (25 degC; the pack sits at 25 degC) is near the certified value: the
    // fit's own interval is narrow, the pack's temperature rise under the pulse is not in it.
    const double truthR0 = s.json.value(QStringLiteral("truth")).toObject().value(QStringLiteral("r0_ohm")).toDouble();
    EXPECT_NEAR(test.value(QStringLiteral("internalResistanceOhm")).toDouble(), truthR0, 0.05 * truthR0);

    const auto text = runTool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    ASSERT_EQ(text.exitCode, 0);
    const QString expected = QStringLiteral("± %1 mOhm")
                                 .arg(1.96 * r0.value(QStringLiteral("stderr")).toDouble() * 1000, 0, 'f', 2);
    EXPECT_TRUE(QString::fromUtf8(text.out).contains(expected))
        << "no '" << expected.toStdString() << "' on the PDF:\n" << text.out.toStdString();
}
