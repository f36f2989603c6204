#pragma once

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <vector>

namespace pg::core {

// Drawing helpers for the certificate PDF: millimetres to device units, fonts in points, a
// cursor that flows down the page, section titles and simple ruled tables.
class PdfCanvas {
public:
    struct Cell {
        QString text;
        QColor color = QColor(0x22, 0x22, 0x22);
        bool bold = false;
        bool mono = false; // ids and serials: monospaced, no ligatures, so they copy exactly
    };
    using Row = std::vector<Cell>;

    PdfCanvas(QPainter& painter, double dotsPerMm, const QRectF& content);

    QPainter& painter() { return m_painter; }
    double mm(double v) const { return v * m_dotsPerMm; }
    QFont font(double pointSize, bool bold = false, bool mono = false) const;
    const QRectF& content() const { return m_content; }
    double y() const { return m_y; }
    void setY(double y) { m_y = y; }
    void advance(double millimetres) { m_y += mm(millimetres); }
    double remaining() const { return m_content.bottom() - m_y; }

    // A bold title with a thin rule under it at the cursor, within [x, x + width].
    void sectionTitle(const QString& title, double x, double width);
    // A table with a shaded header row (skipped when `header` is empty); returns its height.
    double table(double x, double top, double width, const std::vector<double>& columnFractions,
        const Row& header, const std::vector<Row>& rows, double pointSize);
    // Word-wrapped text in a box; returns the height used.
    double paragraph(const QRectF& box, const QString& text, const QFont& font,
        const QColor& color = QColor(0x22, 0x22, 0x22));

    static constexpr double kRowMm = 4.0;

private:
    QPainter& m_painter;
    double m_dotsPerMm;
    QRectF m_content;
    double m_y;
};

} // namespace pg::core
