#include "plain_cli.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pg::app::plain {

PlainArgs::PlainArgs(std::string verb, std::string description, std::vector<OptionSpec> options)
    : m_verb(std::move(verb))
    , m_description(std::move(description))
    , m_options(std::move(options))
{
    m_options.push_back({ "help", "", "Show this help.", "" });
}

void PlainArgs::addPositional(std::string name, std::string description)
{
    m_positionalHelp.emplace_back(std::move(name), std::move(description));
}

const OptionSpec* PlainArgs::find(const std::string& name) const
{
    for (const OptionSpec& o : m_options) {
        if (o.name == name || (name == "h" && o.name == "help"))
            return &o;
    }
    return nullptr;
}

bool PlainArgs::parse(const std::vector<std::string>& args, int& exitCode)
{
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a.size() < 2 || a[0] != '-') {
            m_positional.push_back(a);
            continue;
        }
        std::string name = a.substr(a[1] == '-' ? 2 : 1);
        std::string inlineValue;
        const std::size_t eq = name.find('=');
        const bool hasInline = eq != std::string::npos;
        if (hasInline) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionSpec* o = find(name);
        if (!o) {
            exitCode = usage(m_verb, "Unknown option '" + name + "'.");
            return false;
        }
        if (o->valueName.empty()) {
            m_values[o->name] = "";
        } else if (hasInline) {
            m_values[o->name] = inlineValue;
        } else if (k + 1 < args.size()) {
            m_values[o->name] = args[++k];
        } else {
            exitCode = usage(m_verb, "Missing value after '" + a + "'.");
            return false;
        }
    }
    if (isSet("help")) {
        printOut(helpText());
        exitCode = kExitOk;
        return false;
    }
    return true;
}

std::string PlainArgs::value(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it != m_values.end())
        return it->second;
    const OptionSpec* o = find(name);
    return o ? o->defaultValue : std::string();
}

std::string PlainArgs::helpText() const
{
    std::string t = "Usage: packgrade-cli " + m_verb + " [options]";
    for (const auto& [name, text] : m_positionalHelp)
        t += " " + name;
    t += "\n" + m_description + "\n\nOptions:\n";
    for (const OptionSpec& o : m_options) {
        const std::string lhs
            = "  --" + o.name + (o.valueName.empty() ? "" : " <" + o.valueName + ">");
        t += lhs + std::string(lhs.size() < 28 ? 28 - lhs.size() : 1, ' ') + o.description + "\n";
    }
    if (!m_positionalHelp.empty())
        t += "\nArguments:\n";
    for (const auto& [name, text] : m_positionalHelp)
        t += "  " + name + std::string(name.size() < 26 ? 26 - name.size() : 1, ' ') + text + "\n";
    return t;
}

std::string jsonNumberText(double value)
{
    if (!std::isfinite(value))
        return "null";
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value); // shortest round trip
    return ec == std::errc() ? std::string(buf, end) : std::string("null");
}

std::string jsonQuoted(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

void JsonObject::number(const std::string& key, double value)
{
    m_members[key] = jsonNumberText(value);
}
void JsonObject::integer(const std::string& key, long long value)
{
    m_members[key] = std::to_string(value);
}
void JsonObject::boolean(const std::string& key, bool value)
{
    m_members[key] = value ? "true" : "false";
}
void JsonObject::string(const std::string& key, const std::string& value)
{
    m_members[key] = jsonQuoted(value);
}
void JsonObject::strings(const std::string& key, const std::vector<std::string>& values)
{
    m_arrays[key] = values;
}
void JsonObject::object(const std::string& key, const JsonObject& value)
{
    m_objects[key] = value;
}

std::string JsonObject::render(int indent) const
{
    std::map<std::string, std::string> all = m_members;
    const std::string pad(static_cast<std::size_t>(indent + 4), ' ');
    for (const auto& [key, o] : m_objects)
        all[key] = o.render(indent + 4);
    for (const auto& [key, items] : m_arrays) {
        std::string a = "[\n";
        for (std::size_t k = 0; k < items.size(); ++k)
            a += pad + "    " + jsonQuoted(items[k]) + (k + 1 < items.size() ? ",\n" : "\n");
        all[key] = a + pad + "]";
    }
    std::string out = "{\n";
    std::size_t k = 0;
    for (const auto& [key, text] : all)
        out += pad + jsonQuoted(key) + ": " + text + (++k < all.size() ? ",\n" : "\n");
    return out + std::string(static_cast<std::size_t>(indent), ' ') + "}"
        + (indent == 0 ? "\n" : "");
}

void printOut(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

int fail(int exitCode, const std::string& message)
{
    const std::string line = "packgrade-cli: " + message + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    return exitCode;
}

int usage(const std::string& verb, const std::string& message)
{
    return fail(kExitUsage, verb + ": " + message + " (see packgrade-cli " + verb + " --help)");
}

} // namespace pg::app::plain
