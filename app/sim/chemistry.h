#pragma once

#include "models/ocv_table.h"

#include <QString>
#include <memory>
#include <tl/expected.hpp>

namespace pg::sim {

// What the simulator assumes about a cell chemistry: its OCV curve, voltage window and default
// equivalent-circuit values for a new cell. Each number says where it came from.
struct Chemistry {
    QString name; // nmc, nca, lfp, lmo
    std::shared_ptr<const models::OcvTable> ocv;
    QString ocvSource;
    double minV = 0; // discharge cut-off (datasheet practice)
    double maxV = 0; // charge limit
    double nominalV = 0;
    // Defaults for a new cell of the reference size (LG M50 class, 5 Ah); scaled by capacity.
    double r0OhmAh = 0; // R0 x capacity: a 10 Ah cell of the same design has half the R0
    double r1OhmAh = 0, tau1S = 0, r2OhmAh = 0, tau2S = 0;
    // R(T) = R(25 degC) exp(B (1/T - 1/298.15)), T in K.
    double arrheniusBK = 0;
};

tl::expected<Chemistry, QString> chemistry(const QString& name);

} // namespace pg::sim
