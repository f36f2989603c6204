#include "profile_replay.h"

#include "can/log_reader.h"
#include "snapshot_assembler.h"

namespace pg::core {

namespace {

    void add(FieldStats& st, const can::FieldValue& v, bool text)
    {
        st.isText = text;
        if (!v.valid) {
            ++st.invalid;
            return;
        }
        if (text) {
            st.lastText = QString::fromStdString(v.text);
            ++st.count;
            return;
        }
        st.min = st.count == 0 ? v.value : std::min(st.min, v.value);
        st.max = st.count == 0 ? v.value : std::max(st.max, v.value);
        st.last = v.value;
        ++st.count;
    }

    void record(ProfileReplay& r, const can::FieldValue& v)
    {
        const can::FieldInfo& info = can::fieldInfo(v.field);
        if (info.shape == can::FieldShape::Array && v.index < 0)
            return; // a list resize (DM1 with no active DTC), not a value
        const QString key = QLatin1String(info.key);
        const bool text = info.shape == can::FieldShape::Text;
        add(r.fields[key], v, text);
        if (info.shape == can::FieldShape::Array)
            add(r.fields[QStringLiteral("%1[%2]").arg(key).arg(v.index)], v, false);
    }

} // namespace

tl::expected<ProfileReplay, Error> replayWithProfile(const QString& logPath, const QString& profile)
{
    auto decoder = can::ProfileDecoder::load(profile.toStdString());
    if (!decoder)
        return tl::unexpected(
            Error { kExitBadInput, QString::fromStdString(decoder.error().toString()) });
    auto reader = can::LogReader::open(logPath.toStdString());
    if (!reader)
        return tl::unexpected(
            Error { kExitBadInput, QString::fromStdString(reader.error().toString()) });
    ProfileReplay r;
    r.profile = QString::fromStdString(decoder->profile().name);
    r.profileFile = QString::fromStdString(decoder->profile().file);
    SnapshotAssembler assembler(*decoder, {});
    std::vector<can::FieldValue> values;
    std::vector<PackSnapshot> snapshots;
    can::CanFrame frame;
    while (reader->next(frame)) {
        assembler.decodeFrame(frame, values);
        for (const can::FieldValue& v : values)
            record(r, v);
        snapshots.clear();
        assembler.addValues(values, frame.timeS(), snapshots);
        r.snapshots += snapshots.size();
    }
    r.last = assembler.snapshot(assembler.lastTimeS());
    r.checkFailures = decoder->checkFailures();
    return r;
}

} // namespace pg::core
