#pragma once
// The result screen of one graded pack: SoH with its uncertainty, the grade in large type and its
// colour, every rule with value, threshold and margin, the modules with the weak ones marked and
// the module advice, the remaining-life projection, and the grader's review: approve, or override
// with a mandatory reason, then sign (the signed certificate goes to the inventory and a PDF).
#include "core/assessment.h"
#include "core/certificate_from_grade.h"
#include "core/grade_review.h"
#include "core/grading.h"
#include "core/inventory.h"
#include "core/site_key.h"
#include "models/fade.h"

#include <QWidget>
#include <optional>
#include <tl/expected.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace pg::app {

class FadePlot;

class ResultView : public QWidget {
    Q_OBJECT
public:
    // `inventory` holds `stored` and must outlive the view.
    ResultView(core::Inventory* inventory, QWidget* parent = nullptr);

    void setResult(const core::Assessment& assessment, const core::GradeResult& grade,
        const core::StoredGrade& stored);
    void setFade(const std::vector<double>& cycles, const std::vector<double>& capacityAh,
        const models::FadeResult& fade);
    // The grader working at the bench; reviews are refused without one.
    void setUser(const QString& user);
    // What signing needs: the site key, who/where for the certificate (the grader is the user),
    // and the folder for PDFs.
    void setSigning(const core::SiteKey& key, const core::IssueContext& context,
        const QString& pdfFolder);

    // The grade now in force: the policy's, or the grader's override.
    QString finalGrade() const { return m_finalGrade; }
    bool reviewed() const { return m_reviewed; }

    // The actions behind the buttons (the buttons call these; tests may too).
    tl::expected<void, core::Error> approve();
    tl::expected<void, core::Error> overrideTo(const QString& grade, const QString& reason);
    // Signs the certificate of the final grade, writes the PDF, records it; returns the PDF path.
    tl::expected<QString, core::Error> sign();

    // The parts, for tests and screenshots.
    QLabel* gradeLabel() const { return m_grade; }
    QTableWidget* rulesTable() const { return m_rules; }
    QTableWidget* modulesTable() const { return m_modules; }
    FadePlot* fadePlot() const { return m_plot; }
    QLineEdit* reasonEdit() const { return m_reason; }
    QComboBox* overrideCombo() const { return m_overrideGrade; }
    QPushButton* approveButton() const { return m_approve; }
    QPushButton* overrideButton() const { return m_override; }
    QPushButton* signButton() const { return m_sign; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void reviewedAs(const QString& grade);
    void certificateSigned(const QString& pdfPath, const QString& certificateId);

private:
    QWidget* buildHeader();
    QWidget* buildMeasures();
    QWidget* buildReview();
    void showGrade(const QString& grade);
    void showMeasures();
    void updateButtons();
    void report(const tl::expected<void, core::Error>& outcome, const QString& done);

    core::Inventory* m_inventory;
    core::Assessment m_assessment;
    core::GradeResult m_result;
    core::StoredGrade m_stored;
    QString m_finalGrade;
    QString m_user;
    bool m_reviewed = false;
    bool m_signed = false;
    std::optional<core::SiteKey> m_key;
    core::IssueContext m_context;
    QString m_pdfFolder;

    QLabel* m_grade = nullptr;
    QLabel* m_target = nullptr;
    QLabel* m_identity = nullptr;
    QLabel* m_reasons = nullptr;
    QLabel* m_sohCapacity = nullptr;
    QLabel* m_sohResistance = nullptr;
    QLabel* m_spread = nullptr;
    QLabel* m_advice = nullptr;
    QTableWidget* m_rules = nullptr;
    QTableWidget* m_modules = nullptr;
    FadePlot* m_plot = nullptr;
    QLabel* m_noHistory = nullptr;
    QComboBox* m_overrideGrade = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_override = nullptr;
    QPushButton* m_sign = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace pg::app
