// The measured part of the certificate page: results, curve, remaining life, rules, signature.
#include "certificate_pdf_sections.h"
#include "curve_plot.h"
#include "qr_code.h"

#include <QFontMetricsF>
#include <cmath>

namespace pg::core::pdf {

namespace {

    using Cell = PdfCanvas::Cell;
    using Row = PdfCanvas::Row;

    const QColor kInk(0x11, 0x11, 0x11);
    const QColor kGrey(0x5f, 0x66, 0x70);
    constexpr double kZ95 = 1.96;

    QString num(double value, int decimals)
    {
        return QString::number(value, 'f', decimals);
    }
    QString pm(double stderrValue, int decimals, const QString& unit)
    {
        return QStringLiteral("± ") + num(kZ95 * stderrValue, decimals) + unit;
    }
    Row row(
        const QString& name, const QString& result, const QString& uncertainty, const QString& note)
    {
        return { Cell { name, kGrey }, Cell { result, kInk, true }, Cell { uncertainty, kInk },
            Cell { note, kGrey } };
    }
    QString displayUnit(const QString& unit)
    {
        return unit == QLatin1String("degC") ? QStringLiteral("°C") : unit;
    }
    QString displayComparison(const QString& op)
    {
        return op == QLatin1String(">=") ? QStringLiteral("≥")
            : op == QLatin1String("<=")  ? QStringLiteral("≤")
                                         : op;
    }
    QString notMeasured()
    {
        return QStringLiteral("not measured");
    }

    std::vector<Row> resultRows(const CertificateData& d)
    {
        std::vector<Row> rows;
        rows.push_back(row(QStringLiteral("Measured capacity"),
            num(d.measuredCapacityAh, 3) + QStringLiteral(" Ah"),
            pm(d.measuredCapacityStderrAh, 3, QStringLiteral(" Ah")), d.capacityMethod));
        rows.push_back(
            row(QStringLiteral("Capacity SoH"), num(d.sohCapacity * 100, 1) + QStringLiteral(" %"),
                pm(d.sohCapacityStderr * 100, 1, QStringLiteral(" %")),
                QStringLiteral("of %1 Ah nominal; capacity fade %2 %")
                    .arg(num(d.nominalCapacityAh, 2), num((1 - d.sohCapacity) * 100, 1))));
        rows.push_back(row(QStringLiteral("Resistance SoH"),
            d.sohResistance ? num(*d.sohResistance * 100, 1) + QStringLiteral(" %") : notMeasured(),
            d.sohResistance && d.sohResistanceStderr
                ? pm(*d.sohResistanceStderr * 100, 1, QStringLiteral(" %"))
                : QString(),
            d.sohResistance ? QStringLiteral("R0 new / R0 now; increase %1 %")
                                  .arg(num((1 / *d.sohResistance - 1) * 100, 1))
                            : QString()));
        const QString r0Why = d.unavailable.value(QStringLiteral("internalResistance"));
        rows.push_back(row(QStringLiteral("Internal resistance"),
            d.internalResistanceOhm
                ? num(*d.internalResistanceOhm * 1000, 1) + QStringLiteral(" mOhm")
                : (r0Why.isEmpty() ? notMeasured() : QStringLiteral("unavailable")),
            d.internalResistanceOhm && d.internalResistanceStderrOhm
                ? pm(*d.internalResistanceStderrOhm * 1000, 2, QStringLiteral(" mOhm"))
                : QString(),
            r0Why.isEmpty() ? QStringLiteral("pack, R0") : r0Why));
        rows.push_back(row(QStringLiteral("Power capability"),
            d.powerCapabilityW ? num(*d.powerCapabilityW / 1000, 2) + QStringLiteral(" kW")
                               : notMeasured(),
            QString(),
            d.powerCapabilityW ? QStringLiteral("at %1 % SoC").arg(num(d.powerAtSoc * 100, 0))
                               : QString()));
        // Exact zeros for both ends mean "not recorded" (a grade from an assessment that holds
        // only the spread), not a pack at 0 V and 0 degC. A reason in `unavailable` says why.
        const QString cellsWhy = d.unavailable.value(QStringLiteral("cellVoltages"));
        const bool cellsKnown
            = cellsWhy.isEmpty() && (d.minCellVoltageV != 0.0 || d.maxCellVoltageV != 0.0);
        QString cellNote = QStringLiteral("spread at rest %1 mV").arg(num(d.cellSpreadV * 1000, 1));
        if (cellsKnown && d.minCellNumber > 0) // the column holds about 50 characters
            cellNote = QStringLiteral("lowest cell %1, highest cell %2; rest spread %3 mV")
                           .arg(d.minCellNumber)
                           .arg(d.maxCellNumber)
                           .arg(num(d.cellSpreadV * 1000, 1));
        if (!cellsWhy.isEmpty())
            cellNote += QStringLiteral("; min / max unavailable: ") + cellsWhy;
        rows.push_back(row(QStringLiteral("Cell voltage min / max"),
            cellsKnown ? num(d.minCellVoltageV, 3) + QStringLiteral(" / ")
                    + num(d.maxCellVoltageV, 3) + QStringLiteral(" V")
                       : (cellsWhy.isEmpty() ? notMeasured() : QStringLiteral("unavailable")),
            QString(), cellNote));
        const QString tempWhy = d.unavailable.value(QStringLiteral("temperatures"));
        const bool temperaturesKnown
            = tempWhy.isEmpty() && (d.minTemperatureC != 0.0 || d.maxTemperatureC != 0.0);
        rows.push_back(row(QStringLiteral("Temperature min / max"),
            temperaturesKnown ? num(d.minTemperatureC, 1) + QStringLiteral(" / ")
                    + num(d.maxTemperatureC, 1) + QStringLiteral(" °C")
                              : (tempWhy.isEmpty() ? notMeasured() : QStringLiteral("unavailable")),
            QString(),
            temperaturesKnown ? QStringLiteral("during the test, all sensors") : tempWhy));
        rows.push_back(row(QStringLiteral("Trouble codes (DTCs)"),
            d.dtcs.isEmpty() ? QStringLiteral("none") : QString::number(d.dtcs.size()), QString(),
            d.dtcs.join(QStringLiteral("; "))));
        return rows;
    }

} // namespace

void drawResults(PdfCanvas& c, const CertificateData& d)
{
    c.sectionTitle(QStringLiteral("Test results"), c.content().left(), c.content().width());
    // The method and where the numbers come from, wrapped (a plan's method names every
    // estimator); a session folder that is gone without a copy, or altered, is said in red.
    const QRectF box(c.content().left() + c.mm(1.2), c.y(), c.content().width() - c.mm(2.4),
        c.mm(14));
    c.setY(c.y()
        + c.paragraph(box,
            QStringLiteral("Method: %1 · tested %2")
                .arg(d.testMethod,
                    d.testedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
            c.font(7.0), kGrey)
        + c.mm(0.6));
    if (!d.sessionStatement.isEmpty()) {
        const bool trusted = d.sessionFolderStatus == QLatin1String("verified")
            || d.sessionFolderStatus == QLatin1String("archived");
        c.setY(c.y()
            + c.paragraph(box.translated(0, c.y() - box.top()),
                QStringLiteral("Data source: session %1. %2").arg(d.sessionId, d.sessionStatement),
                c.font(7.0, !trusted), trusted ? kGrey : gradeColor(QStringLiteral("recycle")))
            + c.mm(0.6));
    }
    c.advance(0.8);
    const Row header { Cell { QStringLiteral("Quantity") }, Cell { QStringLiteral("Result") },
        Cell { QStringLiteral("Uncertainty (95 %)") }, Cell { QStringLiteral("Notes") } };
    c.setY(c.y()
        + c.table(c.content().left(), c.y(), c.content().width(), { 0.22, 0.17, 0.2, 0.41 }, header,
            resultRows(d), 7.8)
        + c.mm(4));
}

void drawCurveAndLife(PdfCanvas& c, const CertificateData& d)
{
    const double left = c.content().left();
    const double width = c.content().width();
    const double top = c.y();
    c.sectionTitle(d.curveTitle.isEmpty() ? QStringLiteral("Key test curve") : d.curveTitle, left,
        width * 0.6);
    const QString curveWhy = d.unavailable.value(QStringLiteral("curve"));
    drawCurvePlot(c.painter(), QRectF(left, c.y(), width * 0.6, c.mm(kCurveHeightMm - 8)), d.curve,
        c.font(7), curveWhy.isEmpty() ? QString() : QStringLiteral("Curve unavailable: ") + curveWhy);
    c.setY(top);
    const double lx = left + width * 0.64;
    const double lw = width * 0.36;
    c.sectionTitle(QStringLiteral("Projected remaining life"), lx, lw);
    QPainter& p = c.painter();
    p.setPen(kInk);
    const QString lifeWhy = d.unavailable.value(QStringLiteral("remainingLife"));
    if (!lifeWhy.isEmpty() || (d.lifeMethod.isEmpty() && d.remainingLifeYearsHigh <= 0.0)) {
        p.setFont(c.font(12, true));
        p.drawText(QPointF(lx, c.y() + c.mm(6)), QStringLiteral("not projected"));
        c.paragraph(QRectF(lx, c.y() + c.mm(9.5), lw, c.mm(30)),
            lifeWhy.isEmpty()
                ? QStringLiteral("A projection needs the pack's capacity history (cycle, "
                                 "capacity); this grade has one capacity measurement.")
                : QStringLiteral("Why: ") + lifeWhy + QStringLiteral("."),
            c.font(7.5), kGrey);
        c.setY(top + c.mm(kCurveHeightMm) + c.mm(3));
        return;
    }
    p.setFont(c.font(18, true));
    // "not projected" (what the GUI signed before it used certificateFromGradedPack): no number.
    const bool projected = d.lifeMethod != QLatin1String("not projected");
    p.drawText(QPointF(lx, c.y() + c.mm(7)),
        projected ? num(d.remainingLifeYears, d.remainingLifeYears < 10 ? 1 : 0)
                + QStringLiteral(" years")
                  : QStringLiteral("not projected"));
    p.setFont(c.font(7.5));
    p.setPen(kGrey);
    QString text = projected
        ? QStringLiteral("Interval (95 %): %1 to %2 years\n")
              .arg(num(d.remainingLifeYearsLow, 2), num(d.remainingLifeYearsHigh, 2))
        : QString();
    if (d.remainingCycles)
        text += QStringLiteral("About %1 cycles ").arg(num(*d.remainingCycles, 0));
    text
        += QStringLiteral("until capacity SoH reaches %1 %\nin the target application.\nMethod: %2")
               .arg(num(d.endOfLifeSoh * 100, 0), d.lifeMethod);
    c.paragraph(QRectF(lx, c.y() + c.mm(9.5), lw, c.mm(30)), text, c.font(7.5), kGrey);
    c.setY(top + c.mm(kCurveHeightMm) + c.mm(3));
}

double rulesHeightMm(const CertificateData& d)
{
    return 12.0 + PdfCanvas::kRowMm * static_cast<double>(d.rules.size() + 1);
}

namespace {

    // How a rule's numbers read best: fractions as percent, small voltages in mV, counts whole.
    struct RuleDisplay {
        double scale = 1.0;
        QString unit;
        int decimals = 2;
    };

    RuleDisplay ruleDisplay(const CertificateRule& r)
    {
        const double t = std::fabs(r.threshold);
        const bool counts = r.unit.isEmpty() && std::floor(r.value) == r.value
            && std::floor(r.threshold) == r.threshold && t != 1.0;
        if (counts)
            return { 1.0, QString(), 0 };
        if (r.unit.isEmpty() && t <= 1.5)
            return { 100.0, QStringLiteral(" %"), 1 };
        if ((r.unit == QLatin1String("V") || r.unit == QLatin1String("V/day")) && t < 1.0)
            return { 1000.0, QStringLiteral(" m") + r.unit, 1 };
        const QString unit
            = r.unit.isEmpty() ? QString() : QStringLiteral(" ") + displayUnit(r.unit);
        return { 1.0, unit, t >= 100.0 ? 0 : 2 };
    }

    Row ruleRow(const CertificateRule& r)
    {
        const RuleDisplay s = ruleDisplay(r);
        const auto shown = [&s](double v) { return num(v * s.scale, s.decimals) + s.unit; };
        return { Cell { r.quantity.isEmpty() ? r.name : r.quantity, kInk },
            Cell { shown(r.value), kInk },
            Cell {
                displayComparison(r.comparison) + QStringLiteral(" ") + shown(r.threshold), kInk },
            Cell { (r.margin >= 0 ? QStringLiteral("+") : QString()) + shown(r.margin), kInk },
            Cell { r.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"),
                r.passed ? gradeColor(QStringLiteral("reuse"))
                         : gradeColor(QStringLiteral("recycle")),
                true } };
    }

} // namespace

void drawRules(PdfCanvas& c, const CertificateData& d)
{
    c.sectionTitle(QStringLiteral("Why this grade: the policy's rules"), c.content().left(),
        c.content().width());
    std::vector<Row> rows;
    for (const CertificateRule& r : d.rules)
        rows.push_back(ruleRow(r));
    const Row header { Cell { QStringLiteral("Rule") }, Cell { QStringLiteral("Value") },
        Cell { QStringLiteral("Required") }, Cell { QStringLiteral("Margin") },
        Cell { QStringLiteral("Result") } };
    c.setY(c.y()
        + c.table(c.content().left(), c.y(), c.content().width(), { 0.46, 0.14, 0.16, 0.14, 0.1 },
            header, rows, 7.8));
    c.advance(2);
    c.paragraph(QRectF(c.content().left() + c.mm(1.2), c.y(), c.content().width(), c.mm(5)),
        QStringLiteral("Grading policy %1, version %2 · policy SHA-256 %3 · PackGrade %4")
            .arg(d.policyName, d.policyVersion, d.policySha256, d.softwareVersion),
        c.font(6.8), kGrey);
    c.advance(6);
}

void drawSignature(PdfCanvas& c, const SignedCertificate& cert)
{
    const double left = c.content().left();
    const double width = c.content().width();
    const double qrSide = c.mm(kSignatureHeightMm - 6);
    c.setY(c.content().bottom() - c.mm(kSignatureHeightMm));
    c.sectionTitle(QStringLiteral("Digital signature"), left, width);
    const double top = c.y();
    const std::vector<Row> rows {
        { Cell { QStringLiteral("Algorithm"), kGrey },
            Cell { QStringLiteral("Ed25519 over the canonical JSON content"), kInk } },
        { Cell { QStringLiteral("Site key fingerprint"), kGrey },
            Cell { cert.keyFingerprint(), kInk, true } },
        { Cell { QStringLiteral("Content SHA-256"), kGrey }, Cell { cert.contentSha256(), kInk } }
    };
    const double textWidth = width - qrSide - c.mm(4);
    double y = top + c.table(left, top, textWidth, { 0.27, 0.73 }, {}, rows, 7.2) + c.mm(1.5);
    const QString sig = QString::fromLatin1(cert.signature.toBase64());
    y += c.paragraph(QRectF(left + c.mm(1.2), y, textWidth - c.mm(2), c.mm(8)),
             QStringLiteral("Signature: ") + sig, c.font(6.4, false, true), kInk)
        + c.mm(1.5);
    c.paragraph(QRectF(left + c.mm(1.2), y, textWidth - c.mm(2), c.mm(10)),
        QStringLiteral("The signed JSON is embedded in this PDF as certificate.json. To verify: "
                       "packgrade-cli verify <this file> "
                       "(exit 0 = valid), then compare the key fingerprint with the one the "
                       "issuing site publishes. "
                       "The QR code holds the certificate ID, key fingerprint and signature."),
        c.font(6.6), kGrey);
    if (auto qr = QrCode::encode(cert.qrPayload()))
        qr->paint(c.painter(), QRectF(left + width - qrSide, top - c.mm(1), qrSide, qrSide));
}

} // namespace pg::core::pdf
