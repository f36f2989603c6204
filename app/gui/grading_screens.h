#pragma once

#include "core/grading_policy.h"
#include "core/inventory.h"
#include "core/site_key.h"
#include "inventory_view.h"
#include "profile_wizard.h"
#include "result_view.h"
#include "run_worker.h"

#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

class QLabel;
class QStackedWidget;

namespace pg::app {

class MainWindow;
struct AppSettings;

// The grading half of the window: the inventory on the configured database, the Result screen of
// the session just graded (core::gradeSessionFolder on the run's thread, as
// `packgrade-cli grade --session`), the export dialog and the profile capture wizard. No grading
// here: core grades, this class hands the results to the widgets. The window owns it and destroys
// it before its screens (the views read the inventory it holds).
class GradingScreens : public QObject {
    Q_OBJECT
public:
    explicit GradingScreens(MainWindow& window);
    ~GradingScreens() override;

    // Opens the inventory at `databaseUrl` (empty: core's default SQLite file in the data folder)
    // and puts the Inventory screen on it; the policy, site key, user and certificate context come
    // from `settings`. An error leaves a screen that says what to fix.
    tl::expected<void, core::Error> open(const AppSettings& settings);
    core::Inventory* inventory() const { return m_inventory.get(); }
    QString databaseUrl() const;
    const std::optional<core::SiteKey>& siteKey() const { return m_key; }
    QString certificateFolder() const { return m_pdfFolder; }

    ResultView* resultView() const { return m_result; }
    InventoryView* inventoryView() const { return m_inventoryView; }

    // A run's grade: shown on the Result screen, the inventory re-read.
    void showGraded(const GradedRun& run);
    void openExportDialog();
    ProfileWizard* openProfileWizard();

Q_SIGNALS:
    void resultShown(const QString& sessionDir);

private:
    // Who and where for a certificate signed in this window (site, bench, operator, software).
    core::IssueContext issueContext() const;

    MainWindow& m_window;
    std::unique_ptr<core::Inventory> m_inventory;
    std::optional<core::GradingPolicy> m_policy;
    std::optional<core::SiteKey> m_key;
    QString m_user;
    QString m_siteName;
    QString m_benchName;
    QString m_pdfFolder;
    QPointer<ResultView> m_result; // owned by the window's stack
    QPointer<InventoryView> m_inventoryView;
    QPointer<ProfileWizard> m_wizard;
};

} // namespace pg::app
