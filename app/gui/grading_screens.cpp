#include "grading_screens.h"

#include "app_settings.h"
#include "bench_controller.h"
#include "error_dialog.h"
#include "export_dialog.h"
#include "inventory_view.h"
#include "main_window.h"
#include "pack_detail_view.h"
#include "packgrade_version.h"
#include "profile_wizard.h"
#include "result_view.h"

#include <QDir>
#include <QLabel>
#include <QStandardPaths>

namespace pg::app {

namespace {

    QLabel* notice(const QString& title, const QString& text)
    {
        auto* label = new QLabel(QStringLiteral("<h2>%1</h2><p>%2</p>")
                                     .arg(title.toHtmlEscaped(), text.toHtmlEscaped()));
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        return label;
    }

} // namespace

GradingScreens::GradingScreens(MainWindow& window)
    : m_window(window)
{
    connect(&window.bench(), &BenchController::runGraded, this, &GradingScreens::showGraded);
}

GradingScreens::~GradingScreens()
{
    // The views read the inventory this object owns: they go first.
    delete m_result;
    delete m_inventoryView;
}

QString GradingScreens::databaseUrl() const
{
    return m_inventory ? m_inventory->urlText() : QString();
}

tl::expected<void, core::Error> GradingScreens::open(const AppSettings& settings)
{
    m_user = settings.currentUser.isEmpty() ? qEnvironmentVariable("USER") : settings.currentUser;
    m_siteName = settings.siteName;
    m_benchName = settings.benchName;
    m_pdfFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/certificates");
    QDir().mkpath(m_pdfFolder);
    const QString url
        = settings.databaseUrl.isEmpty() ? core::defaultDatabaseUrl() : settings.databaseUrl;
    m_window.bench().setGrading(url, settings.policyFile, m_user);
    auto policy = settings.policyFile.isEmpty() ? core::loadDefaultPolicy()
                                                : core::loadPolicy(settings.policyFile);
    auto key = core::SiteKey::loadOrCreate(
        settings.keyDir.isEmpty() ? core::SiteKey::defaultKeyDir() : settings.keyDir);
    auto inventory = core::Inventory::open(url);
    if (m_inventoryView) {
        // The old view goes with deleteLater(); the inventory it reads stays until then.
        std::shared_ptr<core::Inventory> old(std::move(m_inventory));
        connect(m_inventoryView, &QObject::destroyed, [old] { Q_UNUSED(old); });
        m_inventoryView = nullptr;
    }
    m_inventory.reset();
    if (!inventory || !policy) {
        const core::Error e = !inventory ? inventory.error() : policy.error();
        m_window.setInventoryPage(notice(tr("Inventory not available"),
            tr("%1\n\nCheck the database and policy in Settings (Ctrl+,).").arg(e.message)));
        return tl::unexpected(e);
    }
    m_inventory = std::move(*inventory);
    m_policy = *policy;
    if (key)
        m_key = *key;
    m_inventoryView = new InventoryView(m_inventory.get());
    m_inventoryView->detail()->setPolicy(*m_policy);
    m_inventoryView->detail()->setUser(m_user);
    if (m_key)
        m_inventoryView->detail()->setSigning(*m_key, issueContext());
    m_window.setInventoryPage(m_inventoryView);
    if (!key)
        return tl::unexpected(key.error());
    return {};
}

void GradingScreens::showGraded(const GradedRun& run)
{
    if (!run.graded) {
        showErrorDialog(&m_window, tr("The session was not graded"),
            tr("%1\n\nThe session stays in %2; `packgrade-cli grade --session %2` grades it "
               "later.")
                .arg(run.error, run.sessionDir));
        return;
    }
    if (!m_inventory) {
        showErrorDialog(&m_window, tr("No inventory"),
            tr("The grade is in %1/grade.json but no inventory is open: check the database in "
               "Settings.")
                .arg(run.sessionDir));
        return;
    }
    const core::SessionGrade& g = *run.graded;
    auto* view = new ResultView(m_inventory.get());
    view->setObjectName(QStringLiteral("resultView"));
    view->setResult(g.session.assessment, g.grade, g.stored.value_or(core::StoredGrade {}));
    view->setUser(m_user);
    if (m_key)
        view->setSigning(*m_key, issueContext(), m_pdfFolder);
    m_result = view;
    m_window.setResultPage(view); // the previous result goes
    m_window.showScreen(MainWindow::Screen::Result);
    if (m_inventoryView)
        m_inventoryView->refresh();
    if (!run.error.isEmpty())
        showErrorDialog(&m_window, tr("The grade was not stored"), run.error);
    Q_EMIT resultShown(run.sessionDir);
}

core::IssueContext GradingScreens::issueContext() const
{
    core::IssueContext context;
    context.siteName = m_siteName;
    context.benchId = m_benchName;
    context.operatorName = m_user;
    context.softwareVersion = QLatin1String(pg::kVersion);
    return context;
}

void GradingScreens::openExportDialog()
{
    auto* dialog = new ExportDialog(databaseUrl(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
}

ProfileWizard* GradingScreens::openProfileWizard()
{
    if (!m_wizard) {
        m_wizard = new ProfileWizard(&m_window);
        m_wizard->setAttribute(Qt::WA_DeleteOnClose);
        // The wizard sees what the frame monitor sees while it is open.
        connect(&m_window.bench(), &BenchController::framesReceived, m_wizard,
            &ProfileWizard::addFrames);
    }
    m_wizard->show();
    m_wizard->raise();
    return m_wizard;
}

} // namespace pg::app
