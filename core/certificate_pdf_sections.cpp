#include "certificate_pdf_sections.h"

#include "certificate_json.h"
#include "qr_code.h"

#include <QFontMetricsF>
#include <algorithm>

namespace pg::core::pdf {

namespace {

    using Cell = PdfCanvas::Cell;
    using Row = PdfCanvas::Row;

    const QColor kNavy(0x16, 0x32, 0x4f);
    const QColor kGrey(0x5f, 0x66, 0x70);

    QString num(double value, int decimals)
    {
        return QString::number(value, 'f', decimals);
    }
    QString orDash(const QString& text)
    {
        return text.isEmpty() ? QStringLiteral("–") : text;
    }
    QString utc(const QDateTime& t)
    {
        return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    }
    Cell label(const QString& text)
    {
        return Cell { text, kGrey, false };
    }
    Cell value(const QString& text)
    {
        return Cell { text, QColor(0x11, 0x11, 0x11), true };
    }

    // An id a buyer copies from the page: monospaced, where DejaVu Sans would join "ff" into one
    // ligature glyph (U+FB00) that no longer matches the id.
    Cell idValue(const QString& text)
    {
        return Cell { text, QColor(0x11, 0x11, 0x11), true, true };
    }

} // namespace

QColor gradeColor(const QString& grade)
{
    if (grade == QLatin1String("reuse"))
        return QColor(0x1e, 0x7e, 0x34);
    if (grade == QLatin1String("repurpose"))
        return QColor(0xb3, 0x5c, 0x00);
    return QColor(0xb0, 0x1c, 0x1c);
}

void drawHeader(PdfCanvas& c, const SignedCertificate& cert, const QString& pageLabel)
{
    QPainter& p = c.painter();
    const QRectF band(c.content().left(), c.y(), c.content().width(), c.mm(18));
    p.fillRect(band, kNavy);
    if (!pageLabel.isEmpty()) {
        p.setPen(QColor(0xc9, 0xd6, 0xe6));
        p.setFont(c.font(8));
        p.drawText(
            band.adjusted(0, c.mm(3), -c.mm(5), 0), Qt::AlignRight | Qt::AlignTop, pageLabel);
    }
    p.setPen(Qt::white);
    p.setFont(c.font(17, true));
    p.drawText(QPointF(band.left() + c.mm(5), band.top() + c.mm(9)),
        QStringLiteral("Battery State-of-Health Certificate"));
    p.setFont(c.font(8, false, true));
    p.setPen(QColor(0xc9, 0xd6, 0xe6));
    p.drawText(QPointF(band.left() + c.mm(5), band.top() + c.mm(14.5)),
        QStringLiteral("No. %1 · signed by the issuing site · verify: packgrade-cli verify "
                       "<file>")
            .arg(cert.certificateId()));
    c.setY(band.bottom() + c.mm(4));
}

void drawIssuerAndGrade(PdfCanvas& c, const CertificateData& d)
{
    const double left = c.content().left();
    const double width = c.content().width();
    const double top = c.y();
    const std::vector<Row> rows { { label(QStringLiteral("Certificate ID")),
                                      idValue(d.certificateId) },
        { label(QStringLiteral("Issued")), value(utc(d.issuedAt)) },
        { label(QStringLiteral("Site")), value(orDash(d.siteName)) },
        { label(QStringLiteral("Bench")), value(orDash(d.benchId)) },
        { label(QStringLiteral("Tested by (operator)")), value(orDash(d.operatorName)) },
        { label(QStringLiteral("Approved by (grader)")), value(orDash(d.graderName)) } };
    const double h
        = std::max(c.table(left, top, width * 0.58, { 0.34, 0.66 }, {}, rows, 8), c.mm(25));
    QPainter& p = c.painter();
    const QRectF box(left + width * 0.62, top, width * 0.38, h);
    const QColor color = gradeColor(d.grade);
    p.setPen(QPen(color, c.mm(0.7)));
    p.setBrush(QColor(color.red(), color.green(), color.blue(), 18));
    p.drawRoundedRect(box, c.mm(2), c.mm(2));
    p.setBrush(Qt::NoBrush);
    p.setPen(kGrey);
    p.setFont(c.font(7.5, true));
    p.drawText(QRectF(box.left(), box.top() + c.mm(1.5), box.width(), c.mm(4)), Qt::AlignHCenter,
        QStringLiteral("GRADE"));
    p.setPen(color);
    p.setFont(c.font(26, true));
    p.drawText(QRectF(box.left(), box.top() + c.mm(5), box.width(), c.mm(11)), Qt::AlignCenter,
        d.grade.toUpper());
    p.setPen(QColor(0x22, 0x22, 0x22));
    p.setFont(c.font(7.5));
    p.drawText(QRectF(box.left() + c.mm(2), box.top() + c.mm(17), box.width() - c.mm(4), c.mm(4)),
        Qt::AlignHCenter, QStringLiteral("Battery Pass status: ") + batteryStatusForGrade(d.grade));
    p.drawText(QRectF(box.left() + c.mm(2), box.top() + c.mm(21), box.width() - c.mm(4), c.mm(4)),
        Qt::AlignHCenter,
        d.targetApplication.isEmpty()
            ? QStringLiteral("For: material recovery")
            : QStringLiteral("For: ") + applicationInWords(d.targetApplication));
    c.setY(top + h + c.mm(4));
}

void drawIdentity(PdfCanvas& c, const CertificateData& d)
{
    c.sectionTitle(QStringLiteral("Battery"), c.content().left(), c.content().width());
    const std::vector<Row> rows { { label(QStringLiteral("Make")), value(orDash(d.make)),
                                      label(QStringLiteral("Serial number")),
                                      idValue(orDash(d.serialNumber)) },
        { label(QStringLiteral("Model")), value(orDash(d.model)), label(QStringLiteral("VIN")),
            idValue(orDash(d.vin)) },
        { label(QStringLiteral("Chemistry")), value(d.chemistry.toUpper()),
            label(QStringLiteral("Part number")), idValue(orDash(d.partNumber)) },
        { label(QStringLiteral("Nominal energy")),
            value(d.nominalEnergyWh >= 1000.0
                    ? num(d.nominalEnergyWh / 1000.0, 1) + QStringLiteral(" kWh")
                    : num(d.nominalEnergyWh, 1) + QStringLiteral(" Wh")),
            label(QStringLiteral("Nominal capacity")),
            value(num(d.nominalCapacityAh, 2) + QStringLiteral(" Ah")) },
        { label(QStringLiteral("Nominal voltage")),
            value(num(d.nominalVoltageV, 1) + QStringLiteral(" V")),
            label(QStringLiteral("Battery category")), value(d.batteryCategory) } };
    c.setY(c.y()
        + c.table(
            c.content().left(), c.y(), c.content().width(), { 0.17, 0.33, 0.17, 0.33 }, {}, rows, 8)
        + c.mm(4));
}

} // namespace pg::core::pdf
