#pragma once

#include <QString>

namespace pg::core {

// Exit codes of packgrade-cli (../shared/CLI.md).
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2, kExitBadInput = 3 };

// The error type of core/: what failed, in words that name the file/line or device, and the
// exit code the CLI maps it to.
struct Error {
    int exitCode = kExitFailed;
    QString message;
};

} // namespace pg::core
