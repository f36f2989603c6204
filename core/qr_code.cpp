#include "qr_code.h"

#include <QPainter>
#include <QPainterPath>
#include <qrencode.h>

namespace pg::core {

tl::expected<QrCode, Error> QrCode::encode(const QByteArray& payload)
{
    QRcode* code = QRcode_encodeData(static_cast<int>(payload.size()),
        reinterpret_cast<const unsigned char*>(payload.constData()), 0, QR_ECLEVEL_M);
    if (code == nullptr)
        return tl::make_unexpected(Error {
            kExitFailed, QStringLiteral("QR code: cannot encode %1 bytes").arg(payload.size()) });
    QrCode qr;
    qr.m_width = code->width;
    qr.m_dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < qr.m_dark.size(); ++i)
        qr.m_dark[i] = (code->data[i] & 1) != 0;
    QRcode_free(code);
    return qr;
}

void QrCode::paint(QPainter& painter, const QRectF& square) const
{
    constexpr int kQuiet = 4;
    const double module = square.width() / (m_width + 2 * kQuiet);
    painter.save();
    painter.fillRect(square, Qt::white);
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            if (dark(x, y))
                path.addRect(square.left() + (x + kQuiet) * module,
                    square.top() + (y + kQuiet) * module, module, module);
        }
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    painter.drawPath(path);
    painter.restore();
}

} // namespace pg::core
