#pragma once

#include "pdf_canvas.h"
#include "signed_certificate.h"

namespace pg::core::pdf {

// The blocks of the certificate page, each drawn at the canvas cursor and advancing it.
// `pageLabel` ("Page 1 of 2") is printed in the band when not empty.
void drawHeader(PdfCanvas& c, const SignedCertificate& cert, const QString& pageLabel);
void drawIssuerAndGrade(PdfCanvas& c, const CertificateData& d);
void drawIdentity(PdfCanvas& c, const CertificateData& d);
void drawResults(PdfCanvas& c, const CertificateData& d);
void drawCurveAndLife(PdfCanvas& c, const CertificateData& d);
void drawRules(PdfCanvas& c, const CertificateData& d);
void drawSignature(PdfCanvas& c, const SignedCertificate& cert);

// Heights (mm) the blocks need, for page breaks.
double rulesHeightMm(const CertificateData& d);
inline constexpr double kCurveHeightMm = 42.0;
inline constexpr double kSignatureHeightMm = 37.0;

// Grade colours: reuse green, repurpose amber, recycle red.
QColor gradeColor(const QString& grade);

} // namespace pg::core::pdf
