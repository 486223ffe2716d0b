// `subscope`: the explorer when a display answers, else the headless server; the commands.
#include "cli/command.h"
#include "cli/command_line.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    using namespace subscope::cli;
    // No command named (no arguments, or only the explorer's options): the explorer, or with
    // no display the headless server.
    bool explorer = argc == 1 || QByteArray(argv[1]).startsWith('-');
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--version" || arg == "-v" || arg == "-h" ||
            arg == "--help")
            explorer = false;
    }
    if (explorer && displayAvailable()) return runGui(argc, argv);

    prepareConsoleApplication();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("subscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SUBSCOPE_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (explorer) {
        QTextStream(stderr) << "subscope: no display answers (DISPLAY / WAYLAND_DISPLAY): "
                               "serving headless instead of opening the explorer\n";
        arguments.insert(1, QStringLiteral("--headless"));
    }
    return runCommandLine(Program::Subscope, arguments);
}
