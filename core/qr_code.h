#pragma once

#include "error.h"

#include <QByteArray>
#include <QRectF>
#include <tl/expected.hpp>
#include <vector>

class QPainter;

namespace pg::core {

// A QR code symbol (libqrencode, 8-bit mode, error correction level M), painted as vector
// squares so that it stays sharp in the PDF at any zoom and print resolution.
class QrCode {
public:
    static tl::expected<QrCode, Error> encode(const QByteArray& payload);

    int modules() const { return m_width; } // modules per side, without the quiet zone
    bool dark(int x, int y) const { return m_dark[static_cast<std::size_t>(y * m_width + x)]; }
    // Fills `square` (the quiet zone of 4 modules included) with the symbol, black on white.
    void paint(QPainter& painter, const QRectF& square) const;

private:
    int m_width = 0;
    std::vector<bool> m_dark;
};

} // namespace pg::core
