#include "tool_runner.h"
#include "test_paths.h"

#include <QJsonDocument>

#include <QProcess>
#include <QStandardPaths>

namespace pg::test {

ToolResult runTool(const QString& program, const QStringList& args, int timeoutMs)
{
    ToolResult r;
    QProcess p;
    p.start(program, args);
    r.started = p.waitForStarted(10000);
    if (!r.started)
        return r;
    p.waitForFinished(timeoutMs);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString cliPath() { return binPath(QStringLiteral("cli/packgrade-cli")); }

CliResult runCli(const QStringList& args, int timeoutMs)
{
    const ToolResult r = runTool(cliPath(), args, timeoutMs);
    return { r.exitCode, r.out, QJsonDocument::fromJson(r.out).object(), QString::fromUtf8(r.err) };
}

bool pythonHas(const QString& module, QString* why)
{
    const ToolResult r = runTool(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QStringLiteral("import ") + module });
    if (r.started && r.exitCode == 0)
        return true;
    if (why)
        *why = QStringLiteral("/usr/bin/python3 cannot import %1 (install Debian's python3-%1): %2")
                   .arg(module, QString::fromUtf8(r.err).trimmed());
    return false;
}

bool haveProgram(const QString& program) { return !QStandardPaths::findExecutable(program).isEmpty(); }

} // namespace pg::test
