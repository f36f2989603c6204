#pragma once

#include "pack_snapshot.h"

#include <QJsonObject>

namespace pg::core {

// One snapshot as JSON (what `listen --profile --json` streams, one object per line):
//   {"time_s", "profile", "fields": {key: value}, "stale": [keys], "invalid": [keys]}
// `fields` holds every field the pack has sent: scalars as numbers, text fields as strings,
// cell_voltage_v / temperature_c as arrays (null for an element that is absent, invalid or
// stale), dtc as [{"code", "text"}]. A stale or invalid scalar is listed under `stale` /
// `invalid` and its value is null, so a reader never takes an old value for a fresh one.
QJsonObject snapshotToJson(const PackSnapshot& snapshot);

} // namespace pg::core
