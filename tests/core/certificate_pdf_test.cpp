// The certificate PDF, read back by other programs: poppler's pdfinfo/pdftotext/pdfdetach/pdftoppm
// and zbarimg for the QR code. Tampering with the embedded JSON is detected.
#include "certificate_fixture.h"
#include "core/certificate_pdf.h"
#include "tool_runner.h"

#include <QDir>
#include <gtest/gtest.h>

using namespace pg;

namespace {

struct Written {
    QTemporaryDir dir;
    core::SignedCertificate cert;
    QString pdf;
};

std::unique_ptr<Written> writePdf(
    core::PaperSize paper, const core::CertificateData& data = test::fullCertificate())
{
    auto w = std::make_unique<Written>();
    w->cert = core::signCertificate(data, test::seededKey('a')).value();
    w->pdf = w->dir.filePath(QStringLiteral("cert.pdf"));
    const auto ok = core::writeCertificatePdf(w->cert, w->pdf, paper);
    EXPECT_TRUE(ok.has_value()) << (ok ? std::string() : ok.error().message.toStdString());
    return w;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

core::VerifyResult verifyPdf(const QByteArray& pdf)
{
    auto envelope = core::certificatePdfEnvelope(pdf);
    if (!envelope)
        return core::VerifyResult { false, envelope.error().message, {}, {}, false, {},
            std::nullopt };
    return core::verifyCertificateEnvelope(*envelope, { test::seededKey('a').publicKey() });
}

#define REQUIRE_TOOL(name)                                                                         \
    if (!test::haveProgram(QStringLiteral(name))) {                                                \
        GTEST_SKIP() << name " is not installed";                                                  \
    }

} // namespace

TEST(CertificatePdf, RoundTripCreateRenderVerify)
{
    const auto w = writePdf(core::PaperSize::A4);
    const auto r = verifyPdf(readAll(w->pdf));
    ASSERT_TRUE(r.valid) << r.reason.toStdString();
    EXPECT_EQ(r.certificateId, w->cert.certificateId());
    EXPECT_TRUE(r.trustedKey);
}

TEST(CertificatePdf, PaperSizesAreA4AndLetter)
{
    REQUIRE_TOOL("pdfinfo");
    const std::pair<core::PaperSize, const char*> sizes[]
        = { { core::PaperSize::A4, "595 x 842 pts (A4)" },
              { core::PaperSize::Letter, "612 x 792 pts (letter)" } };
    for (const auto& [paper, expected] : sizes) {
        const auto w = writePdf(paper);
        const auto info = test::runTool(QStringLiteral("pdfinfo"), { w->pdf });
        EXPECT_TRUE(info.out.contains(expected)) << info.out.toStdString();
        EXPECT_TRUE(info.out.contains("Pages:           1")) << info.out.toStdString();
    }
}

TEST(CertificatePdf, PopplerReadsTheTextABuyerNeeds)
{
    REQUIRE_TOOL("pdftotext");
    const auto w = writePdf(core::PaperSize::Letter);
    const auto text = QString::fromUtf8(test::runTool(
        QStringLiteral("pdftotext"), { QStringLiteral("-layout"), w->pdf, QStringLiteral("-") })
                                            .out);
    for (const QString& needle : { w->cert.certificateId(), QStringLiteral("REPURPOSE"),
             QStringLiteral("Repurposed"), QStringLiteral("B0005"), QStringLiteral("1.549 Ah"),
             QStringLiteral("77.4 %"), w->cert.keyFingerprint(), w->cert.contentSha256(),
             QStringLiteral("P0A7F"), QStringLiteral("FAIL"), QStringLiteral("demo-policy") })
        EXPECT_TRUE(text.contains(needle)) << needle.toStdString();
}

TEST(CertificatePdf, PdfdetachExtractsTheSignedJson)
{
    REQUIRE_TOOL("pdfdetach");
    const auto w = writePdf(core::PaperSize::A4);
    const QString out = w->dir.filePath(QStringLiteral("detached.json"));
    const auto r = test::runTool(QStringLiteral("pdfdetach"),
        { QStringLiteral("-save"), QStringLiteral("1"), QStringLiteral("-o"), out, w->pdf });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(readAll(out), w->cert.envelope());
    EXPECT_EQ(
        core::certificatePdfEnvelope(readAll(w->pdf)).value_or(QByteArray()), w->cert.envelope());
}

TEST(CertificatePdf, RendersToPngPages)
{
    REQUIRE_TOOL("pdftoppm");
    const auto w = writePdf(core::PaperSize::A4);
    const QString prefix = w->dir.filePath(QStringLiteral("page"));
    const auto r = test::runTool(QStringLiteral("pdftoppm"),
        { QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"), w->pdf, prefix });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QStringList pages = QDir(w->dir.path()).entryList({ QStringLiteral("page*.png") });
    ASSERT_EQ(pages.size(), 1);
    EXPECT_GT(QFileInfo(w->dir.filePath(pages.first())).size(), 10000); // not a blank page
}

TEST(CertificatePdf, QrCodeDecodesToIdFingerprintAndSignature)
{
    REQUIRE_TOOL("pdftoppm");
    REQUIRE_TOOL("zbarimg");
    const auto w = writePdf(core::PaperSize::A4);
    const QString prefix = w->dir.filePath(QStringLiteral("qr"));
    test::runTool(QStringLiteral("pdftoppm"),
        { QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
            QStringLiteral("-singlefile"), w->pdf, prefix });
    const auto r = test::runTool(QStringLiteral("zbarimg"),
        { QStringLiteral("--raw"), QStringLiteral("-q"), prefix + QStringLiteral(".png") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out.trimmed(), w->cert.qrPayload());
}

TEST(CertificatePdf, EditedEmbeddedJsonIsDetected)
{
    const auto w = writePdf(core::PaperSize::A4);
    const QByteArray pdf = readAll(w->pdf);
    const QByteArray envelope = w->cert.envelope();
    QByteArray edited = envelope;
    edited.replace("\"grade\":\"repurpose\"", "\"grade\":\"reuse\"    ");
    ASSERT_NE(edited, envelope);
    QByteArray tampered = pdf;
    tampered.replace(envelope.toBase64(), edited.toBase64());
    ASSERT_NE(tampered, pdf);
    const auto mismatch = verifyPdf(tampered);
    EXPECT_FALSE(mismatch.valid);
    EXPECT_TRUE(mismatch.reason.contains(QStringLiteral("differs")))
        << mismatch.reason.toStdString();
    // Without the attachment, the metadata copy alone decides: the signature no longer matches.
    tampered.replace("/F (certificate.json)", "/F (certificate.jsoX)");
    const auto bad = verifyPdf(tampered);
    EXPECT_FALSE(bad.valid);
    EXPECT_FALSE(bad.reason.isEmpty());
}

TEST(CertificatePdf, MetadataNamingAnotherCertificateIsDetected)
{
    const auto w = writePdf(core::PaperSize::A4);
    QByteArray pdf = readAll(w->pdf);
    const QByteArray id = w->cert.certificateId().toLatin1();
    QByteArray other = id;
    other[0] = other[0] == 'a' ? 'b' : 'a';
    pdf.replace("<pgc:certificateId>" + id, "<pgc:certificateId>" + other);
    const auto r = verifyPdf(pdf);
    EXPECT_FALSE(r.valid);
    EXPECT_TRUE(r.reason.contains(QStringLiteral("metadata"))) << r.reason.toStdString();
}

TEST(CertificatePdf, SpillsOntoASecondPageWhenRulesAreMany)
{
    core::CertificateData d = test::fullCertificate();
    for (int i = 0; i < 25; ++i)
        d.rules.push_back(d.rules.front());
    const auto w = writePdf(core::PaperSize::Letter, d);
    EXPECT_TRUE(verifyPdf(readAll(w->pdf)).valid);
    if (test::haveProgram(QStringLiteral("pdfinfo"))) {
        EXPECT_TRUE(test::runTool(QStringLiteral("pdfinfo"), { w->pdf })
                        .out.contains("Pages:           2"));
    }
}
