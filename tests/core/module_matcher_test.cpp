// Issue 8: module matching against brute force (small cases) and an upper bound (thousands).
#include "core/inventory.h"
#include "core/module_matcher.h"

#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <random>

using namespace pg::core;

namespace {

std::vector<ModuleRecord> generate(
    int n, unsigned seed, const QString& chemistry, const QString& format)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> cap(40.0, 60.0);
    std::uniform_real_distribution<double> res(1.0e-3, 1.6e-3);
    std::vector<ModuleRecord> out;
    for (int i = 0; i < n; ++i) {
        ModuleRecord m;
        m.serial = QStringLiteral("%1-%2-%3").arg(chemistry).arg(seed).arg(i);
        m.chemistry = chemistry;
        m.format = format;
        m.capacityAh = cap(rng);
        m.resistanceOhm = res(rng);
        m.nominalVoltageV = 7.3;
        out.push_back(m);
    }
    return out;
}

// The best weakest-group capacity over every way of choosing K disjoint valid groups; -1 if none.
double bruteForceWeakest(const std::vector<ModuleRecord>& mods, const MatchOptions& o)
{
    const int n = static_cast<int>(mods.size());
    std::vector<std::pair<unsigned, double>> groups; // member mask, weakest capacity
    std::function<void(int, std::vector<int>&)> pick = [&](int from, std::vector<int>& members) {
        if (static_cast<int>(members.size()) == o.modulesPerGroup) {
            if (isValidGroup(mods, members, o)) {
                unsigned mask = 0;
                for (int i : members)
                    mask |= 1u << i;
                groups.push_back({ mask, makeGroup(mods, members).weakestCapacityAh });
            }
            return;
        }
        for (int i = from; i < n; ++i) {
            members.push_back(i);
            pick(i + 1, members);
            members.pop_back();
        }
    };
    std::vector<int> members;
    pick(0, members);
    double best = -1.0;
    std::function<void(std::size_t, unsigned, int, double)> choose
        = [&](std::size_t from, unsigned used, int k, double weakest) {
              if (k == o.groups) {
                  best = std::max(best, weakest);
                  return;
              }
              for (std::size_t g = from; g < groups.size(); ++g) {
                  if ((groups[g].first & used) == 0 && std::min(weakest, groups[g].second) > best)
                      choose(g + 1, used | groups[g].first, k + 1,
                          std::min(weakest, groups[g].second));
              }
          };
    choose(0, 0u, 0, 1e300);
    return best;
}

void expectValidDisjoint(
    const std::vector<ModuleRecord>& mods, const MatchResult& r, const MatchOptions& o)
{
    QSet<int> seen;
    for (const ModuleGroup& g : r.groups) {
        EXPECT_TRUE(isValidGroup(mods, g.members, o));
        for (int i : g.members) {
            EXPECT_FALSE(seen.contains(i)) << "module " << i << " in two groups";
            seen.insert(i);
        }
    }
}

} // namespace

TEST(InventoryMatch, SmallCasesAgreeWithBruteForce)
{
    int compared = 0;
    for (unsigned seed = 1; seed <= 40; ++seed) {
        const std::vector<ModuleRecord> mods
            = generate(12, seed, QStringLiteral("nmc"), QStringLiteral("m"));
        for (int groups : { 1, 2, 3 }) {
            const MatchOptions o { 3, groups, 0.10, 0.15 };
            const double truth = bruteForceWeakest(mods, o);
            const MatchResult r = matchModules(mods, o);
            expectValidDisjoint(mods, r, o);
            SCOPED_TRACE(testing::Message() << "seed " << seed << ", " << groups << " groups");
            if (truth < 0.0) {
                EXPECT_LT(static_cast<int>(r.groups.size()), groups);
                continue;
            }
            ASSERT_EQ(static_cast<int>(r.groups.size()), groups);
            double weakest = 1e300;
            for (const ModuleGroup& g : r.groups)
                weakest = std::min(weakest, g.weakestCapacityAh);
            EXPECT_DOUBLE_EQ(weakest, truth);
            ++compared;
        }
    }
    EXPECT_GT(compared, 60); // most cases have a solution to compare
}

TEST(InventoryMatch, ThousandsOfModulesReachTheUpperBoundWhenTolerancesAreLoose)
{
    std::vector<ModuleRecord> mods
        = generate(2000, 7, QStringLiteral("nmc"), QStringLiteral("mod-a"));
    const std::vector<ModuleRecord> lfp
        = generate(1000, 8, QStringLiteral("lfp"), QStringLiteral("mod-b"));
    mods.insert(mods.end(), lfp.begin(), lfp.end());
    const MatchOptions o { 4, 50, 10.0, 10.0 };
    // Without binding tolerances the best weakest group is the (K*N)-th strongest module.
    std::vector<double> nmc;
    for (const ModuleRecord& m : mods) {
        if (m.chemistry == QLatin1String("nmc"))
            nmc.push_back(m.capacityAh);
    }
    std::sort(nmc.rbegin(), nmc.rend());
    const MatchResult r = matchModules(mods, o);
    ASSERT_EQ(r.groups.size(), 50u);
    EXPECT_EQ(r.chemistry, QStringLiteral("nmc")); // 2000 modules beat 1000 of the same spread
    expectValidDisjoint(mods, r, o);
    EXPECT_NEAR(r.weakestGroupEnergyWh, nmc[50 * 4 - 1] * 4 * 7.3, 1e-9);
}

TEST(InventoryMatch, ThousandsOfModulesWithTightTolerancesAllocatedInTheDatabase)
{
    QTemporaryDir dir;
    auto inv
        = Inventory::open(QStringLiteral("sqlite:") + dir.path() + QStringLiteral("/m.sqlite"));
    ASSERT_TRUE(inv);
    std::vector<ModuleRecord> mods
        = generate(3000, 11, QStringLiteral("nmc"), QStringLiteral("mod-a"));
    ASSERT_TRUE((*inv)->addModules(mods));
    auto free = (*inv)->freeModules(QStringLiteral("nmc"), QStringLiteral("mod-a"));
    ASSERT_TRUE(free);
    ASSERT_EQ(free->size(), 3000u);
    const MatchOptions o { 4, 100, 0.03, 0.10 };
    const MatchResult r = matchModules(*free, o);
    ASSERT_EQ(r.groups.size(), 100u);
    expectValidDisjoint(*free, r, o);
    std::vector<double> caps;
    for (const ModuleRecord& m : *free)
        caps.push_back(m.capacityAh);
    std::sort(caps.rbegin(), caps.rend());
    double weakest = 1e300;
    for (const ModuleGroup& g : r.groups)
        weakest = std::min(weakest, g.weakestCapacityAh);
    EXPECT_LE(weakest, caps[400 - 1]); // never above the bound without tolerances
    EXPECT_GT(weakest, caps[400 - 1] * 0.97); // and close to it with 3000 modules to choose from

    auto ids = (*inv)->allocate(*free, r.groups, QStringLiteral("tech"));
    ASSERT_TRUE(ids) << ids.error().message.toStdString();
    EXPECT_EQ(ids->size(), 100u);
    auto left = (*inv)->freeModules(QStringLiteral("nmc"), QStringLiteral("mod-a"));
    ASSERT_TRUE(left);
    EXPECT_EQ(left->size(), 3000u - 400u);
    // Allocating the same modules again (another bench was faster) changes nothing.
    auto again = (*inv)->allocate(*free, { r.groups.back() });
    ASSERT_FALSE(again);
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("allocated meanwhile")));
    EXPECT_EQ((*inv)->freeModules()->size(), 3000u - 400u);
}
