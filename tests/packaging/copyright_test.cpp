// packaging/copyright (installed as /usr/share/doc/packgrade/copyright) must name every DBC file
// shipped in resources/dbc in a `Files:` stanza, and carry the foxBMS 2 BSD-3-Clause notice
// (its copyright line and the three conditions) for foxbms2.dbc.
#include <QDir>
#include <QFile>
#include <gtest/gtest.h>

namespace {

QString readText(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QString::fromUtf8(f.readAll());
}

} // namespace

TEST(PackagingCopyright, EveryShippedDbcHasAFilesStanza)
{
    const QString copyright = readText(QStringLiteral(PACKGRADE_SOURCE_DIR "/packaging/copyright"));
    QStringList stanzaFiles;
    for (const QString& line : copyright.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Files:")))
            stanzaFiles += line.mid(6).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    const QDir dbc(QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/dbc"));
    const QStringList shipped = dbc.entryList({ QStringLiteral("*.dbc") }, QDir::Files);
    ASSERT_FALSE(shipped.isEmpty());
    for (const QString& file : shipped)
        EXPECT_TRUE(stanzaFiles.contains(QStringLiteral("resources/dbc/") + file))
            << file.toStdString() << " has no Files: stanza in packaging/copyright";
}

TEST(PackagingCopyright, FoxbmsNoticeAndConditionsAreCarried)
{
    const QString copyright = readText(QStringLiteral(PACKGRADE_SOURCE_DIR "/packaging/copyright"));
    EXPECT_TRUE(
        copyright.contains(QLatin1String("Copyright (c) 2010 - 2026, Fraunhofer-Gesellschaft zur "
                                         "Foerderung der angewandten Forschung e.V.")));
    EXPECT_TRUE(copyright.contains(QLatin1String("License: BSD-3-Clause\n")));
    EXPECT_TRUE(
        copyright.contains(QLatin1String("2. Redistributions in binary form must reproduce")));
    EXPECT_TRUE(copyright.contains(QLatin1String("3. Neither the name of the copyright holder")));
    // The GPL-3.0 community Leaf DBC is test input only, never shipped.
    EXPECT_FALSE(QFile::exists(
        QStringLiteral(PACKGRADE_SOURCE_DIR "/resources/dbc/nissan_leaf_aze0_evcan.dbc")));
}
