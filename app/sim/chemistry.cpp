#include "chemistry.h"

#include <QFile>
#include <sstream>

namespace pg::sim {

namespace {

tl::expected<std::shared_ptr<const models::OcvTable>, QString> loadOcv(const QString& resource)
{
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly))
        return tl::make_unexpected(resource + QStringLiteral(": missing from the program's resources"));
    std::istringstream in(f.readAll().toStdString());
    auto table = models::OcvTable::read(in, resource.toStdString());
    if (!table)
        return tl::make_unexpected(QString::fromStdString(table.error().toString()));
    return std::make_shared<const models::OcvTable>(std::move(*table));
}

// Rescales an OCV curve linearly onto another voltage window, keeping its shape: used for
// chemistries with no openly licensed measured curve (said so in ocvSource).
std::shared_ptr<const models::OcvTable> rescaled(const models::OcvTable& base, double lo, double hi)
{
    std::vector<double> soc, v;
    const double a = base.ocvMinV(), b = base.ocvMaxV();
    for (int i = 0; i <= 100; ++i) {
        const double s = i / 100.0;
        soc.push_back(s);
        v.push_back(lo + (base.ocvV(s) - a) * (hi - lo) / (b - a));
    }
    return std::make_shared<const models::OcvTable>(*models::OcvTable::fromPoints(soc, v));
}

} // namespace

tl::expected<Chemistry, QString> chemistry(const QString& name)
{
    auto nmc = loadOcv(QStringLiteral(":/ocv/nmc_lgm50_25c.csv"));
    if (!nmc)
        return tl::make_unexpected(nmc.error());
    Chemistry c;
    c.name = name;
    // R0 12.1 mOhm at 25 degC on a 5 Ah LG M50 and its rise to 17.1 mOhm at 0 degC
    // (Widanage TECMD fit, ../shared/data/lgm50/ecm_tecmd_widanage.csv) give B = 1120 K.
    c.r0OhmAh = 0.0121 * 5.0;
    c.r1OhmAh = 0.006 * 5.0; // a fast branch and a slow one, in the range of 2RC fits
    c.tau1S = 8.0; //          to LG M50 HPPC pulses (10 s pulse, 10 s .. 10 min relaxation)
    c.r2OhmAh = 0.010 * 5.0;
    c.tau2S = 120.0;
    c.arrheniusBK = 1120.0;
    if (name == QLatin1String("nmc")) {
        c.ocv = *nmc;
        c.ocvSource = QStringLiteral("LG M50 NMC811 OCV at 25 degC (Widanage, MIT)");
        c.minV = 2.5, c.maxV = 4.2, c.nominalV = 3.63;
        return c;
    }
    if (name == QLatin1String("lfp")) {
        auto lfp = loadOcv(QStringLiteral(":/ocv/lfp_zephyr_datasheet.csv"));
        if (!lfp)
            return tl::make_unexpected(lfp.error());
        c.ocv = *lfp;
        c.ocvSource = QStringLiteral("IFR18650 datasheet discharge curve (zephyr, Apache-2.0): a shape, not a rested OCV");
        c.minV = 2.5, c.maxV = 3.65, c.nominalV = 3.2;
        c.r0OhmAh *= 1.3; // LFP cells run somewhat higher impedance per Ah
        return c;
    }
    if (name == QLatin1String("nca")) {
        c.ocv = rescaled(**nmc, 3.0, 4.19);
        c.ocvSource = QStringLiteral("NMC LG M50 shape rescaled to 3.0-4.19 V: no open NCA table found");
        c.minV = 2.5, c.maxV = 4.2, c.nominalV = 3.6;
        return c;
    }
    if (name == QLatin1String("lmo")) {
        c.ocv = rescaled(**nmc, 3.3, 4.19);
        c.ocvSource = QStringLiteral("NMC LG M50 shape rescaled to 3.3-4.19 V: no open LMO table found");
        c.minV = 3.0, c.maxV = 4.2, c.nominalV = 3.75;
        return c;
    }
    return tl::make_unexpected(QStringLiteral("unknown chemistry '%1' (expected nmc, nca, lfp or lmo)").arg(name));
}

} // namespace pg::sim
