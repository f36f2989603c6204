#include "certificate_pdf.h"

#include "certificate_pdf_sections.h"

#include <QBuffer>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace pg::core {

namespace {

    constexpr int kDotsPerInch = 600;
    constexpr double kMarginMm = 11.0;

    QByteArray xmlEscape(const QString& text)
    {
        return text.toHtmlEscaped().toUtf8();
    }

} // namespace

QByteArray certificateXmp(const SignedCertificate& cert)
{
    const CertificateData& d = cert.data;
    QByteArray x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF "
         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:pgc=\"https://packgrade.invalid/ns/certificate/1.0/\">\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Battery SoH certificate "
        + xmlEscape(d.certificateId) + "</rdf:li></rdf:Alt></dc:title>\n";
    x += "<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(d.siteName)
        + "</rdf:li></rdf:Seq></dc:creator>\n";
    x += "<pgc:certificateId>" + xmlEscape(d.certificateId) + "</pgc:certificateId>\n";
    x += "<pgc:keyFingerprint>" + cert.keyFingerprint().toLatin1() + "</pgc:keyFingerprint>\n";
    x += "<pgc:signedCertificate>" + cert.envelope().toBase64() + "</pgc:signedCertificate>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

int paintCertificate(QPainter& painter, const SignedCertificate& cert, QSizeF pageSizeMm,
    double dotsPerMm, const std::function<void()>& newPage, int pageCount)
{
    int page = 1;
    const auto label = [&] {
        return pageCount > 1 ? QStringLiteral("Page %1 of %2").arg(page).arg(pageCount) : QString();
    };
    const QRectF content(kMarginMm * dotsPerMm, kMarginMm * dotsPerMm,
        (pageSizeMm.width() - 2 * kMarginMm) * dotsPerMm,
        (pageSizeMm.height() - 2 * kMarginMm) * dotsPerMm);
    PdfCanvas c(painter, dotsPerMm, content);
    const CertificateData& d = cert.data;
    auto ensure = [&](double heightMm) {
        if (c.remaining() < c.mm(heightMm)) {
            newPage();
            ++page;
            c.setY(content.top());
            pdf::drawHeader(c, cert, label());
        }
    };
    pdf::drawHeader(c, cert, label());
    pdf::drawIssuerAndGrade(c, d);
    pdf::drawIdentity(c, d);
    pdf::drawResults(c, d);
    ensure(pdf::kCurveHeightMm + pdf::kSignatureHeightMm);
    pdf::drawCurveAndLife(c, d);
    ensure(pdf::rulesHeightMm(d) + pdf::kSignatureHeightMm);
    pdf::drawRules(c, d);
    ensure(pdf::kSignatureHeightMm);
    pdf::drawSignature(c, cert);
    return page;
}

namespace {

    // Sets the writer up and draws the certificate on it; returns the number of pages.
    int render(
        QPdfWriter& writer, const SignedCertificate& cert, const QPageSize& pageSize, int pageCount)
    {
        writer.setPageSize(pageSize);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(kDotsPerInch);
        writer.setTitle(QStringLiteral("Battery SoH certificate ") + cert.certificateId());
        writer.setCreator(QStringLiteral("PackGrade ") + cert.data.softwareVersion);
        writer.setDocumentXmpMetadata(certificateXmp(cert));
        writer.addFileAttachment(QStringLiteral("certificate.json"), cert.envelope(),
            QStringLiteral("application/json"));
        QPainter painter;
        if (!painter.begin(&writer))
            return 0;
        const int pages = paintCertificate(
            painter, cert, pageSize.size(QPageSize::Millimeter), kDotsPerInch / 25.4,
            [&] { writer.newPage(); }, pageCount);
        painter.end();
        return pages;
    }

} // namespace

tl::expected<void, Error> writeCertificatePdf(
    const SignedCertificate& cert, const QString& path, PaperSize paper)
{
    const QPageSize pageSize(paper == PaperSize::A4 ? QPageSize::A4 : QPageSize::Letter);
    // A first pass into memory counts the pages, so that each page can say "Page i of n".
    QBuffer counting;
    counting.open(QIODevice::WriteOnly);
    int pages = 0;
    {
        QPdfWriter writer(&counting);
        pages = render(writer, cert, pageSize, 0);
    }
    {
        QPdfWriter writer(path);
        if (pages == 0 || render(writer, cert, pageSize, pages) != pages)
            return tl::make_unexpected(
                Error { kExitFailed, path + QStringLiteral(": cannot write the PDF") });
    }
    QFile written(path);
    if (!written.exists() || written.size() == 0)
        return tl::make_unexpected(
            Error { kExitFailed, path + QStringLiteral(": the PDF was not written") });
    return {};
}

} // namespace pg::core
