#pragma once

#include <QStringList>

namespace pg::app {

// Each verb of packgrade-cli (../shared/CLI.md). `args` excludes the program and verb names.
int runReplay(const QStringList& args);
int runDevices(const QStringList& args);
int runListen(const QStringList& args);
int runCertificate(const QStringList& args);
int runVerify(const QStringList& args);
int runSiteKey(const QStringList& args);

} // namespace pg::app
