#include "pdf_canvas.h"

#include <QFontMetricsF>

namespace pg::core {

PdfCanvas::PdfCanvas(QPainter& painter, double dotsPerMm, const QRectF& content)
    : m_painter(painter)
    , m_dotsPerMm(dotsPerMm)
    , m_content(content)
    , m_y(content.top())
{
}

QFont PdfCanvas::font(double pointSize, bool bold, bool mono) const
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

void PdfCanvas::sectionTitle(const QString& title, double x, double width)
{
    const QFont f = font(9.5, true);
    const QFontMetricsF fm(f, m_painter.device());
    m_painter.setFont(f);
    m_painter.setPen(QColor(0x16, 0x32, 0x4f));
    m_painter.drawText(QPointF(x, m_y + fm.ascent()), title);
    const double line = m_y + fm.height() + mm(0.6);
    m_painter.setPen(QPen(QColor(0x16, 0x32, 0x4f), mm(0.25)));
    m_painter.drawLine(QPointF(x, line), QPointF(x + width, line));
    m_y = line + mm(1.2);
}

double PdfCanvas::table(double x, double top, double width,
    const std::vector<double>& columnFractions, const Row& header, const std::vector<Row>& rows,
    double pointSize)
{
    const double rowH = mm(kRowMm);
    const double pad = mm(1.2);
    double y = top;
    auto drawRow = [&](const Row& row, bool isHeader, std::size_t index) {
        if (isHeader)
            m_painter.fillRect(QRectF(x, y, width, rowH), QColor(0xe4, 0xe9, 0xf0));
        else if (index % 2 == 1)
            m_painter.fillRect(QRectF(x, y, width, rowH), QColor(0xf5, 0xf7, 0xfa));
        double cx = x;
        for (std::size_t c = 0; c < row.size() && c < columnFractions.size(); ++c) {
            const double cw = width * columnFractions[c];
            const QFont f = font(pointSize, isHeader || row[c].bold, row[c].mono);
            const QFontMetricsF fm(f, m_painter.device());
            m_painter.setFont(f);
            m_painter.setPen(isHeader ? QColor(0x16, 0x32, 0x4f) : row[c].color);
            const QString text = fm.elidedText(row[c].text, Qt::ElideRight, cw - 2 * pad);
            m_painter.drawText(
                QPointF(cx + pad, y + (rowH + fm.ascent() - fm.descent()) / 2), text);
            cx += cw;
        }
        y += rowH;
    };
    if (!header.empty())
        drawRow(header, true, 0);
    for (std::size_t i = 0; i < rows.size(); ++i)
        drawRow(rows[i], false, i);
    m_painter.setPen(QPen(QColor(0xc4, 0xcc, 0xd6), mm(0.2)));
    m_painter.drawLine(QPointF(x, y), QPointF(x + width, y));
    return y - top;
}

double PdfCanvas::paragraph(
    const QRectF& box, const QString& text, const QFont& f, const QColor& color)
{
    m_painter.setFont(f);
    m_painter.setPen(color);
    QRectF used;
    m_painter.drawText(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text, &used);
    return used.height();
}

} // namespace pg::core
