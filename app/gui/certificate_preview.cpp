#include "certificate_preview.h"

#include "core/certificate_pdf.h"

#include <QLabel>
#include <QPageSize>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <vector>

namespace pg::app {

namespace {

    QImage stack(const std::vector<QImage>& pages)
    {
        constexpr int kGap = 12;
        int height = 0;
        int width = 0;
        for (const QImage& page : pages) {
            height += page.height() + kGap;
            width = std::max(width, page.width());
        }
        QImage out(width, std::max(1, height - kGap), QImage::Format_RGB32);
        out.fill(QColor(0x80, 0x80, 0x80));
        QPainter p(&out);
        int y = 0;
        for (const QImage& page : pages) {
            p.drawImage(0, y, page);
            y += page.height() + kGap;
        }
        return out;
    }

} // namespace

CertificatePreview::CertificatePreview(QWidget* parent)
    : QWidget(parent)
    , m_page(new QLabel(this))
    , m_print(new QPushButton(tr("&Print…"), this))
{
    m_page->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_page->setText(tr("No certificate to preview: sign the grade first."));
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_page);
    scroll->setWidgetResizable(true);
    m_print->setEnabled(false);
    connect(m_print, &QPushButton::clicked, this, &CertificatePreview::printWithDialog);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_print, 0, Qt::AlignRight);
}

QImage CertificatePreview::renderPages(const core::SignedCertificate& cert, double dotsPerMm)
{
    const QSizeF pageMm = QPageSize(QPageSize::A4).size(QPageSize::Millimeter);
    const QSize pagePx(qRound(pageMm.width() * dotsPerMm), qRound(pageMm.height() * dotsPerMm));
    std::vector<QImage> pages;
    auto startPage = [&](QPainter& painter) {
        pages.emplace_back(pagePx, QImage::Format_RGB32);
        pages.back().fill(Qt::white);
        painter.begin(&pages.back());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
    };
    QPainter painter;
    pages.reserve(4);
    startPage(painter);
    core::paintCertificate(painter, cert, pageMm, dotsPerMm, [&] {
        painter.end();
        startPage(painter);
    });
    painter.end();
    return stack(pages);
}

void CertificatePreview::setCertificate(const core::SignedCertificate& certificate)
{
    setCertificate(certificate, renderPages(certificate, 4.0));
}

void CertificatePreview::setCertificate(
    const core::SignedCertificate& certificate, const QImage& pages)
{
    m_certificate = certificate;
    m_image = pages;
    m_page->setPixmap(QPixmap::fromImage(m_image));
    m_print->setEnabled(true);
}

void CertificatePreview::clear()
{
    m_certificate.reset();
    m_image = QImage();
    m_page->setPixmap(QPixmap());
    m_page->setText(tr("No certificate to preview: sign the grade first."));
    m_print->setEnabled(false);
}

bool CertificatePreview::print(QPrinter& printer) const
{
    if (!m_certificate)
        return false;
    printer.setFullPage(true);
    printer.setDocName(tr("Battery SoH certificate %1").arg(m_certificate->certificateId()));
    QPainter painter;
    if (!painter.begin(&printer))
        return false;
    const QSizeF pageMm = printer.pageLayout().fullRect(QPageLayout::Millimeter).size();
    const double dotsPerMm = printer.resolution() / 25.4;
    core::paintCertificate(painter, *m_certificate, pageMm, dotsPerMm, [&] { printer.newPage(); });
    return painter.end();
}

void CertificatePreview::printWithDialog()
{
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print certificate"));
    if (dialog.exec() == QDialog::Accepted)
        print(printer);
}

} // namespace pg::app
