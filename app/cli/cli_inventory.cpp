// packgrade-cli inventory list|show ID|search TEXT|stats|match: reads the inventory, matches
// modules.
#include "cli_common.h"
#include "commands.h"
#include "core/inventory.h"

#include <QJsonArray>

namespace pg::app {

namespace {

    struct Options {
        QCommandLineOption db { QStringLiteral("db"),
            QStringLiteral("sqlite:PATH or postgresql://user@host:port/db."),
            QStringLiteral("URL") };
        QCommandLineOption json { QStringLiteral("json"),
            QStringLiteral("Print one JSON object.") };
        QCommandLineOption grade { QStringLiteral("grade"),
            QStringLiteral("Only packs whose latest grade is G."), QStringLiteral("G") };
        QCommandLineOption from { QStringLiteral("from"),
            QStringLiteral("Graded at or after (ISO-8601 UTC)."), QStringLiteral("DATE") };
        QCommandLineOption to { QStringLiteral("to"),
            QStringLiteral("Graded before (ISO-8601 UTC)."), QStringLiteral("DATE") };
        QCommandLineOption after { QStringLiteral("after"),
            QStringLiteral("Page after this serial (the previous page's next)."),
            QStringLiteral("SERIAL") };
        QCommandLineOption limit { QStringLiteral("limit"),
            QStringLiteral("Page size (default 100, at most 1000)."), QStringLiteral("N"),
            QStringLiteral("100") };
        QCommandLineOption modules { QStringLiteral("modules"),
            QStringLiteral("match: modules per group (N, in series)."), QStringLiteral("N") };
        QCommandLineOption groups { QStringLiteral("groups"),
            QStringLiteral("match: groups wanted (default 1)."), QStringLiteral("K"),
            QStringLiteral("1") };
        QCommandLineOption tolerance { QStringLiteral("tolerance"),
            QStringLiteral(
                "match: capacity[,resistance] tolerance as fractions (default 0.05,0.10)."),
            QStringLiteral("C[,R]"), QStringLiteral("0.05,0.10") };
        QCommandLineOption chemistry { QStringLiteral("chemistry"),
            QStringLiteral("match: only this chemistry."), QStringLiteral("C") };
        QCommandLineOption format { QStringLiteral("format"),
            QStringLiteral("match: only this module format."), QStringLiteral("F") };
        QCommandLineOption dryRun { QStringLiteral("dry-run"),
            QStringLiteral("match: propose without allocating.") };
    };

    QString packLine(const QJsonObject& p)
    {
        return QStringLiteral("%1  %2  %3  %4  %5\n")
            .arg(p.value(QStringLiteral("serial")).toString(), -20)
            .arg(p.value(QStringLiteral("vin")).toString(), -18)
            .arg(p.value(QStringLiteral("part_number")).toString(), -12)
            .arg(p.value(QStringLiteral("grade")).toString(), -9)
            .arg(p.value(QStringLiteral("graded_at")).toString());
    }

    int runSearch(
        core::Inventory& inv, const QCommandLineParser& p, const Options& o, const QString& text)
    {
        core::SearchQuery q;
        q.text = text;
        q.grade = p.value(o.grade);
        q.gradedFrom = p.value(o.from);
        q.gradedTo = p.value(o.to);
        q.afterSerial = p.value(o.after);
        bool ok = false;
        q.limit = p.value(o.limit).toInt(&ok);
        if (!ok || q.limit < 1)
            return usage(
                QStringLiteral("inventory"), QStringLiteral("--limit expects a positive number"));
        auto page = inv.search(q);
        if (!page)
            return fail(page.error());
        QJsonArray items;
        for (const core::PackRecord& r : page->items)
            items.append(core::packToJson(r));
        if (p.isSet(o.json)) {
            printJson(QJsonObject {
                { QStringLiteral("items"), items }, { QStringLiteral("next"), page->nextCursor } });
            return core::kExitOk;
        }
        QString t;
        for (const QJsonValue& v : items)
            t += packLine(v.toObject());
        if (!page->nextCursor.isEmpty())
            t += QStringLiteral("(more: --after %1)\n").arg(page->nextCursor);
        printOut(t);
        return core::kExitOk;
    }

    int runStats(core::Inventory& inv, bool json)
    {
        auto s = inv.gradeStats();
        if (!s)
            return fail(s.error());
        QJsonObject by;
        for (auto it = s->byGrade.begin(); it != s->byGrade.end(); ++it)
            by[it.key()] = static_cast<double>(it.value());
        const double rate
            = s->total > 0 ? static_cast<double>(s->retest) / static_cast<double>(s->total) : 0.0;
        const QJsonObject o { { QStringLiteral("total"), static_cast<double>(s->total) },
            { QStringLiteral("by_grade"), by },
            { QStringLiteral("retest"), static_cast<double>(s->retest) },
            { QStringLiteral("retest_rate"), rate } };
        if (json)
            printJson(o);
        else
            printOut(QStringLiteral("%1 grades, %2 retest (%3 %)\n")
                         .arg(s->total)
                         .arg(s->retest)
                         .arg(rate * 100.0, 0, 'f', 1));
        return core::kExitOk;
    }

    tl::expected<core::MatchOptions, QString> matchOptions(
        const QCommandLineParser& p, const Options& o)
    {
        core::MatchOptions m;
        bool okN = false, okK = false, okC = true, okR = true;
        m.modulesPerGroup = p.value(o.modules).toInt(&okN);
        m.groups = p.value(o.groups).toInt(&okK);
        const QStringList tol = p.value(o.tolerance).split(QLatin1Char(','));
        m.capacityTolerance = tol.value(0).toDouble(&okC);
        if (tol.size() > 1)
            m.resistanceTolerance = tol.value(1).toDouble(&okR);
        if (!p.isSet(o.modules) || !okN || m.modulesPerGroup < 1)
            return tl::unexpected(QStringLiteral("--modules N (a positive number) is required"));
        if (!okK || m.groups < 1)
            return tl::unexpected(QStringLiteral("--groups expects a positive number"));
        if (!okC || !okR || tol.size() > 2 || m.capacityTolerance < 0.0
            || m.resistanceTolerance < 0.0)
            return tl::unexpected(QStringLiteral(
                "--tolerance expects C[,R] as non-negative fractions, e.g. 0.05,0.10"));
        return m;
    }

    int runMatch(core::Inventory& inv, const QCommandLineParser& p, const Options& o)
    {
        auto opts = matchOptions(p, o);
        if (!opts)
            return usage(QStringLiteral("inventory"), opts.error());
        auto free = inv.freeModules(p.value(o.chemistry), p.value(o.format));
        if (!free)
            return fail(free.error());
        const core::MatchResult r = core::matchModules(*free, *opts);
        std::vector<QString> ids(r.groups.size());
        if (!p.isSet(o.dryRun) && !r.groups.empty()) {
            auto allocated = inv.allocate(*free, r.groups, qEnvironmentVariable("USER"));
            if (!allocated)
                return fail(allocated.error());
            ids = *allocated;
        }
        QJsonArray groups;
        for (std::size_t g = 0; g < r.groups.size(); ++g) {
            QJsonArray members;
            for (int i : r.groups[g].members) {
                const core::ModuleRecord& m = (*free)[static_cast<std::size_t>(i)];
                members.append(QJsonObject { { QStringLiteral("id"), m.id },
                    { QStringLiteral("serial"), m.serial },
                    { QStringLiteral("capacity_ah"), m.capacityAh },
                    { QStringLiteral("resistance_ohm"), m.resistanceOhm } });
            }
            groups.append(QJsonObject { { QStringLiteral("id"), ids[g] },
                { QStringLiteral("modules"), members },
                { QStringLiteral("weakest_capacity_ah"), r.groups[g].weakestCapacityAh },
                { QStringLiteral("usable_energy_wh"), r.groups[g].usableEnergyWh } });
        }
        const QJsonObject out { { QStringLiteral("chemistry"), r.chemistry },
            { QStringLiteral("format"), r.format }, { QStringLiteral("groups"), groups },
            { QStringLiteral("requested"), opts->groups },
            { QStringLiteral("weakest_group_energy_wh"), r.weakestGroupEnergyWh },
            { QStringLiteral("allocated"), !p.isSet(o.dryRun) && !r.groups.empty() } };
        if (p.isSet(o.json))
            printJson(out);
        else
            printOut(QStringLiteral("%1 of %2 groups (%3 %4), weakest group %5 Wh%6\n")
                         .arg(r.groups.size())
                         .arg(opts->groups)
                         .arg(r.chemistry, r.format)
                         .arg(r.weakestGroupEnergyWh, 0, 'f', 1)
                         .arg(p.isSet(o.dryRun) ? QStringLiteral(" (dry run, nothing allocated)")
                                                : QString()));
        if (r.groups.size() == static_cast<std::size_t>(opts->groups))
            return core::kExitOk;
        return fail({ core::kExitFailed,
            QStringLiteral("inventory match: only %1 of %2 groups of %3 modules within tolerance "
                           "among %4 free modules")
                .arg(r.groups.size())
                .arg(opts->groups)
                .arg(opts->modulesPerGroup)
                .arg(free->size()) });
    }

} // namespace

int runInventory(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reads the inventory: list | show ID | search TEXT | stats | match."));
    parser.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("list, show, search, stats or match"));
    parser.addPositionalArgument(
        QStringLiteral("arg"), QStringLiteral("ID or serial (show), text (search)"));
    const Options o;
    parser.addOptions({ o.db, o.json, o.grade, o.from, o.to, o.after, o.limit, o.modules, o.groups,
        o.tolerance, o.chemistry, o.format, o.dryRun });
    int exitCode = 0;
    if (!parseArgs(parser, QStringLiteral("inventory"), args, exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString cmd = pos.value(0);
    const QStringList known { QStringLiteral("list"), QStringLiteral("show"),
        QStringLiteral("search"), QStringLiteral("stats"), QStringLiteral("match") };
    if (!known.contains(cmd))
        return usage(QStringLiteral("inventory"),
            QStringLiteral("expected list, show ID, search TEXT, stats or match"));
    if ((cmd == QLatin1String("show") || cmd == QLatin1String("search")) && pos.size() != 2)
        return usage(QStringLiteral("inventory"), QStringLiteral("%1 needs one argument").arg(cmd));
    auto inv = core::Inventory::open(
        parser.isSet(o.db) ? parser.value(o.db) : core::defaultDatabaseUrl());
    if (!inv)
        return fail(inv.error());
    if (cmd == QLatin1String("list"))
        return runSearch(**inv, parser, o, QString());
    if (cmd == QLatin1String("search"))
        return runSearch(**inv, parser, o, pos.value(1));
    if (cmd == QLatin1String("stats"))
        return runStats(**inv, parser.isSet(o.json));
    if (cmd == QLatin1String("match"))
        return runMatch(**inv, parser, o);
    auto rec = (*inv)->show(pos.value(1));
    if (!rec)
        return fail(rec.error());
    if (!rec->has_value())
        return fail({ core::kExitFailed,
            QStringLiteral("inventory %1: no pack with id or serial '%2'")
                .arg((*inv)->urlText(), pos.value(1)) });
    if (parser.isSet(o.json))
        printJson(**rec);
    else
        printOut(packLine(**rec)
            + QStringLiteral("%1 grades\n")
                  .arg((**rec).value(QStringLiteral("grades")).toArray().size()));
    return core::kExitOk;
}

} // namespace pg::app
