#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace subscope::cli {

// The explorer's options, apart from the window: `subscope --help` lists them without a display.
struct ExplorerOptions
{
    QCommandLineOption port;
    QCommandLineOption workspace;
};

// Adds --help, --version, --schema, --port, --workspace and the channel layer's options.
ExplorerOptions addExplorerOptions(QCommandLineParser &parser);
// The options part of the explorer's help, "options:\n  -h, --help ...".
QString explorerOptionsHelp();

} // namespace subscope::cli
