#pragma once
// One pack from the inventory: its grades and test sessions, the audit trail of its latest grade
// (approvals, overrides, signatures), re-grading under the current policy, and a preview of its
// certificate drawn by the PDF code, with printing.
#include "core/grade_review.h"
#include "core/grading_policy.h"
#include "core/inventory.h"
#include "core/pack_history.h"
#include "core/site_key.h"

#include <QWidget>
#include <optional>
#include <tl/expected.hpp>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace pg::app {

class CertificatePreview;

class PackDetailView : public QWidget {
    Q_OBJECT
public:
    explicit PackDetailView(core::Inventory* inventory, QWidget* parent = nullptr);

    void setPolicy(const core::GradingPolicy& policy);
    void setUser(const QString& user);
    void setSigning(const core::SiteKey& key, const core::CertificateContext& context);

    // Reads and shows the pack's history; an error is shown in the view and returned.
    tl::expected<void, core::Error> showPack(const core::PackRecord& pack);
    const core::PackRecord& pack() const { return m_pack; }

    // Grades the latest assessment again under the policy and stores the grade.
    tl::expected<core::Regrade, core::Error> regrade();
    // Builds, signs (in memory, with the site key) and shows the certificate of the latest grade.
    tl::expected<void, core::Error> previewCertificate();

    QTableWidget* gradesTable() const { return m_grades; }
    QTableWidget* sessionsTable() const { return m_sessions; }
    QTableWidget* auditTable() const { return m_audit; }
    CertificatePreview* preview() const { return m_preview; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void regraded(const QString& packId, const QString& grade);

private:
    tl::expected<void, core::Error> loadHistory();
    void showError(const core::Error& error);

    core::Inventory* m_inventory;
    std::optional<core::GradingPolicy> m_policy;
    std::optional<core::SiteKey> m_key;
    core::CertificateContext m_context;
    QString m_user;
    core::PackRecord m_pack;
    QString m_latestGradeId;

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
