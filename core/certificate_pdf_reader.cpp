// certificatePdfEnvelope(): finds the signed JSON that writeCertificatePdf() embedded. A small,
// strict reader for PackGrade's own PDFs, not a general PDF parser.
#include "certificate_pdf.h"
#include "site_key.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtEndian>

namespace pg::core {

namespace {

    Error bad(const QString& message)
    {
        return Error { kExitBadInput, message };
    }

    tl::expected<QByteArray, Error> xmpCopy(const QByteArray& pdf)
    {
        static const QByteArray open = QByteArrayLiteral("<pgc:signedCertificate>");
        static const QByteArray close = QByteArrayLiteral("</pgc:signedCertificate>");
        const qsizetype start = pdf.indexOf(open);
        if (start < 0)
            return tl::make_unexpected(
                bad(QStringLiteral("no embedded PackGrade certificate (no <pgc:signedCertificate> "
                                   "in the XMP metadata)")));
        if (pdf.indexOf(open, start + 1) >= 0)
            return tl::make_unexpected(bad(QStringLiteral("more than one embedded certificate")));
        const qsizetype end = pdf.indexOf(close, start);
        if (end < 0)
            return tl::make_unexpected(bad(QStringLiteral("the embedded certificate is cut off")));
        const QByteArray text = pdf.mid(start + open.size(), end - start - open.size());
        const QByteArray envelope = strictFromBase64(QString::fromLatin1(text));
        if (envelope.isEmpty())
            return tl::make_unexpected(
                bad(QStringLiteral("the embedded certificate is not valid base64")));
        return envelope;
    }

    QString element(const QByteArray& pdf, const QByteArray& name)
    {
        const QByteArray open = '<' + name + '>';
        const qsizetype start = pdf.indexOf(open);
        const qsizetype end = pdf.indexOf("</" + name + '>', start);
        if (start < 0 || end < 0)
            return {};
        return QString::fromUtf8(pdf.mid(start + open.size(), end - start - open.size()));
    }

    // The id and fingerprint that the XMP packet states (what a viewer shows) must be the
    // envelope's own.
    bool metadataAgrees(const QByteArray& pdf, const QByteArray& envelope)
    {
        const QJsonObject root = QJsonDocument::fromJson(envelope).object();
        const QString id = root.value(QLatin1String("certificate"))
                               .toObject()
                               .value(QLatin1String("certificateId"))
                               .toString();
        const QString key = root.value(QLatin1String("signature"))
                                .toObject()
                                .value(QLatin1String("keyFingerprint"))
                                .toString();
        return element(pdf, "pgc:certificateId") == id.toHtmlEscaped()
            && element(pdf, "pgc:keyFingerprint") == key;
    }

    // The body of indirect object `number`, from "N 0 obj" to "endobj".
    QByteArray objectBody(const QByteArray& pdf, const QByteArray& number)
    {
        const QByteArray head = '\n' + number + " 0 obj";
        const qsizetype start = pdf.indexOf(head);
        if (start < 0)
            return {};
        const qsizetype end = pdf.indexOf("endobj", start);
        return end < 0 ? QByteArray() : pdf.mid(start + head.size(), end - start - head.size());
    }

    // The "certificate.json" attachment, inflated; empty (no error) when the PDF has none.
    tl::expected<QByteArray, Error> attachmentCopy(const QByteArray& pdf)
    {
        static const QRegularExpression spec(
            QStringLiteral("/F \\(certificate\\.json\\)\\s*/EF\\s*<<\\s*/F (\\d+) 0 R"));
        const auto match = spec.match(QString::fromLatin1(pdf));
        if (!match.hasMatch())
            return QByteArray();
        const QByteArray obj = objectBody(pdf, match.captured(1).toLatin1());
        static const QRegularExpression lengthRe(QStringLiteral("/Length (\\d+)( 0 R)?"));
        const auto length = lengthRe.match(QString::fromLatin1(obj));
        const qsizetype streamAt = obj.indexOf("stream\n");
        if (!length.hasMatch() || streamAt < 0)
            return tl::make_unexpected(
                bad(QStringLiteral("the certificate.json attachment has no readable stream")));
        qsizetype size = length.captured(1).toLongLong();
        if (!length.captured(2).isEmpty())
            size = objectBody(pdf, length.captured(1).toLatin1()).trimmed().toLongLong();
        const QByteArray raw = obj.mid(streamAt + 7, size);
        if (raw.size() != size)
            return tl::make_unexpected(
                bad(QStringLiteral("the certificate.json attachment is cut off")));
        if (!obj.left(streamAt).contains("/FlateDecode"))
            return raw;
        QByteArray sized(4, '\0');
        qToBigEndian<quint32>(static_cast<quint32>(raw.size() * 8), sized.data());
        const QByteArray inflated = qUncompress(sized + raw);
        if (inflated.isEmpty())
            return tl::make_unexpected(
                bad(QStringLiteral("the certificate.json attachment does not inflate")));
        return inflated;
    }

} // namespace

tl::expected<QByteArray, Error> certificatePdfEnvelope(const QByteArray& pdfBytes)
{
    if (!pdfBytes.startsWith("%PDF-"))
        return tl::make_unexpected(bad(QStringLiteral("not a PDF file")));
    auto xmp = xmpCopy(pdfBytes);
    if (!xmp)
        return xmp;
    auto attached = attachmentCopy(pdfBytes);
    if (!attached)
        return attached;
    if (!attached->isEmpty() && *attached != *xmp)
        return tl::make_unexpected(bad(QStringLiteral(
            "the attached certificate.json differs from the signed copy in the metadata")));
    if (!metadataAgrees(pdfBytes, *xmp))
        return tl::make_unexpected(bad(QStringLiteral(
            "the PDF's metadata names another certificate id or key than the signed copy")));
    return xmp;
}

} // namespace pg::core
