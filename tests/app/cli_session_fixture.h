#pragma once
// Shared by the session tests: run packgrade-cli, write simulator specs, read session files.

#include "test_paths.h"
#include "tool_runner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace pg::test {

using Cli = CliResult;

inline QJsonObject readJsonFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject {};
}

inline QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

inline int lineCount(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? static_cast<int>(f.readAll().count('\n')) : 0;
}

// A small pack so that a whole capacity test takes seconds at the simulator's speed.
inline QString writeSpec(
    const QTemporaryDir& dir, const QString& name, const QJsonObject& overrides)
{
    QJsonObject spec { { QStringLiteral("chemistry"), QStringLiteral("nmc") },
        { QStringLiteral("series"), 12 }, { QStringLiteral("parallel"), 1 },
        { QStringLiteral("nominal_capacity_ah"), 2.0 }, { QStringLiteral("soh_capacity"), 0.85 },
        { QStringLiteral("resistance_growth"), 1.4 }, { QStringLiteral("cell_spread"), 0.02 },
        { QStringLiteral("soc"), 1.0 }, { QStringLiteral("seed"), 7 },
        // foxBMS 2 broadcasts every cell voltage (the default inverter-can profile carries none),
        // so the recorded session has per-cell channels. 12 cells fill its multiplexed frames
        // exactly (4 voltages, 6 temperatures per frame): slots past the pack's last cell would
        // decode as 0 V / 0 degC (a known gap, docs/notes-sim.md).
        { QStringLiteral("profile"), QStringLiteral("foxbms2") } };
    for (auto i = overrides.begin(); i != overrides.end(); ++i)
        spec[i.key()] = i.value();
    const QString path = dir.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(spec).toJson());
    return path;
}

} // namespace pg::test
