#include "module_matcher.h"

#include <QMap>
#include <algorithm>
#include <cmath>
#include <utility>

namespace pg::core {

bool isValidGroup(const std::vector<ModuleRecord>& modules, const std::vector<int>& members,
    const MatchOptions& o)
{
    if (static_cast<int>(members.size()) != o.modulesPerGroup || members.empty())
        return false;
    const ModuleRecord& first = modules[members.front()];
    double cMin = first.capacityAh, cMax = first.capacityAh, rMin = first.resistanceOhm,
           rMax = first.resistanceOhm;
    for (int i : members) {
        const ModuleRecord& m = modules[i];
        if (m.chemistry != first.chemistry || m.format != first.format || !m.allocatedTo.isEmpty())
            return false;
        cMin = std::min(cMin, m.capacityAh);
        cMax = std::max(cMax, m.capacityAh);
        rMin = std::min(rMin, m.resistanceOhm);
        rMax = std::max(rMax, m.resistanceOhm);
    }
    return cMax <= cMin * (1.0 + o.capacityTolerance)
        && rMax <= rMin * (1.0 + o.resistanceTolerance);
}

ModuleGroup makeGroup(const std::vector<ModuleRecord>& modules, std::vector<int> members)
{
    ModuleGroup g;
    double voltageV = 0.0;
    g.weakestCapacityAh = members.empty() ? 0.0 : modules[members.front()].capacityAh;
    for (int i : members) {
        g.weakestCapacityAh = std::min(g.weakestCapacityAh, modules[i].capacityAh);
        voltageV += modules[i].nominalVoltageV;
    }
    g.usableEnergyWh = g.weakestCapacityAh * voltageV;
    g.members = std::move(members);
    return g;
}

namespace {

    // Modules of one bucket, sorted by capacity ascending (indices into the caller's vector).
    struct Bucket {
        QString chemistry;
        QString format;
        std::vector<int> byCapacity;
    };

    // Picks N-1 partners for `anchor` (the weakest of its group) among the unused modules above it
    // within the capacity tolerance. Every resistance window [lo, lo * (1 + tolerance)] that holds
    // the anchor is tried (lo = the anchor's or a candidate's resistance), so a group is found
    // whenever one exists; of the windows that fit, the one whose partners have the least capacity
    // wins (strong modules stay free for the next groups). Returns an empty vector when none fits.
    std::vector<int> partnersFor(const std::vector<ModuleRecord>& mods,
        const std::vector<int>& sorted, std::size_t at, const std::vector<char>& used,
        const MatchOptions& o)
    {
        const ModuleRecord& anchor = mods[sorted[at]];
        const double cMax = anchor.capacityAh * (1.0 + o.capacityTolerance);
        const double r = anchor.resistanceOhm;
        const double span = 1.0 + o.resistanceTolerance;
        std::vector<std::size_t> candidates; // in capacity order
        std::vector<double> lows { r };
        for (std::size_t j = at + 1; j < sorted.size() && mods[sorted[j]].capacityAh <= cMax; ++j) {
            const double rj = mods[sorted[j]].resistanceOhm;
            if (used[j] || rj < r / span || rj > r * span)
                continue;
            candidates.push_back(j);
            if (rj < r && r <= rj * span)
                lows.push_back(rj);
        }
        std::vector<int> best;
        double bestSum = 0.0;
        for (const double lo : lows) {
            const double hi = lo * span;
            std::vector<int> picked;
            double sum = 0.0;
            for (std::size_t k = 0;
                 k < candidates.size() && static_cast<int>(picked.size()) < o.modulesPerGroup - 1;
                 ++k) {
                const ModuleRecord& m = mods[sorted[candidates[k]]];
                if (m.resistanceOhm >= lo && m.resistanceOhm <= hi) {
                    picked.push_back(static_cast<int>(candidates[k]));
                    sum += m.capacityAh;
                }
            }
            if (static_cast<int>(picked.size()) == o.modulesPerGroup - 1
                && (best.empty() || sum < bestSum)) {
                best = std::move(picked);
                bestSum = sum;
            }
        }
        return best;
    }

    // Weakest-first greedy over the bucket's modules from position `from` (capacity >= threshold).
    std::vector<std::vector<int>> greedyGroups(const std::vector<ModuleRecord>& mods,
        const std::vector<int>& sorted, std::size_t from, const MatchOptions& o)
    {
        std::vector<std::vector<int>> groups;
        std::vector<char> used(sorted.size(), 0);
        for (std::size_t i = from; i < sorted.size() && static_cast<int>(groups.size()) < o.groups;
             ++i) {
            if (used[i])
                continue;
            const std::vector<int> partners = partnersFor(mods, sorted, i, used, o);
            if (partners.empty() && o.modulesPerGroup > 1)
                continue;
            std::vector<int> group { sorted[i] };
            used[i] = 1;
            for (int j : partners) {
                used[static_cast<std::size_t>(j)] = 1;
                group.push_back(sorted[static_cast<std::size_t>(j)]);
            }
            groups.push_back(std::move(group));
        }
        return groups;
    }

    // Bounded exact search: the weakest unused module either leads a group (with every partner set
    // that fits) or stays out. Proves or finds K groups on small inventories; gives up (as "not
    // found") after `budget` nodes, where the greedy answer stands.
    struct ExactSearch {
        const std::vector<ModuleRecord>& mods;
        const std::vector<int>& sorted;
        const MatchOptions& o;
        long budget = 200000;
        std::vector<char> used;
        std::vector<std::vector<int>> groups;

        bool fits(const std::vector<int>& members) const
        {
            double rMin = 1e300, rMax = 0.0;
            for (int j : members) {
                rMin = std::min(rMin, mods[sorted[static_cast<std::size_t>(j)]].resistanceOhm);
                rMax = std::max(rMax, mods[sorted[static_cast<std::size_t>(j)]].resistanceOhm);
            }
            return rMax <= rMin * (1.0 + o.resistanceTolerance);
        }

        bool lead(std::size_t pos, std::size_t next, std::vector<int>& members, int left)
        {
            if (--budget < 0)
                return false;
            if (static_cast<int>(members.size()) == o.modulesPerGroup) {
                for (int j : members)
                    used[static_cast<std::size_t>(j)] = 1;
                groups.push_back(members);
                if (place(pos + 1, left - 1))
                    return true;
                groups.pop_back();
                for (int j : members)
                    used[static_cast<std::size_t>(j)] = 0;
                return false;
            }
            const double cMax = mods[sorted[pos]].capacityAh * (1.0 + o.capacityTolerance);
            for (std::size_t j = next; j < sorted.size() && mods[sorted[j]].capacityAh <= cMax;
                 ++j) {
                if (used[j])
                    continue;
                members.push_back(static_cast<int>(j));
                if (fits(members) && lead(pos, j + 1, members, left))
                    return true;
                members.pop_back();
            }
            return false;
        }

        bool place(std::size_t pos, int left)
        {
            if (left == 0)
                return true;
            while (pos < sorted.size() && used[pos])
                ++pos;
            std::size_t free = 0;
            for (std::size_t j = pos; j < sorted.size(); ++j)
                free += used[j] ? 0 : 1;
            if (budget < 0
                || free
                    < static_cast<std::size_t>(left) * static_cast<std::size_t>(o.modulesPerGroup))
                return false;
            std::vector<int> members { static_cast<int>(pos) };
            if (lead(pos, pos + 1, members, left))
                return true;
            return place(pos + 1, left);
        }
    };

    // K groups from the modules at positions >= from: greedy first, the bounded search if it fails.
    std::vector<std::vector<int>> findGroups(const std::vector<ModuleRecord>& mods,
        const std::vector<int>& sorted, std::size_t from, const MatchOptions& o)
    {
        auto greedy = greedyGroups(mods, sorted, from, o);
        if (static_cast<int>(greedy.size()) == o.groups)
            return greedy;
        ExactSearch search { mods, sorted, o, 200000, std::vector<char>(sorted.size(), 0), {} };
        if (!search.place(from, o.groups))
            return greedy;
        for (auto& g : search.groups) {
            for (int& j : g)
                j = sorted[static_cast<std::size_t>(j)];
        }
        return search.groups;
    }

    MatchResult matchBucket(
        const std::vector<ModuleRecord>& mods, const Bucket& b, const MatchOptions& o)
    {
        MatchResult result { b.chemistry, b.format, {}, 0.0 };
        const std::size_t n = b.byCapacity.size();
        const std::size_t need
            = static_cast<std::size_t>(o.groups) * static_cast<std::size_t>(o.modulesPerGroup);
        std::vector<std::vector<int>> found = findGroups(mods, b.byCapacity, 0, o);
        if (n >= need && static_cast<int>(found.size()) == o.groups) {
            // Raise the weakest allowed capacity as far as K groups can still be made.
            std::size_t lo = 0, hi = n - need; // greedy from `lo` succeeds
            while (lo < hi) {
                const std::size_t mid = (lo + hi + 1) / 2;
                auto attempt = findGroups(mods, b.byCapacity, mid, o);
                if (static_cast<int>(attempt.size()) == o.groups) {
                    lo = mid;
                    found = std::move(attempt);
                } else {
                    hi = mid - 1;
                }
            }
        }
        for (auto& members : found)
            result.groups.push_back(makeGroup(mods, std::move(members)));
        if (!result.groups.empty())
            result.weakestGroupEnergyWh = std::min_element(
                result.groups.begin(), result.groups.end(), [](const auto& x, const auto& y) {
                    return x.usableEnergyWh < y.usableEnergyWh;
                })->usableEnergyWh;
        return result;
    }

} // namespace

MatchResult matchModules(const std::vector<ModuleRecord>& modules, const MatchOptions& options)
{
    QMap<QPair<QString, QString>, Bucket> buckets;
    for (int i = 0; i < static_cast<int>(modules.size()); ++i) {
        const ModuleRecord& m = modules[static_cast<std::size_t>(i)];
        if (!m.allocatedTo.isEmpty() || m.capacityAh <= 0.0 || m.resistanceOhm <= 0.0)
            continue;
        Bucket& b = buckets[{ m.chemistry, m.format }];
        b.chemistry = m.chemistry;
        b.format = m.format;
        b.byCapacity.push_back(i);
    }
    MatchResult best;
    for (Bucket& b : buckets) {
        std::stable_sort(b.byCapacity.begin(), b.byCapacity.end(), [&modules](int x, int y) {
            return modules[static_cast<std::size_t>(x)].capacityAh
                < modules[static_cast<std::size_t>(y)].capacityAh;
        });
        MatchResult r = matchBucket(modules, b, options);
        const bool more = r.groups.size() > best.groups.size();
        const bool same = r.groups.size() == best.groups.size();
        if (more || (same && r.weakestGroupEnergyWh > best.weakestGroupEnergyWh))
            best = std::move(r);
    }
    return best;
}

} // namespace pg::core
