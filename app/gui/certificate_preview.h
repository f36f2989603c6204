#pragma once
// A signed certificate on screen and on paper, drawn by the same code as the PDF
// (core::paintCertificate): into images for the preview, onto a QPrinter for printing.
#include "core/signed_certificate.h"

#include <QImage>
#include <QWidget>
#include <optional>

class QLabel;
class QPrinter;
class QPushButton;

namespace pg::app {

class CertificatePreview : public QWidget {
    Q_OBJECT
public:
    explicit CertificatePreview(QWidget* parent = nullptr);

    void setCertificate(const core::SignedCertificate& certificate);
    // Shows `pages` as renderPages(certificate, 4.0) drew them (on another thread).
    void setCertificate(const core::SignedCertificate& certificate, const QImage& pages);
    void clear();
    bool hasCertificate() const { return m_certificate.has_value(); }
    // The page(s) as shown, one under the other.
    QImage image() const { return m_image; }

    // Renders every page at `dotsPerMm` (4 is about 100 dpi).
    static QImage renderPages(const core::SignedCertificate& certificate, double dotsPerMm);
    // Prints on `printer` as it is set up (a QPrintDialog, or a PDF file in tests). False when
    // nothing is shown or the printer could not start.
    bool print(QPrinter& printer) const;

public slots:
    // Asks for a printer with QPrintDialog, then prints.
    void printWithDialog();

private:
    std::optional<core::SignedCertificate> m_certificate;
    QImage m_image;
    QLabel* m_page = nullptr;
    QPushButton* m_print = nullptr;
};

} // namespace pg::app
