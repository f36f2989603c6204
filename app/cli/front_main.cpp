// packgrade-cli: the process a user starts. Verbs that need only the estimators (fit-ecm) run
// here without loading Qt (about 4 ms of dynamic linking saved per run); every other verb is
// handed to the Qt program packgrade-cli-qt next to this file by execv (same arguments, same
// exit code, same stdio).
#include "fit_ecm_verb.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

// Directory of this executable (from /proc/self/exe, so it works from any working directory).
std::string ownDirectory()
{
    char path[4096];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
        return ".";
    const std::string self(path, static_cast<std::size_t>(n));
    const std::size_t slash = self.rfind('/');
    return slash == std::string::npos ? std::string(".") : self.substr(0, slash);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "fit-ecm") == 0)
        return pg::app::runFitEcmPlain(std::vector<std::string>(argv + 2, argv + argc));
    const std::string full = ownDirectory() + "/packgrade-cli-qt";
    execv(full.c_str(), argv);
    std::fprintf(
        stderr, "packgrade-cli: cannot start %s: %s\n", full.c_str(), std::strerror(errno));
    return 1;
}
