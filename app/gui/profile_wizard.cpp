#include "profile_wizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pg::app {

namespace {

    QString idText(std::uint32_t id, bool extended)
    {
        return QStringLiteral("0x%1")
            .arg(id, extended ? 8 : 3, 16, QLatin1Char('0'))
            .toUpper()
            .replace(QStringLiteral("0X"), QStringLiteral("0x"));
    }

    QString hexBytes(const can::CanFrame& f)
    {
        QStringList bytes;
        for (int i = 0; i < f.len; ++i)
            bytes << QStringLiteral("%1")
                         .arg(f.data[static_cast<std::size_t>(i)], 2, 16, QLatin1Char('0'))
                         .toUpper();
        return bytes.join(QLatin1Char(' '));
    }

    QString mappingText(const can::CapturedSignal& s)
    {
        const can::FieldInfo& info = can::fieldInfo(s.field);
        QString field = QLatin1String(info.key);
        if (info.shape == can::FieldShape::Array)
            field += QStringLiteral("[%1]").arg(s.index);
        return QStringLiteral("%1  ←  %2.%3  (%4|%5@%6%7, ×%8 %9%10 %11)")
            .arg(field, idText(s.id, s.extended), QString::fromStdString(s.name))
            .arg(s.startBit)
            .arg(s.length)
            .arg(s.byteOrder == can::ByteOrder::LittleEndian ? 1 : 0)
            .arg(s.isSigned ? QLatin1Char('-') : QLatin1Char('+'))
            .arg(s.factor)
            .arg(s.offset >= 0 ? QStringLiteral("+") : QString())
            .arg(s.offset)
            .arg(QString::fromStdString(s.unit));
    }

} // namespace

ProfileWizard::ProfileWizard(QWidget* parent)
    : QWizard(parent)
    , m_tick(new QTimer(this))
{
    setWindowTitle(tr("Capture a pack profile"));
    setPage(MessagePage, buildMessagePage());
    setPage(SignalPage, buildSignalPage());
    setPage(SavePage, buildSavePage());
    m_tick->setInterval(200);
    connect(m_tick, &QTimer::timeout, this, &ProfileWizard::refresh);
    m_tick->start();
    definitionChanged();
}

QWizardPage* ProfileWizard::buildMessagePage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Pick a message"));
    page->setSubTitle(tr("Every CAN id seen on the bus. Choose one that carries the quantity you "
                         "want, e.g. the id whose bytes change when the load is switched on."));
    m_messages = new QTableWidget(0, 3, page);
    m_messages->setHorizontalHeaderLabels({ tr("Id"), tr("Frames"), tr("Last data") });
    m_messages->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->verticalHeader()->setVisible(false);
    m_messages->horizontalHeader()->setStretchLastSection(true);
    connect(m_messages, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_messages->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const QVariant key = m_messages->item(rows.first().row(), 0)->data(Qt::UserRole);
        const qulonglong packed = key.toULongLong();
        m_selected = std::pair { (packed >> 32) != 0, static_cast<std::uint32_t>(packed) };
        definitionChanged();
    });
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_messages);
    return page;
}

QWidget* ProfileWizard::buildBitControls(QWidget* parent)
{
    auto* box = new QWidget(parent);
    m_startBit = new QSpinBox(box);
    m_startBit->setRange(0, 63);
    m_length = new QSpinBox(box);
    m_length->setRange(1, 64);
    m_length->setValue(16);
    m_byteOrder = new QComboBox(box);
    m_byteOrder->addItem(tr("Intel (little-endian, start = LSB)"));
    m_byteOrder->addItem(tr("Motorola (big-endian, start = MSB)"));
    m_signed = new QCheckBox(tr("Signed (two's complement)"), box);
    m_factor = new QDoubleSpinBox(box);
    m_factor->setDecimals(6);
    m_factor->setRange(-1e6, 1e6);
    m_factor->setValue(1.0);
    m_offset = new QDoubleSpinBox(box);
    m_offset->setDecimals(4);
    m_offset->setRange(-1e6, 1e6);
    m_unit = new QLineEdit(box);
    m_name = new QLineEdit(QStringLiteral("Value"), box);
    m_field = new QComboBox(box);
    for (int f = 0; f < static_cast<int>(can::SnapshotField::Count); ++f) {
        const can::FieldInfo& info = can::fieldInfo(static_cast<can::SnapshotField>(f));
        if (info.shape != can::FieldShape::Text)
            m_field->addItem(QLatin1String(info.key), f);
    }
    m_index = new QSpinBox(box);
    m_index->setRange(0, 1023);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Start bit:"), m_startBit);
    form->addRow(tr("Length (bits):"), m_length);
    form->addRow(tr("Byte order:"), m_byteOrder);
    form->addRow(QString(), m_signed);
    form->addRow(tr("Scale (value = raw × scale + offset):"), m_factor);
    form->addRow(tr("Offset:"), m_offset);
    form->addRow(tr("Unit:"), m_unit);
    form->addRow(tr("Signal name:"), m_name);
    form->addRow(tr("Snapshot field:"), m_field);
    form->addRow(tr("Element (cells, sensors):"), m_index);
    for (QSpinBox* s : { m_startBit, m_length, m_index })
        connect(s, &QSpinBox::valueChanged, this, &ProfileWizard::definitionChanged);
    for (QDoubleSpinBox* s : { m_factor, m_offset })
        connect(s, &QDoubleSpinBox::valueChanged, this, &ProfileWizard::definitionChanged);
    for (QLineEdit* e : { m_unit, m_name })
        connect(e, &QLineEdit::textChanged, this, &ProfileWizard::definitionChanged);
    connect(m_byteOrder, &QComboBox::currentIndexChanged, this, &ProfileWizard::definitionChanged);
    connect(m_field, &QComboBox::currentIndexChanged, this, &ProfileWizard::definitionChanged);
    connect(m_signed, &QCheckBox::toggled, this, &ProfileWizard::definitionChanged);
    return box;
}

QWizardPage* ProfileWizard::buildSignalPage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Mark the bits and watch the value"));
    page->setSubTitle(tr("Charge or discharge the pack a little: the live value must follow. "
                         "Add each quantity to the profile, then go on."));
    m_payload = new QLabel(page);
    m_payload->setFont(QFont(QStringLiteral("monospace")));
    m_liveLabel = new QLabel(page);
    QFont big = m_liveLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_liveLabel->setFont(big);
    m_status = new QLabel(page);
    m_status->setWordWrap(true);
    auto* add = new QPushButton(tr("&Add to profile"), page);
    connect(add, &QPushButton::clicked, this, [this] { addMapping(); });
    m_list = new QListWidget(page);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_payload);
    layout->addWidget(buildBitControls(page));
    layout->addWidget(m_liveLabel);
    layout->addWidget(m_status);
    layout->addWidget(add, 0, Qt::AlignLeft);
    layout->addWidget(m_list, 1);
    return page;
}

QWizardPage* ProfileWizard::buildSavePage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Save the profile"));
    page->setSubTitle(
        tr("A profile file and its DBC, side by side; share both with other benches."));
    m_profileName = new QLineEdit(QStringLiteral("captured-pack"), page);
    m_folder = new QLineEdit(QDir::homePath(), page);
    m_saveStatus = new QLabel(page);
    m_saveStatus->setWordWrap(true);
    auto* form = new QFormLayout(page);
    form->addRow(tr("Profile name:"), m_profileName);
    form->addRow(tr("Folder:"), m_folder);
    form->addRow(m_saveStatus);
    return page;
}

void ProfileWizard::addFrames(const std::vector<can::CanFrame>& frames)
{
    for (const can::CanFrame& f : frames) {
        if (f.is(can::CanFrame::Error) || f.is(can::CanFrame::Remote))
            continue;
        Seen& seen = m_seen[{ f.is(can::CanFrame::Extended), f.id }];
        seen.last = f;
        ++seen.count;
    }
    m_dirty = true;
}

void ProfileWizard::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    refreshMessages();
    refreshLive();
}

void ProfileWizard::refreshMessages()
{
    if (m_messages->rowCount() != static_cast<int>(m_seen.size())) {
        const QSignalBlocker block(m_messages);
        m_messages->setRowCount(static_cast<int>(m_seen.size()));
        int row = 0;
        for (const auto& [key, seen] : m_seen) {
            auto* item = new QTableWidgetItem(idText(key.second, key.first));
            item->setData(Qt::UserRole, (static_cast<qulonglong>(key.first) << 32) | key.second);
            m_messages->setItem(row++, 0, item);
        }
    }
    int row = 0;
    for (const auto& [key, seen] : m_seen) {
        m_messages->setItem(row, 1, new QTableWidgetItem(QString::number(seen.count)));
        m_messages->setItem(row++, 2, new QTableWidgetItem(hexBytes(seen.last)));
    }
}

void ProfileWizard::refreshLive()
{
    m_live.reset();
    const auto it = m_selected ? m_seen.find(*m_selected) : m_seen.end();
    if (it == m_seen.end()) {
        m_payload->setText(tr("No message chosen yet."));
        m_liveLabel->setText(QStringLiteral("–"));
        return;
    }
    m_payload->setText(
        tr("%1: %2").arg(idText(it->first.second, it->first.first), hexBytes(it->second.last)));
    if (m_previewOk)
        m_live = m_preview.value(it->second.last);
    m_liveLabel->setText(m_live
            ? QStringLiteral("%1 %2").arg(QLocale().toString(*m_live, 'g', 8)).arg(m_unit->text())
            : tr("no value (frame too short or definition invalid)"));
}

bool ProfileWizard::selectMessage(std::uint32_t id, bool extended)
{
    refreshMessages();
    for (int r = 0; r < m_messages->rowCount(); ++r) {
        const qulonglong key = m_messages->item(r, 0)->data(Qt::UserRole).toULongLong();
        if (static_cast<std::uint32_t>(key) == id && ((key >> 32) != 0) == extended) {
            m_messages->selectRow(r);
            return true;
        }
    }
    return false;
}

void ProfileWizard::setSignal(const can::CapturedSignal& s)
{
    m_startBit->setValue(s.startBit);
    m_length->setValue(s.length);
    m_byteOrder->setCurrentIndex(s.byteOrder == can::ByteOrder::LittleEndian ? 0 : 1);
    m_signed->setChecked(s.isSigned);
    m_factor->setValue(s.factor);
    m_offset->setValue(s.offset);
    m_unit->setText(QString::fromStdString(s.unit));
    m_name->setText(QString::fromStdString(s.name));
    m_field->setCurrentIndex(m_field->findData(static_cast<int>(s.field)));
    m_index->setValue(s.index);
    definitionChanged();
}

can::CapturedSignal ProfileWizard::currentSignal() const
{
    can::CapturedSignal s;
    if (m_selected) {
        s.extended = m_selected->first;
        s.id = m_selected->second;
    }
    s.name = m_name->text().trimmed().toStdString();
    s.startBit = m_startBit->value();
    s.length = m_length->value();
    s.byteOrder = m_byteOrder->currentIndex() == 0 ? can::ByteOrder::LittleEndian
                                                   : can::ByteOrder::BigEndian;
    s.isSigned = m_signed->isChecked();
    s.factor = m_factor->value();
    s.offset = m_offset->value();
    s.unit = m_unit->text().trimmed().toStdString();
    s.field = static_cast<can::SnapshotField>(m_field->currentData().toInt());
    s.index = m_index->value();
    return s;
}

void ProfileWizard::definitionChanged()
{
    auto ok = m_preview.setSignal(currentSignal());
    m_previewOk = static_cast<bool>(ok);
    report(ok ? QString() : QString::fromStdString(ok.error().reason), !ok);
    refreshLive();
}

bool ProfileWizard::addMapping()
{
    if (!m_selected) {
        report(tr("Choose a message first."), true);
        return false;
    }
    const can::CapturedSignal s = currentSignal();
    if (const std::string p = can::capturedSignalProblem(s); !p.empty()) {
        report(QString::fromStdString(p), true);
        return false;
    }
    m_mappings.push_back(s);
    m_list->addItem(mappingText(s));
    report(tr("Added. Mappings in the profile: %1.").arg(m_mappings.size()), false);
    return true;
}

void ProfileWizard::report(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_status->setText(text);
}

QString ProfileWizard::lastMessage() const
{
    return m_saveStatus->text().isEmpty() ? m_status->text() : m_saveStatus->text();
}

tl::expected<QString, QString> ProfileWizard::save(const QString& folder, const QString& name)
{
    auto path = can::writeCapturedProfile(folder.toStdString(), name.toStdString(), m_mappings,
        tr("captured at the bench with the profile wizard; check against the pack's documentation")
            .toStdString());
    if (!path) {
        m_saveStatus->setText(QString::fromStdString(path.error().toString()));
        return tl::unexpected(m_saveStatus->text());
    }
    m_saveStatus->setText(tr("Saved %1 and its DBC.").arg(QString::fromStdString(*path)));
    return QString::fromStdString(*path);
}

void ProfileWizard::accept()
{
    if (save(m_folder->text(), m_profileName->text().trimmed()))
        QWizard::accept();
}

} // namespace pg::app
