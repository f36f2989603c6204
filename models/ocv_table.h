#pragma once

#include "models/fit_error.h"

#include <istream>
#include <string>
#include <vector>

namespace pg::models {

// Open-circuit voltage against state of charge for one chemistry, with monotone piecewise-cubic
// (Fritsch-Carlson) interpolation, so that SoC -> OCV and OCV -> SoC are both single-valued and
// consistent: socFromOcv(ocvV(s)) == s within 1e-9 inside the table. Outside the table the value
// is clamped to the end points (callers that care check inRange()).
class OcvTable {
public:
    // Points must have strictly increasing SoC and OCV; hysteresisV is optional (same length).
    static Result<OcvTable> fromPoints(std::vector<double> soc, std::vector<double> ocvV,
        std::vector<double> hysteresisV = {}, std::string source = {});
    // CSV with a `soc` column (0..1) and `ocv_v` (or `voltage_v`), optional `hysteresis_v`.
    static Result<OcvTable> read(std::istream& in, const std::string& source);
    static Result<OcvTable> readFile(const std::string& path);

    double ocvV(double soc) const;
    // The same value; `segmentHint` (start at 0) remembers the table segment between calls, so
    // a slowly moving SoC (a record's charge) skips the search.
    double ocvV(double soc, std::size_t& segmentHint) const;
    double slopeVPerSoc(double soc) const; // dOCV/dSoC
    double socFromOcv(double ocvV) const;
    // Half the charge/discharge OCV gap at `soc` (0 when the table has none).
    double hysteresisV(double soc) const;
    bool inRange(double soc) const { return soc >= m_soc.front() && soc <= m_soc.back(); }

    double socMin() const { return m_soc.front(); }
    double socMax() const { return m_soc.back(); }
    double ocvMinV() const { return m_ocv.front(); }
    double ocvMaxV() const { return m_ocv.back(); }
    std::size_t size() const { return m_soc.size(); }
    const std::string& source() const { return m_source; }

private:
    std::size_t segment(double soc) const;
    double evalSegment(std::size_t k, double soc, double* slope) const;

    std::vector<double> m_soc;
    std::vector<double> m_ocv;
    std::vector<double> m_slope; // interpolating derivative at each knot
    std::vector<double> m_hysteresis;
    std::string m_source;
};

// Builds an OCV table from a slow (C/20 or slower) discharge and charge: OCV is the mean of the
// two branches at equal SoC (which cancels the ohmic drop and the hysteresis to first order),
// SoC from coulomb counting normalised by the discharged capacity. Either branch alone may be
// given (chargeV empty): then the table is the branch itself and a warning says so.
struct SlowOcvFit {
    OcvTable table;
    std::vector<std::string> warnings;
};
Result<SlowOcvFit> fitOcvFromSlowTest(const std::vector<double>& dischargeSoc,
    const std::vector<double>& dischargeV, const std::vector<double>& chargeSoc,
    const std::vector<double>& chargeV, std::size_t points = 101);

} // namespace pg::models
