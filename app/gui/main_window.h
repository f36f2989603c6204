#pragma once

#include "can/transport.h"

#include <QMainWindow>
#include <array>
#include <memory>

class QLabel;
class QMessageBox;
class QListWidget;
class QStackedWidget;

namespace pg::app {

class BenchController;
class BenchPage;
class FrameMonitorPage;
class FrameTableModel;
class GradingScreens;
class LivePage;
class RunPage;
class SettingsPage;

// The bench window: a navigation list and one page per screen. It only assembles the screens and
// routes the BenchController's signals to them; each screen lives in its own class. The Result
// and Inventory screens are filled by GradingScreens (setScreenWidget()).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Screen { Bench, Live, Run, Result, Inventory, Frames, Settings, Count };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    BenchController& bench() { return *m_bench; }
    void showScreen(Screen screen);
    Screen currentScreen() const;
    // "bench", "live", "run", "result", "inventory", "frames", "settings".
    static QString screenKey(Screen screen);
    bool showScreenByKey(const QString& key);
    // Replaces a screen's page (the Result and Inventory screens of the grading and inventory
    // work); the window takes ownership.
    void setScreenWidget(Screen screen, QWidget* page);
    void setResultPage(QWidget* page) { setScreenWidget(Screen::Result, page); }
    void setInventoryPage(QWidget* page) { setScreenWidget(Screen::Inventory, page); }
    QWidget* screenWidget(Screen screen) const;

    // The Result and Inventory screens, the export dialog and the profile wizard.
    GradingScreens& grading() { return *m_grading; }
    // Offers to close the sessions a crash left running under the session folder (non-blocking);
    // nullptr when there are none.
    QMessageBox* offerToCloseInterruptedSessions();

    BenchPage* benchPage() const { return m_benchPage; }
    LivePage* livePage() const { return m_livePage; }
    RunPage* runPage() const { return m_runPage; }
    FrameMonitorPage* framePage() const { return m_framePage; }

    // Connects to a device spec such as "virtualcan:can0" (used by --device and tests).
    void connectTo(const QString& spec, int bitrate);
    FrameTableModel* frameModel() const;
    can::Transport* transport() const;
    void openSettings();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildScreens();
    void buildNavigation();
    void buildActions();
    void routeBench();
    QWidget* placeholder(const QString& title, const QString& text);

    BenchController* m_bench;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    std::array<QWidget*, static_cast<std::size_t>(Screen::Count)> m_pages {};
    BenchPage* m_benchPage = nullptr;
    LivePage* m_livePage = nullptr;
    RunPage* m_runPage = nullptr;
    FrameMonitorPage* m_framePage = nullptr;
    SettingsPage* m_settingsPage = nullptr;
    QLabel* m_busStatus = nullptr;
    QLabel* m_runStatus = nullptr;
    std::unique_ptr<GradingScreens> m_grading; // destroyed before the screens it fills
};

} // namespace pg::app
