#include "cli_models_common.h"

#include "builtin_ocv.h"

#include <cmath>

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

bool loadOcvChoice(const QString& chemistry, const QString& ocvPath, const QString& verb, OcvChoice& out, int& exitCode)
{
    auto choice = loadBuiltInOrFileOcv(chemistry.toStdString(), ocvPath.toStdString());
    if (!choice) {
        const QString message = QString::fromStdString(choice.error().message);
        exitCode = choice.error().usage ? usage(verb, message) : fail(core::Error { choice.error().exitCode, message });
        return false;
    }
    out.table = std::move(choice->table);
    out.note = choice->note;
    return true;
}

} // namespace pg::app
