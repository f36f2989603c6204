#pragma once

#include <QString>
#include <vector>

namespace pg::core {

// A module in the inventory, as module matching sees it.
struct ModuleRecord {
    QString id;
    QString packId;
    int position = 0;
    QString serial;
    QString chemistry;
    QString format; // mechanical/electrical format, e.g. "leaf-2s2p"
    double capacityAh = 0.0;
    double resistanceOhm = 0.0;
    double nominalVoltageV = 0.0;
    QString allocatedTo; // group id once allocated
};

struct MatchOptions {
    int modulesPerGroup = 4; // N, in series
    int groups = 1; // K groups wanted
    double capacityTolerance = 0.05; // a group's strongest capacity <= weakest * (1 + tolerance)
    double resistanceTolerance = 0.10; // a group's highest R <= lowest R * (1 + tolerance)
};

struct ModuleGroup {
    std::vector<int> members; // indices into the candidates given to matchModules
    double weakestCapacityAh = 0.0;
    double usableEnergyWh = 0.0; // series: weakest capacity x sum of nominal voltages
};

struct MatchResult {
    QString chemistry;
    QString format;
    std::vector<ModuleGroup> groups; // fewer than asked when the inventory cannot make them
    double weakestGroupEnergyWh = 0.0;
};

// True when the modules may form one group under `options` (same chemistry and format, capacity
// and resistance within tolerance).
bool isValidGroup(const std::vector<ModuleRecord>& modules, const std::vector<int>& members,
    const MatchOptions& options);
ModuleGroup makeGroup(const std::vector<ModuleRecord>& modules, std::vector<int> members);

// Proposes K disjoint groups of N modules, maximising the weakest group's capacity (so its usable
// energy), within one chemistry/format bucket: the bucket whose weakest group is best wins.
// Allocated modules are skipped. Heuristic (the exact problem is set packing): binary search on
// the weakest capacity, and at each step a weakest-first greedy grouping.
MatchResult matchModules(const std::vector<ModuleRecord>& modules, const MatchOptions& options);

} // namespace pg::core
