#pragma once
// One pack from the inventory: its grades and test sessions, the audit trail of its latest grade
// (approvals, overrides, signatures), re-grading under the current policy, and a preview of its
// certificate drawn by the PDF code, with printing. The history is read on a reader thread of its
// own (InventoryReader): choosing a pack never waits for the database on the GUI thread.
#include "core/certificate_from_grade.h"
#include "core/grade_review.h"
#include "core/grading_policy.h"
#include "core/inventory.h"
#include "core/pack_history.h"
#include "core/site_key.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <tl/expected.hpp>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace pg::app {

class CertificatePreview;
class InventoryReader;

class PackDetailView : public QWidget {
    Q_OBJECT
public:
    explicit PackDetailView(core::Inventory* inventory, QWidget* parent = nullptr);
    ~PackDetailView() override;

    void setPolicy(const core::GradingPolicy& policy);
    void setUser(const QString& user);
    void setSigning(const core::SiteKey& key, const core::IssueContext& context);

    // Shows the pack and asks for its history (grades, sessions, audit trail of the latest grade);
    // historyShown() says when it is on screen, or that it could not be read (shown in the view).
    void showPack(const core::PackRecord& pack);
    const core::PackRecord& pack() const { return m_pack; }
    bool historyLoading() const { return m_loading; }
    QString headerText() const; // the pack line above the tables (rich text)

    // Grades the latest assessment again under the policy and stores the grade.
    tl::expected<core::Regrade, core::Error> regrade();
    // Builds, signs (in memory, with the site key) and shows the certificate of the latest grade,
    // on this thread (scripts and tests that want the answer now). A grade that has a stored
    // certificate shows that one, as `packgrade-cli certificate` re-exports it.
    tl::expected<void, core::Error> previewCertificate();
    // The same on the reader thread (the "Preview certificate" button): reading, signing and
    // drawing the pages stay off the GUI thread; certificateShown() says when it is on screen.
    void requestCertificate();
    bool certificateLoading() const { return m_certificateLoading; }
    QPushButton* certificateButton() const { return m_certificate; }

    QTableWidget* gradesTable() const { return m_grades; }
    QTableWidget* sessionsTable() const { return m_sessions; }
    QTableWidget* auditTable() const { return m_audit; }
    CertificatePreview* preview() const { return m_preview; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void regraded(const QString& packId, const QString& grade);
    void historyShown(bool ok);
    void certificateShown(bool ok);

private:
    struct History {
        std::vector<core::GradeRecord> grades;
        std::vector<core::SessionRecord> sessions;
        std::vector<core::AuditEntry> audit;
    };
    static tl::expected<History, core::Error> readHistory(
        core::Inventory& inventory, const QString& packId);
    void showHistory(quint64 generation, const tl::expected<History, core::Error>& history);
    void showError(const core::Error& error);
    struct CertificateInput {
        core::SiteKey key;
        core::IssueContext context;
        core::PackRecord pack;
        QString user;
    };
    static tl::expected<core::SignedCertificate, core::Error> buildCertificate(
        core::Inventory& inventory, const CertificateInput& input);

    core::Inventory* m_inventory;
    std::unique_ptr<InventoryReader> m_reader;
    quint64 m_generation = 0; // of the pack shown: a history read for an earlier one is dropped
    bool m_loading = false;
    bool m_certificateLoading = false;
    std::optional<core::GradingPolicy> m_policy;
    std::optional<core::SiteKey> m_key;
    core::IssueContext m_context;
    QString m_user;
    core::PackRecord m_pack;
    QString m_latestGradeId;
    QString m_notice; // shown once the history is on screen

    QLabel* m_header = nullptr;
    QLabel* m_status = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_grades = nullptr;
    QTableWidget* m_sessions = nullptr;
    QTableWidget* m_audit = nullptr;
    CertificatePreview* m_preview = nullptr;
    QPushButton* m_regrade = nullptr;
    QPushButton* m_certificate = nullptr;
};

} // namespace pg::app
