#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace pg::app {

class BenchController;

// The Bench screen: which adapter, at which bitrate, or the built-in simulator; which pack profile
// (guessed from the traffic or chosen by hand) and the pack's rating for the procedures.
class BenchPage : public QWidget {
    Q_OBJECT
public:
    explicit BenchPage(BenchController& bench, QWidget* parent = nullptr);

    // F5: connects to what is selected, or disconnects.
    void toggleConnection();
    void refreshAdapters();
    void detectProfile();
    void selectAdapter(const QString& spec);
    void selectSimulator(const QString& specPath, double speed);

private:
    QWidget* buildAdapterBox();
    QWidget* buildSimulatorBox();
    QWidget* buildProfileBox();
    QWidget* buildRatingBox();
    void connectSimulator();
    void applyProfile();
    void applyRating();
    void showRating();
    void onConnectionChanged(bool connected);
    void showError(const QString& title, const QString& message);

    BenchController& m_bench;
    QComboBox* m_adapter = nullptr;
    QComboBox* m_bitrate = nullptr;
    QPushButton* m_connect = nullptr;
    QComboBox* m_simSpec = nullptr;
    QDoubleSpinBox* m_simSpeed = nullptr;
    QPushButton* m_simStart = nullptr;
    QComboBox* m_profile = nullptr;
    QLabel* m_detectResult = nullptr;
    QComboBox* m_chemistry = nullptr;
    QSpinBox* m_series = nullptr;
    QDoubleSpinBox* m_capacity = nullptr;
    QLabel* m_state = nullptr;
};

} // namespace pg::app
