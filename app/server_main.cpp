// `subscope-server`: the headless server and the commands, linked without Qt Widgets or Qt Gui,
// so that a server machine needs no GUI libraries.
#include "cli/command_line.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    using namespace subscope::cli;
    prepareConsoleApplication();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("subscope-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SUBSCOPE_VERSION));
    return runCommandLine(Program::Server, QCoreApplication::arguments());
}
