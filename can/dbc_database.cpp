#include "dbc_database.h"

#include <algorithm>

namespace pg::can {

const char* DbcSignal::labelFor(std::int64_t raw) const
{
    const auto it = std::lower_bound(valueLabels.begin(), valueLabels.end(), raw,
        [](const DbcValueLabel& l, std::int64_t v) { return l.value < v; });
    return it != valueLabels.end() && it->value == raw ? it->label.c_str() : nullptr;
}

int signalEndByte(const DbcSignal& s)
{
    const int lastBit = s.byteOrder == ByteOrder::LittleEndian
        ? s.startBit + s.length - 1
        : linearBitIndex(s.startBit) + s.length - 1;
    return lastBit / 8 + 1;
}

bool DbcMessage::isFd() const
{
    return frameFormat == DbcFrameFormat::StandardFd || frameFormat == DbcFrameFormat::ExtendedFd
        || length > 8;
}

const DbcSignal* DbcMessage::findSignal(std::string_view signalName) const
{
    for (const DbcSignal& s : signalList) {
        if (s.name == signalName)
            return &s;
    }
    return nullptr;
}

const DbcMessage* DbcDatabase::findMessage(std::uint32_t id, bool extended) const
{
    for (const DbcMessage& m : messages) {
        if (m.id == id && m.extended == extended && !m.pseudo)
            return &m;
    }
    return nullptr;
}

const DbcMessage* DbcDatabase::findMessage(std::string_view messageName) const
{
    for (const DbcMessage& m : messages) {
        if (m.name == messageName)
            return &m;
    }
    return nullptr;
}

const DbcAttributeDefinition* DbcDatabase::findAttributeDefinition(
    std::string_view attributeName) const
{
    for (const DbcAttributeDefinition& d : attributeDefinitions) {
        if (d.name == attributeName)
            return &d;
    }
    return nullptr;
}

} // namespace pg::can
