#pragma once

#include <QStringList>

class QCommandLineParser;

namespace subscope::cli {

// Exit statuses of the subcommands.
enum ExitStatus
{
    Success = 0,
    Invalid = 1,
    UsageError = 2
};

int runValidate(const QStringList &arguments);
int runIntrospect(const QStringList &arguments);
int runPrintSchema(const QStringList &arguments);
int runHeadless(const QStringList &arguments);
int runTrigger(const QStringList &arguments);
// The explorer window (needs a display).
int runGui(int &argc, char **argv);
// Whether a window can open: the display server DISPLAY / WAYLAND_DISPLAY (or QT_QPA_PLATFORM)
// names answers.
bool displayAvailable();

} // namespace subscope::cli
