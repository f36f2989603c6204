#pragma once

#include <QString>

namespace pg::test {

inline QString dataPath(const QString& name) { return QStringLiteral(TEST_DATA_DIR "/") + name; }
inline QString sharedDataPath(const QString& name) { return QStringLiteral(SHARED_DATA_DIR "/") + name; }
inline QString toolPath(const QString& name) { return QStringLiteral(TEST_TOOLS_DIR "/") + name; }
inline QString binPath(const QString& name) { return QStringLiteral(PACKGRADE_BIN_DIR "/") + name; }
inline QString testBinPath(const QString& name) { return QStringLiteral(TEST_BIN_DIR "/") + name; }

} // namespace pg::test
