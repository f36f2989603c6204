#include "cli_models_common.h"

#include <QFile>
#include <cmath>
#include <sstream>

namespace pg::app {

QJsonValue jsonNumber(double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); }

QJsonArray jsonStrings(const std::vector<std::string>& items)
{
    QJsonArray a;
    for (const auto& s : items)
        a.append(QString::fromStdString(s));
    return a;
}

int failModel(const models::FitError& error)
{
    return fail(core::Error { core::kExitBadInput, QString::fromStdString(error.toString()) });
}

namespace {

// Built-in OCV tables (resources/ocv). NCA, LMO and LTO have no openly licensed measured table
// in the project's data, so they are refused rather than guessed.
struct BuiltInOcv {
    const char* chemistry;
    const char* resource;
    const char* note;
};
constexpr BuiltInOcv kBuiltIn[] = {
    { "nmc", ":/ocv/nmc_lgm50_25c.csv", "" },
    { "lfp", ":/ocv/lfp_zephyr_datasheet.csv",
        "LFP table is a datasheet discharge curve, not a rested OCV: SoC on the plateau is coarse" },
};

} // namespace

bool loadOcvChoice(const QString& chemistry, const QString& ocvPath, const QString& verb, OcvChoice& out, int& exitCode)
{
    if (!ocvPath.isEmpty()) {
        auto t = models::OcvTable::readFile(ocvPath.toStdString());
        if (!t) {
            exitCode = failModel(t.error());
            return false;
        }
        out.table = std::move(*t);
        return true;
    }
    if (chemistry.isEmpty())
        return true;
    for (const BuiltInOcv& b : kBuiltIn) {
        if (chemistry.compare(QLatin1String(b.chemistry), Qt::CaseInsensitive) != 0)
            continue;
        QFile f(QLatin1String(b.resource));
        if (!f.open(QIODevice::ReadOnly)) {
            exitCode = fail(core::Error { core::kExitFailed, QStringLiteral("%1: built-in table missing").arg(QLatin1String(b.resource)) });
            return false;
        }
        std::istringstream in(f.readAll().toStdString());
        auto t = models::OcvTable::read(in, b.resource);
        if (!t) {
            exitCode = failModel(t.error());
            return false;
        }
        out.table = std::move(*t);
        out.note = b.note;
        return true;
    }
    exitCode = usage(verb, QStringLiteral("no built-in OCV table for chemistry '%1' (have nmc, lfp; NCA/LMO/LTO: give --ocv FILE)").arg(chemistry));
    return false;
}

} // namespace pg::app
