#pragma once

#include "core/error.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <tl/expected.hpp>

namespace pg::app {

// Prints exactly one JSON object on stdout.
void printJson(const QJsonObject& object);
// A JSON object file; errors name the file and line (`what`: what the file should hold).
tl::expected<QJsonObject, core::Error> readJsonObjectFile(const QString& path, const QString& what);
// Prints text on stdout / one line on stderr.
void printOut(const QString& text);
void printErr(const QString& text);
// Prints the error as one line on stderr and returns its exit code.
int fail(const core::Error& error);
int usage(const QString& verb, const QString& message);

// Parses a verb's arguments; on error prints usage and returns false with `exitCode` set.
bool parseArgs(QCommandLineParser& parser, const QString& verb, const QStringList& args, int& exitCode);

} // namespace pg::app
