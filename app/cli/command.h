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
bool displayAvailable();

} // namespace subscope::cli
