#include "main_window.h"

#include "app_settings.h"
#include "bench_controller.h"
#include "bench_page.h"
#include "error_dialog.h"
#include "frame_monitor_page.h"
#include "grading_screens.h"
#include "live_page.h"
#include "run_page.h"
#include "session_recovery.h"
#include "settings_page.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace pg::app {

namespace {

    constexpr const char* kScreenKeys[]
        = { "bench", "live", "run", "result", "inventory", "frames", "settings" };

    std::size_t at(MainWindow::Screen s)
    {
        return static_cast<std::size_t>(s);
    }

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_bench(new BenchController(this))
{
    setWindowTitle(tr("PackGrade bench"));
    buildScreens();
    m_grading = std::make_unique<GradingScreens>(*this);
    buildNavigation();
    buildActions();
    routeBench();
    m_busStatus = new QLabel(tr("Not connected"), this);
    m_runStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_busStatus, 3);
    statusBar()->addPermanentWidget(m_runStatus, 1);
    const AppSettings settings = AppSettings::load();
    settings.applyToCore();
    m_bench->setBenchName(settings.benchName);
    m_grading->open(settings); // an error is shown on the Inventory screen
    QSettings window;
    if (!restoreGeometry(window.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(window.value(QStringLiteral("window/state")).toByteArray());
    showScreen(static_cast<Screen>(
        window.value(QStringLiteral("window/screen"), 0).toInt() % at(Screen::Count)));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildScreens()
{
    m_stack = new QStackedWidget(this);
    m_benchPage = new BenchPage(*m_bench, m_stack);
    m_livePage = new LivePage(m_stack);
    m_runPage = new RunPage(*m_bench, m_stack);
    m_framePage = new FrameMonitorPage(m_stack);
    m_settingsPage = new SettingsPage(m_stack);
    m_pages = { m_benchPage, m_livePage, m_runPage,
        placeholder(
            tr("Result"), tr("The grade of the last test appears here when its plan completes.")),
        placeholder(tr("Inventory"), tr("Opening the inventory…")), m_framePage, m_settingsPage };
    for (QWidget* page : m_pages)
        m_stack->addWidget(page);
}

QWidget* MainWindow::placeholder(const QString& title, const QString& text)
{
    auto* label = new QLabel(
        QStringLiteral("<h2>%1</h2><p>%2</p>").arg(title.toHtmlEscaped(), text.toHtmlEscaped()),
        m_stack);
    label->setAlignment(Qt::AlignCenter);
    return label;
}

void MainWindow::buildNavigation()
{
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("navigation"));
    const QString names[] = { tr("Bench"), tr("Live pack"), tr("Test run"), tr("Result"),
        tr("Inventory"), tr("Frame monitor"), tr("Settings") };
    for (int i = 0; i < static_cast<int>(Screen::Count); ++i) {
        m_nav->addItem(QStringLiteral("%1   %2").arg(i + 1).arg(names[i]));
        m_nav->item(i)->setData(Qt::UserRole, names[i]);
        m_nav->item(i)->setToolTip(tr("Ctrl+%1").arg(i + 1));
    }
    QFont f = m_nav->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_nav->setFont(f);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + 2 * m_nav->frameWidth() + 24);
    m_nav->setSpacing(4);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    auto* hint = new QLabel(tr("Ctrl+1 … Ctrl+7\nswitch screens"), this);
    hint->setAlignment(Qt::AlignCenter);
    auto* side = new QVBoxLayout;
    side->addWidget(m_nav, 1);
    side->addWidget(hint);
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->addLayout(side);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
}

void MainWindow::buildActions()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    auto* exportAction = file->addAction(
        tr("&Export inventory…"), this, [this] { m_grading->openExportDialog(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Close &interrupted sessions…"), this, [this] {
        if (!offerToCloseInterruptedSessions())
            statusBar()->showMessage(tr("No interrupted sessions."), 5000);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < static_cast<int>(Screen::Count); ++i) {
        auto* a = view->addAction(m_nav->item(i)->data(Qt::UserRole).toString(), this,
            [this, i] { showScreen(static_cast<Screen>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    auto* bench = menuBar()->addMenu(tr("&Bench"));
    auto* connectAction
        = bench->addAction(tr("&Connect / disconnect"), m_benchPage, &BenchPage::toggleConnection);
    connectAction->setShortcut(QKeySequence(Qt::Key_F5));
    auto* abort = bench->addAction(tr("&Abort test (load off)"), m_runPage, &RunPage::abort);
    abort->setShortcuts({ QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_Period) });
    abort->setShortcutContext(Qt::WindowShortcut); // a dialog keeps its own Esc
    bench->addSeparator();
    auto* wizard = bench->addAction(
        tr("Capture a &profile from the bus…"), this, [this] { m_grading->openProfileWizard(); });
    wizard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
}

void MainWindow::routeBench()
{
    connect(m_bench, &BenchController::liveSample, m_livePage, &LivePage::showSample);
    connect(m_bench, &BenchController::framesReceived, m_framePage, &FrameMonitorPage::addFrames);
    connect(m_bench, &BenchController::busEvent, m_framePage, &FrameMonitorPage::addBusEvent);
    connect(m_bench, &BenchController::busStatusChanged, this,
        [this](const QString& text, bool problem) {
            m_busStatus->setText(text);
            m_busStatus->setStyleSheet(
                problem ? QStringLiteral("color: rgb(220,40,40); font-weight: bold") : QString());
        });
    connect(m_bench, &BenchController::connectionChanged, this, [this](bool connected) {
        if (connected) {
            m_livePage->clearHistory();
            m_framePage->clear();
        }
        if (!m_bench->transport())
            m_busStatus->setText(m_bench->connectionText());
    });
    connect(m_bench, &BenchController::runProgress, this, [this](const RunProgress& p) {
        m_runStatus->setText(
            p.step >= 0 ? tr("Test running: step %1, %2").arg(p.step + 1).arg(RunPage::phaseTitle(p.phase)) : QString());
    });
    connect(m_bench, &BenchController::runFinished, this,
        [this](const QString& outcome) { m_runStatus->setText(tr("Last test: %1").arg(RunPage::outcomeTitle(outcome)));
        });
    connect(m_settingsPage, &SettingsPage::applied, this, [this] {
        const AppSettings s = AppSettings::load();
        applyTheme(s.darkTheme);
        m_bench->setBenchName(s.benchName);
        m_grading->open(s);
    });
}

void MainWindow::showScreen(Screen screen)
{
    m_nav->setCurrentRow(static_cast<int>(screen));
}

MainWindow::Screen MainWindow::currentScreen() const
{
    return static_cast<Screen>(m_stack->currentIndex());
}

QString MainWindow::screenKey(Screen screen)
{
    return QLatin1String(kScreenKeys[at(screen)]);
}

bool MainWindow::showScreenByKey(const QString& key)
{
    for (int i = 0; i < static_cast<int>(Screen::Count); ++i) {
        if (screenKey(static_cast<Screen>(i)) == key) {
            showScreen(static_cast<Screen>(i));
            return true;
        }
    }
    return false;
}

void MainWindow::setScreenWidget(Screen screen, QWidget* page)
{
    QWidget* old = m_pages[at(screen)];
    const bool current = currentScreen() == screen;
    m_stack->insertWidget(static_cast<int>(screen), page);
    m_stack->removeWidget(old);
    old->deleteLater();
    m_pages[at(screen)] = page;
    if (current)
        m_stack->setCurrentIndex(static_cast<int>(screen));
}

QWidget* MainWindow::screenWidget(Screen screen) const
{
    return m_pages[at(screen)];
}

void MainWindow::connectTo(const QString& spec, int bitrate)
{
    m_benchPage->selectAdapter(spec);
    if (auto ok = m_bench->connectBus(spec, bitrate); !ok)
        showErrorDialog(this, tr("Cannot connect"), ok.error());
}

FrameTableModel* MainWindow::frameModel() const
{
    return m_framePage->model();
}

can::Transport* MainWindow::transport() const
{
    return m_bench->transport();
}

QMessageBox* MainWindow::offerToCloseInterruptedSessions()
{
    return offerToCloseInterrupted(this, m_bench->sessionRoot(), [this](const QString& dir) {
        showScreen(Screen::Run);
        if (auto ok = m_runPage->resume(dir); !ok)
            showErrorDialog(this, tr("Cannot resume the session"), ok.error());
    });
}

void MainWindow::openSettings()
{
    showScreen(Screen::Settings);
    m_settingsPage->edit();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/screen"), static_cast<int>(currentScreen()));
    m_bench->abortRun(); // the runner switches the load off before the window goes
    event->accept();
}

} // namespace pg::app
