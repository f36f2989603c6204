#pragma once

// Certificates for the tests: the example input in resources/ (a real NASA PCoE discharge of cell
// B0005) read through certificateFromInput(), and a variant with every optional field set.
#include "core/certificate_json.h"
#include "core/site_key.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>

namespace pg::test {

inline QString exampleInputPath()
{
    return QStringLiteral(RESOURCES_DIR "/certificates/example_nasa_b0005.json");
}

inline core::CertificateData exampleCertificate()
{
    QFile file(exampleInputPath());
    file.open(QIODevice::ReadOnly);
    const QJsonObject input = QJsonDocument::fromJson(file.readAll()).object();
    auto data = core::certificateFromInput(input, QStringLiteral("0.1.0-test"),
        QDateTime(QDate(2026, 11, 24), QTime(18, 30, 5), QTimeZone::utc()));
    core::CertificateData d = data.value_or(core::CertificateData {});
    d.certificateId = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    return d;
}

inline core::CertificateData fullCertificate()
{
    core::CertificateData d = exampleCertificate();
    d.sohResistance = 0.8;
    d.internalResistanceOhm = 0.0321;
    d.internalResistanceStderrOhm = 0.0004;
    d.sohResistanceStderr = 0.012;
    d.powerCapabilityW = 250.0;
    d.originalPowerCapabilityW = 300.0;
    d.dtcs = { QStringLiteral("P0A7F: hybrid battery pack deterioration"),
        QStringLiteral("P0AFA: battery voltage low") };
    return d;
}

// A Python interpreter that can import `module`: python3 on PATH first, then /usr/bin/python3.
// Empty (and `why` says so) when neither can.
inline QString pythonWith(const QString& module, QString* why)
{
    for (const QString& python : { QStandardPaths::findExecutable(QStringLiteral("python3")),
             QStringLiteral("/usr/bin/python3") }) {
        if (!python.isEmpty()
            && runTool(python, { QStringLiteral("-c"), QStringLiteral("import ") + module })
                    .exitCode
                == 0)
            return python;
    }
    *why = QStringLiteral("no python3 here can import %1 (pip install %1, or Debian's python3-%1)")
               .arg(module);
    return {};
}

// A deterministic key: every seed byte is `fill`.
inline core::SiteKey seededKey(char fill)
{
    return core::SiteKey::fromSeed(QByteArray(32, fill));
}

} // namespace pg::test
