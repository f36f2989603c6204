#include "snapshot_json.h"

#include <QJsonArray>

namespace pg::core {

namespace {

    bool usable(const SnapshotValue& v)
    {
        return v.present && v.valid && !v.stale;
    }

    QJsonValue scalarJson(const SnapshotValue& v, can::FieldShape shape)
    {
        if (!usable(v))
            return QJsonValue::Null;
        return shape == can::FieldShape::Text ? QJsonValue(v.text) : QJsonValue(v.value);
    }

    QJsonArray arrayJson(const std::vector<SnapshotValue>& values)
    {
        QJsonArray out;
        for (const SnapshotValue& v : values)
            out.append(usable(v) ? QJsonValue(v.value) : QJsonValue::Null);
        return out;
    }

    QJsonArray dtcJson(const std::vector<SnapshotValue>& dtcs)
    {
        QJsonArray out;
        for (const SnapshotValue& v : dtcs) {
            if (!v.present)
                continue;
            QJsonObject o { { QStringLiteral("code"), v.value } };
            if (!v.text.isEmpty())
                o[QStringLiteral("text")] = v.text;
            if (v.stale)
                o[QStringLiteral("stale")] = true;
            out.append(o);
        }
        return out;
    }

} // namespace

QJsonObject snapshotToJson(const PackSnapshot& s)
{
    QJsonObject fields;
    QJsonArray stale;
    QJsonArray invalid;
    for (int i = 0; i < static_cast<int>(can::SnapshotField::Count); ++i) {
        const auto field = static_cast<can::SnapshotField>(i);
        const can::FieldInfo& info = can::fieldInfo(field);
        const QString key = QLatin1String(info.key);
        if (info.shape == can::FieldShape::Array) {
            const std::vector<SnapshotValue>* arr = s.array(field);
            if (arr != nullptr && !arr->empty())
                fields[key] = field == can::SnapshotField::Dtc ? dtcJson(*arr) : arrayJson(*arr);
            continue;
        }
        const SnapshotValue& v = s.get(field);
        if (!v.present)
            continue;
        fields[key] = scalarJson(v, info.shape);
        if (v.stale)
            stale.append(key);
        if (!v.valid)
            invalid.append(key);
    }
    return QJsonObject { { QStringLiteral("time_s"), s.timeS },
        { QStringLiteral("profile"), s.profile }, { QStringLiteral("fields"), fields },
        { QStringLiteral("stale"), stale }, { QStringLiteral("invalid"), invalid } };
}

} // namespace pg::core
