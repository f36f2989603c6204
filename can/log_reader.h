#pragma once

#include "can_frame.h"
#include "log_formats.h"
#include "parse_error.h"

#include <cstddef>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace pg::can {

// Reads a recorded CAN log (candump -l .log, Vector .asc, PCAN .trc) frame by frame from a
// memory-mapped file. Malformed lines are skipped and reported with file, line and column; the
// rest of the file is still read. Not thread-safe; one reader per thread.
class LogReader {
public:
    static tl::expected<LogReader, ParseError> open(const std::string& path);
    // Reads from memory the caller keeps alive; `name` is used in messages.
    static LogReader fromBuffer(std::string_view text, std::string name, LogFormat format);

    LogReader(LogReader&& other) noexcept;
    LogReader& operator=(LogReader&& other) noexcept;
    LogReader(const LogReader&) = delete;
    LogReader& operator=(const LogReader&) = delete;
    ~LogReader();

    // Next well-formed frame; false at the end of the file. frame.channel indexes channels().
    bool next(CanFrame& frame);

    LogFormat format() const { return m_format; }
    const std::string& path() const { return m_path; }
    long lineNumber() const { return m_line; }
    // Interface / channel names in order of first appearance.
    const std::vector<std::string>& channels() const { return m_channels; }
    // The first kMaxKeptIssues malformed lines; issueCount() counts all of them.
    const std::vector<ParseError>& issues() const { return m_issues; }
    long issueCount() const { return m_issueCount; }
    std::size_t sizeBytes() const { return m_size; }

    static constexpr std::size_t kMaxKeptIssues = 1000;

private:
    LogReader() = default;
    void release();
    std::uint16_t channelIndex(std::string_view name);
    void addIssue(long line, int column, const char* expected);

    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_pos = 0;
    bool m_mapped = false;
    LogFormat m_format = LogFormat::Candump;
    std::string m_path;
    long m_line = 0;
    std::vector<std::string> m_channels;
    std::uint16_t m_lastChannel = 0;
    std::vector<ParseError> m_issues;
    long m_issueCount = 0;
    AscState m_asc;
    TrcState m_trc;
};

// Guesses the format from the extension, then from the first non-blank character.
LogFormat detectLogFormat(const std::string& path, std::string_view head);

} // namespace pg::can
