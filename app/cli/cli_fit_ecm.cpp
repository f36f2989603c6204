// packgrade-cli fit-ecm in the Qt program: the same Qt-free verb the lean front runs
// (fit_ecm_verb.cpp), so that both processes give the same answer.
#include "commands.h"
#include "fit_ecm_verb.h"

namespace pg::app {

int runFitEcm(const QStringList& args)
{
    std::vector<std::string> plainArgs;
    for (const QString& a : args)
        plainArgs.push_back(a.toLocal8Bit().toStdString());
    return runFitEcmPlain(plainArgs);
}

} // namespace pg::app
