#pragma once

#include <QWidget>

class QLabel;

namespace pg::app {

// The Settings screen: what the bench is set to now, and the button to change it.
class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(QWidget* parent = nullptr);
    void refresh();
    // Opens the settings dialog (window-modal, not blocking); emits applied() when saved.
    void edit();

Q_SIGNALS:
    void applied();

private:
    QLabel* m_summary;
};

} // namespace pg::app
