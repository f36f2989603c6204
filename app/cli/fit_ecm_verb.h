#pragma once

// `packgrade-cli fit-ecm`, Qt-free: the lean front process (front_main.cpp) runs it without
// loading Qt, and the Qt program runs the same function (cli_fit_ecm.cpp).
#include <string>
#include <vector>

namespace pg::app {

// `args` excludes the program and verb names; returns the exit code (CLI.md).
int runFitEcmPlain(const std::vector<std::string>& args);

} // namespace pg::app
