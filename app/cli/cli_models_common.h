#pragma once

// Shared by the estimator verbs (fit-ecm, capacity, fade): input loading and JSON helpers.
#include "cli_common.h"
#include "models/fit_error.h"
#include "models/ocv_table.h"

#include <QJsonArray>
#include <QJsonValue>
#include <optional>
#include <vector>

namespace pg::app {

// A number, or null when it is not finite (JSON has no NaN or infinity).
QJsonValue jsonNumber(double value);
QJsonArray jsonStrings(const std::vector<std::string>& items);
// Exit 3 with the estimator's file:line message.
int failModel(const models::FitError& error);

// --chemistry C (built-in table from resources/ocv) or --ocv FILE; nullopt with `exitCode` set
// on error; an empty optional table (has_value, but `none`) when neither was given.
struct OcvChoice {
    std::optional<models::OcvTable> table;
    std::string note; // e.g. the LFP datasheet caveat
};
bool loadOcvChoice(const QString& chemistry, const QString& ocvPath, const QString& verb, OcvChoice& out, int& exitCode);

} // namespace pg::app
