#pragma once
// The profile capture wizard, for a pack nobody has a profile for: watch the frames, pick a
// message, mark its bits (start bit, length, byte order, signedness), give scale, offset and
// unit, watch the decoded value live while the pack is charged or discharged a little, map it to
// a snapshot field, repeat for every quantity, and save a packgrade-profile/1 file with its DBC,
// checked by loading it back with the real ProfileLoader.
#include "can/can_frame.h"
#include "can/profile_capture.h"

#include <QWizard>
#include <map>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace pg::app {

class ProfileWizard : public QWizard {
    Q_OBJECT
public:
    enum Page { MessagePage, SignalPage, SavePage };
    explicit ProfileWizard(QWidget* parent = nullptr);

    // Chooses the message (as a click in the message table would).
    bool selectMessage(std::uint32_t id, bool extended);
    // Fills the bit, scaling and field controls from `s` (its id is the selected message's).
    void setSignal(const can::CapturedSignal& s);
    can::CapturedSignal currentSignal() const;
    // The value of the current definition in the latest frame of the selected message.
    std::optional<double> liveValue() const { return m_live; }
    // Adds the current definition to the profile; false (and a message) when it is not valid.
    bool addMapping();
    const std::vector<can::CapturedSignal>& mappings() const { return m_mappings; }
    // Writes NAME.json and NAME.dbc into `folder` and loads them back; returns the profile path.
    tl::expected<QString, QString> save(const QString& folder, const QString& name);
    QString lastMessage() const;

    QTableWidget* messageTable() const { return m_messages; }
    QLabel* liveLabel() const { return m_liveLabel; }

public slots:
    // Frames from the bus (a transport's takeFrames, or the frame monitor). Cheap: the tables
    // and the live value refresh at most five times a second.
    void addFrames(const std::vector<pg::can::CanFrame>& frames);
    void accept() override;

private:
    QWizardPage* buildMessagePage();
    QWizardPage* buildSignalPage();
    QWizardPage* buildSavePage();
    QWidget* buildBitControls(QWidget* parent);
    void refresh();
    void refreshMessages();
    void refreshLive();
    void definitionChanged();
    void report(const QString& text, bool error);

    struct Seen {
        can::CanFrame last;
        std::uint64_t count = 0;
    };
    std::map<std::pair<bool, std::uint32_t>, Seen> m_seen;
    std::optional<std::pair<bool, std::uint32_t>> m_selected;
    std::vector<can::CapturedSignal> m_mappings;
    can::CapturedSignalPreview m_preview;
    bool m_previewOk = false;
    std::optional<double> m_live;
    bool m_dirty = false;

    QTableWidget* m_messages = nullptr;
    QSpinBox* m_startBit = nullptr;
    QSpinBox* m_length = nullptr;
    QComboBox* m_byteOrder = nullptr;
    QCheckBox* m_signed = nullptr;
    QDoubleSpinBox* m_factor = nullptr;
    QDoubleSpinBox* m_offset = nullptr;
    QLineEdit* m_unit = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_field = nullptr;
    QSpinBox* m_index = nullptr;
    QLabel* m_payload = nullptr;
    QLabel* m_liveLabel = nullptr;
    QLabel* m_status = nullptr;
    QListWidget* m_list = nullptr;
    QLineEdit* m_profileName = nullptr;
    QLineEdit* m_folder = nullptr;
    QLabel* m_saveStatus = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace pg::app
