#include "result_view.h"

#include "core/certificate_from_grade.h"
#include "core/certificate_pdf.h"
#include "fade_plot.h"
#include "grade_text.h"
#include "language.h"
#include "result_tables.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pg::app {

ResultView::ResultView(core::Inventory* inventory, QWidget* parent)
    : QWidget(parent)
    , m_inventory(inventory)
{
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(buildMeasures());
    m_rules = makeRulesTable(left);
    leftLayout->addWidget(m_rules, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_modules = makeModulesTable(right);
    m_advice = new QLabel(right);
    m_advice->setWordWrap(true);
    m_plot = new FadePlot(right);
    rightLayout->addWidget(new QLabel(tr("<b>Modules</b>"), right));
    rightLayout->addWidget(m_modules, 1);
    rightLayout->addWidget(m_advice);
    rightLayout->addWidget(new QLabel(tr("<b>Remaining-life projection</b>"), right));
    rightLayout->addWidget(m_plot, 2);
    // Until a capacity history is given, say so instead of drawing empty axes.
    m_noHistory = new QLabel(tr("No capacity history for this pack yet: the projection needs "
                                "capacities measured over its cycles."),
        right);
    m_noHistory->setWordWrap(true);
    rightLayout->addWidget(m_noHistory);
    m_plot->hide();

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(split, 1);
    layout->addWidget(buildReview());
    updateButtons();
}

QWidget* ResultView::buildHeader()
{
    auto* box = new QWidget(this);
    m_grade = new QLabel(box);
    QFont big = m_grade->font();
    big.setPointSizeF(big.pointSizeF() * 2.6);
    big.setBold(true);
    m_grade->setFont(big);
    m_grade->setAlignment(Qt::AlignCenter);
    m_grade->setMinimumWidth(260);
    m_grade->setAutoFillBackground(true);
    m_identity = new QLabel(box);
    m_target = new QLabel(box);
    m_target->setWordWrap(true); // a retest lists every test it needs: never widen the window
    m_reasons = new QLabel(box);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* text = new QVBoxLayout;
    text->addWidget(m_identity);
    text->addWidget(m_target);
    text->addWidget(m_reasons, 1);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_grade);
    layout->addLayout(text, 1);
    return box;
}

QWidget* ResultView::buildMeasures()
{
    auto* box = new QGroupBox(tr("State of health"), this);
    m_sohCapacity = new QLabel(box);
    m_sohResistance = new QLabel(box);
    m_spread = new QLabel(box);
    auto* form = new QFormLayout(box);
    form->addRow(tr("SoH capacity:"), m_sohCapacity);
    form->addRow(tr("SoH resistance (R0 new / R0 now):"), m_sohResistance);
    form->addRow(tr("Cell voltage spread at rest:"), m_spread);
    return box;
}

QWidget* ResultView::buildReview()
{
    auto* box = new QGroupBox(tr("Grader's review"), this);
    m_approve = new QPushButton(tr("&Approve grade"), box);
    m_overrideGrade = new QComboBox(box);
    for (const char* g : { "reuse", "repurpose", "recycle" })
        m_overrideGrade->addItem(gradeTitle(QLatin1String(g)), QLatin1String(g));
    m_reason = new QLineEdit(box);
    m_reason->setPlaceholderText(tr("Reason for the override (required)"));
    m_override = new QPushButton(tr("&Override"), box);
    m_sign = new QPushButton(tr("&Sign certificate"), box);
    m_status = new QLabel(box);
    m_status->setWordWrap(true);
    connect(m_approve, &QPushButton::clicked, this, [this] { report(approve(), tr("Approved.")); });
    connect(m_override, &QPushButton::clicked, this, [this] {
        report(overrideTo(m_overrideGrade->currentData().toString(), m_reason->text()),
            tr("Override stored."));
    });
    connect(m_sign, &QPushButton::clicked, this, [this] {
        auto path = sign();
        report(path ? tl::expected<void, core::Error> {}
                    : tl::expected<void, core::Error>(tl::unexpect, path.error()),
            path ? tr("Signed: %1").arg(*path) : QString());
    });
    connect(m_reason, &QLineEdit::textChanged, this, &ResultView::updateButtons);
    auto* row = new QHBoxLayout;
    row->addWidget(m_approve);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Override to:"), box));
    row->addWidget(m_overrideGrade);
    row->addWidget(m_reason, 1);
    row->addWidget(m_override);
    row->addSpacing(16);
    row->addWidget(m_sign);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_status);
    return box;
}

void ResultView::setResult(const core::Assessment& assessment, const core::GradeResult& grade,
    const core::StoredGrade& stored)
{
    m_assessment = assessment;
    m_result = grade;
    m_stored = stored;
    m_reviewed = false;
    m_signed = false;
    m_status->clear();
    showGrade(grade.grade);
    showMeasures();
    fillRulesTable(m_rules, grade);
    fillModulesTable(m_modules, assessment, grade);
    updateButtons();
}

void ResultView::showGrade(const QString& grade)
{
    m_finalGrade = grade;
    const QColor color = gradeColor(grade);
    m_grade->setText(gradeTitle(grade));
    m_grade->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: "
                                          "6px; padding: 12px 24px; }")
                               .arg(color.name()));
    QString target = m_result.targetApplication.isEmpty()
        ? tr("No application met.")
        : tr("Target application: %1").arg(applicationTitle(m_result.targetApplication));
    if (grade == QLatin1String("retest"))
        target += tr(" · until retested: %1 · tests: %2")
                      .arg(gradeTitle(m_result.fallbackGrade),
                          m_result.retestTests.join(QStringLiteral(", ")));
    if (grade != m_result.grade)
        target += tr(" · policy said %1, overridden by the grader").arg(gradeTitle(m_result.grade));
    m_target->setText(target);
}

void ResultView::showMeasures()
{
    const core::Assessment& a = m_assessment;
    // What is not known is left out, not shown as an empty "VIN ·".
    QStringList identity { QStringLiteral("<b>%1</b>").arg(a.packSerial.toHtmlEscaped()) };
    if (!a.vin.isEmpty())
        identity << tr("VIN %1").arg(a.vin.toHtmlEscaped());
    if (!a.partNumber.isEmpty())
        identity << tr("part %1").arg(a.partNumber.toHtmlEscaped());
    identity << tr("%1, %2 Ah, %3 V")
                    .arg(a.chemistry.toUpper().toHtmlEscaped(), localNumber(a.nominalCapacityAh, 1),
                        localNumber(a.nominalVoltageV, 0));
    m_identity->setText(identity.join(QStringLiteral(" · ")));
    QStringList reasons;
    for (const QString& r : m_result.reasons)
        reasons << QStringLiteral("• ") + r.toHtmlEscaped();
    m_reasons->setText(reasons.join(QStringLiteral("<br>")));
    const double z = m_result.intervalZ > 0.0 ? m_result.intervalZ : 1.96;
    m_sohCapacity->setText(
        formatFractionWithInterval(a.sohCapacity.value, a.sohCapacity.stderrValue, z));
    m_sohResistance->setText(
        formatFractionWithInterval(a.sohResistance.value, a.sohResistance.stderrValue, z));
    m_spread->setText(
        formatMeasure(QStringLiteral("cell_voltage_spread_v"), a.cellVoltageSpreadV.value));
    m_advice->setText(m_result.moduleAdvice.isEmpty()
            ? tr("No module replacement would change the grade.")
            : tr("Advice: %1").arg(m_result.moduleAdvice));
}

void ResultView::setFade(const std::vector<double>& cycles, const std::vector<double>& capacityAh,
    const models::FadeResult& fade)
{
    m_plot->setFade(cycles, capacityAh, fade);
    m_plot->show();
    m_noHistory->hide();
}

void ResultView::setUser(const QString& user)
{
    m_user = user;
    updateButtons();
}

void ResultView::setSigning(
    const core::SiteKey& key, const core::IssueContext& context, const QString& pdfFolder)
{
    m_key = key;
    m_context = context;
    m_pdfFolder = pdfFolder;
    updateButtons();
}

void ResultView::updateButtons()
{
    const bool graded = !m_stored.gradeId.isEmpty() && !m_user.isEmpty();
    m_approve->setEnabled(graded && !m_signed && core::isFinalGrade(m_result.grade));
    m_override->setEnabled(graded && !m_signed && !m_reason->text().trimmed().isEmpty());
    m_sign->setEnabled(
        graded && m_reviewed && !m_signed && m_key.has_value() && core::isFinalGrade(m_finalGrade));
}

void ResultView::report(const tl::expected<void, core::Error>& outcome, const QString& done)
{
    m_status->setStyleSheet(outcome ? QString() : QStringLiteral("color: #c62828;"));
    m_status->setText(outcome ? done : outcome.error().message);
    updateButtons();
}

tl::expected<void, core::Error> ResultView::approve()
{
    auto ok = core::approveGrade(*m_inventory, m_stored, m_result.grade, m_user);
    if (!ok)
        return ok;
    m_reviewed = true;
    showGrade(m_result.grade);
    updateButtons();
    emit reviewedAs(m_finalGrade);
    return {};
}

tl::expected<void, core::Error> ResultView::overrideTo(const QString& grade, const QString& reason)
{
    auto ok = core::overrideGrade(*m_inventory, m_stored, m_finalGrade, grade, reason, m_user);
    if (!ok)
        return ok;
    m_reviewed = true;
    showGrade(grade);
    updateButtons();
    emit reviewedAs(m_finalGrade);
    return {};
}

tl::expected<QString, core::Error> ResultView::sign()
{
    if (!m_reviewed || !m_key)
        return tl::unexpected(core::Error { core::kExitUsage,
            tr("sign: approve or override the grade first, and set up the site key") });
    core::IssueContext context = m_context;
    context.graderName = m_user;
    if (!context.issuedAt.isValid())
        context.issuedAt = QDateTime::currentDateTimeUtc();
    // The grade as the inventory holds it, through the mapping `packgrade-cli certificate` uses:
    // the review just recorded (an override is in the audit log), the session's values, the life
    // projection.
    auto graded = core::findGradedPack(*m_inventory, m_stored.gradeId);
    if (!graded)
        return tl::unexpected(graded.error());
    if (!*graded)
        return tl::unexpected(core::Error { core::kExitFailed,
            tr("sign: the inventory holds no grade %1").arg(m_stored.gradeId) });
    auto content = core::certificateFromGradedPack(**graded, context, m_inventory);
    if (!content)
        return tl::unexpected(content.error());
    auto cert = core::signCertificate(*content, *m_key);
    if (!cert)
        return tl::unexpected(cert.error());
    const QString path
        = QDir(m_pdfFolder)
              .filePath(QStringLiteral("%1-%2.pdf")
                            .arg(m_assessment.packSerial, cert->certificateId().left(8)));
    if (auto ok = core::writeCertificatePdf(*cert, path, core::PaperSize::A4); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = core::recordCertificate(*m_inventory, m_stored, *cert, m_user); !ok)
        return tl::unexpected(ok.error());
    m_signed = true;
    updateButtons();
    emit certificateSigned(path, cert->certificateId());
    return path;
}

} // namespace pg::app
