#pragma once

#include "dbc_database.h"

#include <QJsonObject>
#include <string>

namespace pg::can {

// A starting mapping (a profile based on generic-dbc) for a DBC the user has, guessed from its
// signal names and units: pack voltage/current, cell voltages and temperatures (numbered
// signals become one pattern), SoC, SoH. Every guess is marked as a GAP for the user to check;
// nothing here knows a CAN id. `fieldCount` receives how many mappings were guessed.
QJsonObject makeProfileTemplate(const DbcDatabase& db, const std::string& dbcFile,
    const std::string& name, int* fieldCount = nullptr);

} // namespace pg::can
