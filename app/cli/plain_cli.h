#pragma once

// Qt-free pieces of packgrade-cli for the verbs that start from a lean process (fit-ecm): a
// small argument parser with QCommandLineParser's conventions (--opt V, --opt=V, -opt V), a JSON
// object writer with QJsonDocument's layout (sorted keys, 4-space indent), and the error lines.
#include <map>
#include <string>
#include <vector>

namespace pg::app::plain {

// Exit codes of packgrade-cli (../shared/CLI.md); the same values as core::ExitCode.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2, kExitBadInput = 3 };

struct OptionSpec {
    std::string name; // long name without dashes
    std::string valueName; // empty: a flag
    std::string description;
    std::string defaultValue;
};

class PlainArgs {
public:
    PlainArgs(std::string verb, std::string description, std::vector<OptionSpec> options);
    void addPositional(std::string name, std::string description);
    // false with exitCode set (usage error printed, or help printed and exit 0).
    bool parse(const std::vector<std::string>& args, int& exitCode);
    bool isSet(const std::string& name) const { return m_values.count(name) > 0; }
    std::string value(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }
    std::string helpText() const;

private:
    const OptionSpec* find(const std::string& name) const;

    std::string m_verb, m_description;
    std::vector<OptionSpec> m_options;
    std::vector<std::pair<std::string, std::string>> m_positionalHelp;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

// A JSON object written like QJsonDocument::Indented: keys sorted, non-finite numbers as null.
class JsonObject {
public:
    void number(const std::string& key, double value);
    void integer(const std::string& key, long long value);
    void boolean(const std::string& key, bool value);
    void string(const std::string& key, const std::string& value);
    void strings(const std::string& key, const std::vector<std::string>& values);
    void object(const std::string& key, const JsonObject& value);
    std::string render(int indent = 0) const;

private:
    std::map<std::string, std::string> m_members; // key -> rendered value (nested: marked)
    std::map<std::string, JsonObject> m_objects;
    std::map<std::string, std::vector<std::string>> m_arrays;
};

std::string jsonNumberText(double value);
std::string jsonQuoted(const std::string& text);

void printOut(const std::string& text);
// One line on stderr, "packgrade-cli: " first; returns exitCode.
int fail(int exitCode, const std::string& message);
int usage(const std::string& verb, const std::string& message);

} // namespace pg::app::plain
