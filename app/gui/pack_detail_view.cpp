#include "pack_detail_view.h"

#include "certificate_preview.h"
#include "core/inventory_window.h"
#include "grade_text.h"
#include "inventory_reader.h"
#include "result_tables.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace pg::app {

namespace {

    void addRow(QTableWidget* table, const QStringList& cells)
    {
        const int row = table->rowCount();
        table->insertRow(row);
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(row, c, new QTableWidgetItem(cells[c]));
    }

    QString shortTime(const QString& iso)
    {
        return iso.left(19).replace(QLatin1Char('T'), QLatin1Char(' '));
    }

} // namespace

PackDetailView::PackDetailView(core::Inventory* inventory, QWidget* parent)
    : QWidget(parent)
    , m_inventory(inventory)
    , m_reader(std::make_unique<InventoryReader>(core::connectionUrl(*inventory)))
{
    m_header = new QLabel(tr("Choose a pack in the table."), this);
    m_header->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_grades = makeReadOnlyTable(this,
        { tr("Graded (UTC)"), tr("Grade"), tr("SoH capacity"), tr("Application"), tr("Policy") });
    m_sessions = makeReadOnlyTable(
        this, { tr("Started (UTC)"), tr("Bench"), tr("Operator"), tr("Folder") });
    m_audit = makeReadOnlyTable(this, { tr("When (UTC)"), tr("Who"), tr("What"), tr("Detail") });
    auto* history = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(history);
    historyLayout->addWidget(new QLabel(tr("<b>Grades</b>"), history));
    historyLayout->addWidget(m_grades, 2);
    historyLayout->addWidget(new QLabel(tr("<b>Test sessions</b>"), history));
    historyLayout->addWidget(m_sessions, 1);
    historyLayout->addWidget(new QLabel(tr("<b>Audit trail of the latest grade</b>"), history));
    historyLayout->addWidget(m_audit, 1);
    m_preview = new CertificatePreview(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(history, tr("&History"));
    m_tabs->addTab(m_preview, tr("&Certificate"));
    m_regrade = new QPushButton(tr("&Re-grade with current policy"), this);
    m_certificate = new QPushButton(tr("Preview c&ertificate"), this);
    connect(m_regrade, &QPushButton::clicked, this, [this] { regrade(); });
    m_certificate->setObjectName(QStringLiteral("previewCertificate"));
    connect(m_certificate, &QPushButton::clicked, this, &PackDetailView::requestCertificate);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_regrade);
    buttons->addWidget(m_certificate);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    m_regrade->setEnabled(false);
    m_certificate->setEnabled(false);
}

PackDetailView::~PackDetailView() = default;

void PackDetailView::setPolicy(const core::GradingPolicy& policy)
{
    m_policy = policy;
}
void PackDetailView::setUser(const QString& user)
{
    m_user = user;
}

void PackDetailView::setSigning(const core::SiteKey& key, const core::IssueContext& context)
{
    m_key = key;
    m_context = context;
}

void PackDetailView::showError(const core::Error& error)
{
    m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status->setText(error.message);
}

QString PackDetailView::headerText() const { return m_header->text(); }

void PackDetailView::showPack(const core::PackRecord& pack)
{
    m_pack = pack;
    m_notice.clear();
    m_preview->clear();
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Reading the pack's history…"));
    // What is not known is left out, not shown as an empty "VIN ·".
    QStringList header { QStringLiteral("<span style='font-size:large'><b>%1</b></span>")
                             .arg(pack.serial.toHtmlEscaped()) };
    if (!pack.vin.isEmpty())
        header << tr("VIN %1").arg(pack.vin.toHtmlEscaped());
    if (!pack.partNumber.isEmpty())
        header << tr("part %1").arg(pack.partNumber.toHtmlEscaped());
    if (!pack.chemistry.isEmpty())
        header << pack.chemistry.toUpper().toHtmlEscaped();
    header << tr("grade <b style='color:%1'>%2</b>")
                  .arg(gradeColor(pack.lastGrade).name(), gradeTitle(pack.lastGrade));
    m_header->setText(header.join(QStringLiteral(" · ")));
    m_grades->setRowCount(0);
    m_sessions->setRowCount(0);
    m_audit->setRowCount(0);
    m_latestGradeId.clear();
    m_regrade->setEnabled(false);
    m_certificate->setEnabled(false);
    m_loading = true;
    m_certificateLoading = false; // a preview asked for the pack before is dropped below
    const quint64 generation = ++m_generation;
    m_reader->cancelAll(); // a pack chosen before this one is not worth reading any more
    const QString packId = pack.id;
    m_reader->read<History>(
        this, [packId](core::Inventory& inventory) { return readHistory(inventory, packId); },
        [this, generation](const tl::expected<History, core::Error>& history) {
            showHistory(generation, history);
        });
}

tl::expected<PackDetailView::History, core::Error> PackDetailView::readHistory(
    core::Inventory& inventory, const QString& packId)
{
    History out;
    auto grades = core::packGrades(inventory, packId);
    if (!grades)
        return tl::unexpected(grades.error());
    out.grades = std::move(*grades);
    auto sessions = core::packSessions(inventory, packId);
    if (!sessions)
        return tl::unexpected(sessions.error());
    out.sessions = std::move(*sessions);
    if (out.grades.empty())
        return out;
    auto audit = core::auditTrail(inventory, out.grades.back().id);
    if (!audit)
        return tl::unexpected(audit.error());
    out.audit = std::move(*audit);
    return out;
}

void PackDetailView::showHistory(
    quint64 generation, const tl::expected<History, core::Error>& history)
{
    if (generation != m_generation)
        return; // another pack was chosen meanwhile
    m_loading = false;
    m_status->setText(m_notice); // what the action that re-read the history did, if any
    m_notice.clear();
    if (!history) {
        showError(history.error());
        emit historyShown(false);
        return;
    }
    for (const core::GradeRecord& g : history->grades) {
        addRow(m_grades,
            { shortTime(g.gradedAt), gradeTitle(g.grade),
                formatMeasure(QStringLiteral("soh_capacity"), g.sohCapacity),
                applicationTitle(g.targetApplication), g.policyVersion });
        m_latestGradeId = g.id;
    }
    for (const core::SessionRecord& s : history->sessions)
        addRow(m_sessions, { shortTime(s.startedAt), s.bench, s.operatorId, s.folder });
    for (const core::AuditEntry& e : history->audit)
        addRow(m_audit, { shortTime(e.at), e.actor, e.action, e.detail });
    m_regrade->setEnabled(!m_latestGradeId.isEmpty() && m_policy.has_value());
    m_certificate->setEnabled(!m_latestGradeId.isEmpty() && m_policy && m_key);
    emit historyShown(true);
}

tl::expected<core::Regrade, core::Error> PackDetailView::regrade()
{
    if (!m_policy)
        return tl::unexpected(core::Error { core::kExitUsage, tr("re-grade: no policy loaded") });
    auto r = core::regradePack(*m_inventory, *m_policy, m_pack.id, m_user);
    if (!r) {
        showError(r.error());
        return r;
    }
    m_pack.lastGrade = r->grade.grade;
    showPack(m_pack);
    m_notice = tr("Re-graded under %1 %2: %3")
                   .arg(r->grade.policyName, r->grade.policyVersion, gradeTitle(r->grade.grade));
    emit regraded(m_pack.id, r->grade.grade);
    return r;
}

tl::expected<core::SignedCertificate, core::Error> PackDetailView::buildCertificate(
    core::Inventory& inventory, const CertificateInput& in)
{
    // The latest grade as stored, through the mapping `packgrade-cli certificate` uses (an
    // override in the audit log is the grade it states).
    auto graded = core::findGradedPack(inventory, in.pack.id);
    if (!graded || !graded->has_value())
        return tl::unexpected(graded ? core::Error { core::kExitFailed,
                                  tr("certificate: %1 was never graded").arg(in.pack.serial) }
                                     : graded.error());
    const core::GradedPack& g = **graded;
    if (g.certificate && !g.certificate->envelope.isEmpty())
        return core::signedCertificateFromEnvelope(g.certificate->envelope);
    core::IssueContext context = in.context;
    context.graderName = context.graderName.isEmpty() ? in.user : context.graderName;
    if (!context.issuedAt.isValid())
        context.issuedAt = QDateTime::currentDateTimeUtc();
    auto data = core::certificateFromGradedPack(g, context, &inventory);
    if (!data)
        return tl::unexpected(core::Error {
            data.error().exitCode, in.pack.serial + QStringLiteral(": ") + data.error().message });
    auto cert = core::signCertificate(*data, in.key);
    if (!cert)
        return tl::unexpected(core::Error {
            cert.error().exitCode, in.pack.serial + QStringLiteral(": ") + cert.error().message });
    return *cert;
}

tl::expected<void, core::Error> PackDetailView::previewCertificate()
{
    if (!m_policy || !m_key) {
        const core::Error e { core::kExitUsage, tr("certificate: no policy or site key set up") };
        showError(e);
        return tl::unexpected(e);
    }
    auto cert = buildCertificate(*m_inventory, { *m_key, m_context, m_pack, m_user });
    if (!cert) {
        showError(cert.error());
        return tl::unexpected(cert.error());
    }
    m_preview->setCertificate(*cert);
    m_tabs->setCurrentWidget(m_preview);
    return {};
}

void PackDetailView::requestCertificate()
{
    if (!m_policy || !m_key) {
        showError({ core::kExitUsage, tr("certificate: no policy or site key set up") });
        emit certificateShown(false);
        return;
    }
    struct Drawn {
        core::SignedCertificate certificate;
        QImage pages;
    };
    const CertificateInput input { *m_key, m_context, m_pack, m_user };
    const quint64 generation = m_generation;
    m_certificateLoading = true;
    m_certificate->setEnabled(false);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Signing and drawing the certificate…"));
    m_reader->read<Drawn>(
        this,
        [input](core::Inventory& inventory) -> tl::expected<Drawn, core::Error> {
            auto cert = buildCertificate(inventory, input);
            if (!cert)
                return tl::unexpected(cert.error());
            // QPainter on a QImage works on any thread.
            QImage pages = CertificatePreview::renderPages(*cert, 4.0);
            return Drawn { std::move(*cert), std::move(pages) };
        },
        [this, generation](const tl::expected<Drawn, core::Error>& drawn) {
            m_certificateLoading = false;
            m_certificate->setEnabled(!m_latestGradeId.isEmpty() && m_policy && m_key);
            if (generation != m_generation)
                return; // another pack is shown now
            if (!drawn) {
                showError(drawn.error());
                emit certificateShown(false);
                return;
            }
            m_status->clear();
            m_preview->setCertificate(drawn->certificate, drawn->pages);
            m_tabs->setCurrentWidget(m_preview);
            emit certificateShown(true);
        });
}

} // namespace pg::app
