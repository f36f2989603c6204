#include "ocv_library.h"

#include <QFile>
#include <sstream>

namespace pg::core {

std::shared_ptr<const models::OcvTable> chemistryOcvTable(const QString& chemistry, QString* why)
{
    QString resource;
    if (chemistry == QLatin1String("nmc"))
        resource = QStringLiteral(":/ocv/nmc_lgm50_25c.csv");
    else if (chemistry == QLatin1String("lfp"))
        resource = QStringLiteral(":/ocv/lfp_zephyr_datasheet.csv");
    if (resource.isEmpty()) {
        if (why)
            *why = QStringLiteral("no built-in OCV table for chemistry '%1' (have nmc, lfp)").arg(chemistry);
        return nullptr;
    }
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly)) {
        if (why)
            *why = resource + QStringLiteral(": missing from the program's resources");
        return nullptr;
    }
    std::istringstream in(f.readAll().toStdString());
    auto table = models::OcvTable::read(in, resource.toStdString());
    if (!table) {
        if (why)
            *why = QString::fromStdString(table.error().toString());
        return nullptr;
    }
    return std::make_shared<const models::OcvTable>(std::move(*table));
}

} // namespace pg::core
