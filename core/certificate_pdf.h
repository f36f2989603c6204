#pragma once

#include "error.h"
#include "signed_certificate.h"

#include <QByteArray>
#include <QSizeF>
#include <QString>
#include <functional>
#include <tl/expected.hpp>

class QPainter;

namespace pg::core {

enum class PaperSize { A4, Letter };

// Renders a signed certificate as a one-page PDF (QPdfWriter, vector text, plot and QR code) and
// embeds the signed JSON envelope twice: as the file attachment "certificate.json" (what a PDF
// viewer or `pdfdetach` shows) and base64-encoded in the document's XMP metadata packet, an
// uncompressed stream that certificatePdfEnvelope() finds by its element name.
tl::expected<void, Error> writeCertificatePdf(
    const SignedCertificate& cert, const QString& path, PaperSize paper);

// The signed JSON envelope embedded in a certificate PDF. Reads the XMP copy (exactly one
// <pgc:signedCertificate> element, strict base64) and, when the PDF has the "certificate.json"
// attachment, requires it to be byte-identical; an error names what is missing or different.
tl::expected<QByteArray, Error> certificatePdfEnvelope(const QByteArray& pdfBytes);

// The XMP packet written into the PDF (exposed for the tests).
QByteArray certificateXmp(const SignedCertificate& cert);

// Draws the certificate's page(s) on an open painter whose device is `pageSizeMm` large at
// `dotsPerMm`; `newPage` starts another page. With `pageCount` > 1 each header says "Page i of n".
// Returns the number of pages drawn. Used by the PDF writer and, later, the GUI preview.
int paintCertificate(QPainter& painter, const SignedCertificate& cert, QSizeF pageSizeMm,
    double dotsPerMm, const std::function<void()>& newPage, int pageCount = 0);

} // namespace pg::core
