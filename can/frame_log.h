#pragma once

#include "can_frame.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <tl/expected.hpp>

namespace pg::can {

// Records frames to a candump `-l` log (readable by can-utils' canplayer/log2asc and python-can).
// Received and sent frames both go in, in the order seen. The file is flushed to the OS and
// synced to disk at least once a second (on append and on flushIfDue()), so a crash or power cut
// loses at most the last second.
class FrameLog {
public:
    static tl::expected<FrameLog*, std::string> create(const std::string& path, std::string iface);
    ~FrameLog();
    FrameLog(const FrameLog&) = delete;
    FrameLog& operator=(const FrameLog&) = delete;

    // False (with the error kept in lastError()) when the disk refuses the write.
    bool append(const CanFrame& frame);
    void flushIfDue();
    void flush();

    const std::string& path() const { return m_path; }
    std::uint64_t framesWritten() const { return m_frames; }
    const std::string& lastError() const { return m_error; }

    static constexpr std::chrono::milliseconds kFlushInterval { 1000 };

private:
    FrameLog(std::FILE* file, std::string path, std::string iface);

    std::FILE* m_file;
    std::string m_path;
    std::string m_iface;
    std::uint64_t m_frames = 0;
    std::string m_error;
    std::chrono::steady_clock::time_point m_lastFlush;
    char m_buffer[1 << 16];
};

} // namespace pg::can
