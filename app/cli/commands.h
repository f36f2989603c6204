#pragma once

#include "app/sim/session_meta.h"
#include "core/profile_replay.h"

#include <QJsonObject>
#include <QStringList>

namespace pg::sim {
struct PackSpec;
}

namespace pg::app {

// Each verb of packgrade-cli (../shared/CLI.md). `args` excludes the program and verb names.
int runReplay(const QStringList& args);
int runDecode(const QStringList& args);
int runDevices(const QStringList& args);
int runListen(const QStringList& args);
int runFitEcm(const QStringList& args);
int runCapacity(const QStringList& args);
int runFade(const QStringList& args);
int runSimulate(const QStringList& args);
int runProfile(const QStringList& args);

// `signals` of `replay --profile P`: {field: {count, min, max, last}} (cli_profile.cpp).
QJsonObject profileSignalsJson(const core::ProfileReplay& replay);
QString profileSignalsText(const core::ProfileReplay& replay);
int runUds(const QStringList& args);
int runGrade(const QStringList& args);
int runInventory(const QStringList& args);
int runCertificate(const QStringList& args);
int runVerify(const QStringList& args);
int runSiteKey(const QStringList& args);
int runExport(const QStringList& args);
int runUpload(const QStringList& args);
int runSession(const QStringList& args);

// session.json keys of a simulated session, and the spec's copy in it (app/sim/session_meta.h).
using sim::copySpecIntoSession;
using sim::simulatedSessionMeta;

} // namespace pg::app
