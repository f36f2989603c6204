#pragma once

#include "models/ocv_table.h"

#include <QString>
#include <memory>

namespace pg::core {

// The built-in OCV table of a chemistry (resources/ocv: NMC from the LG M50 measurement, LFP
// from a datasheet curve), or nullptr with `why` saying what is missing (NCA, LMO: no openly
// licensed table).
std::shared_ptr<const models::OcvTable> chemistryOcvTable(const QString& chemistry, QString* why = nullptr);

} // namespace pg::core
