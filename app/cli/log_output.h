#pragma once

#include <QString>

namespace subscope::cli {

enum class LogFormat
{
    Text,
    Json
};

// Installs the message handler of the server's logs: one line per message on stderr, as text
// ("2026-11-24T12:00:00.123Z info subscope.server: message") or as a JSON object per line.
// Quiet: warnings and errors only.
void installLogOutput(LogFormat format, bool quiet);

} // namespace subscope::cli
