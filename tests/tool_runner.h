#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pg::test {

struct ToolResult {
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs an external program to completion (tools written by others: python-can, can-utils, node).
ToolResult runTool(const QString& program, const QStringList& args, int timeoutMs = 60000);

// packgrade-cli run as a user runs it: exit code, stdout (and its JSON object when it prints
// one), stderr.
struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QJsonObject json;
    QString err;
};
QString cliPath();
CliResult runCli(const QStringList& args, int timeoutMs = 300000);

// True when /usr/bin/python3 can import `module`; `why` says what is missing otherwise.
bool pythonHas(const QString& module, QString* why);
// True when `program` is on PATH.
bool haveProgram(const QString& program);

} // namespace pg::test
