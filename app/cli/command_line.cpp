#include "command_line.h"

#include "command.h"
#include "explorer_options.h"
#include "server/epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QTextStream>

namespace subscope::cli {

namespace {

const char *const Commands =
    "Commands:\n"
    "  validate       Validate a document against a schema; resolve a subscription's groups\n"
    "  introspect     Print the standard introspection result of a schema as JSON\n"
    "  print-schema   Print a schema as SDL\n"
    "  trigger        Fire an event into a running server (a group and a JSON value, or a model "
    "event)\n"
    "\n"
    "Each command takes --help; validate, introspect, print-schema and the server take --schema "
    "FILE.graphql\n"
    "(default: the embedded demo schema).\n";

QString usage(Program program)
{
    if (program == Program::Server)
        return QStringLiteral(
                   "Usage: subscope-server [options]             the server (see --help)\n"
                   "       subscope-server <command> [options]\n"
                   "\n"
                   "The Subscope server alone: GraphQL subscriptions over WebSocket and an HTTP "
                   "API, wire-compatible\n"
                   "with Django's cypartagraphqlsubscriptionstools. The explorer is `subscope`.\n"
                   "\n") +
               QString::fromLatin1(Commands);
    return QStringLiteral(
               "Usage: subscope [options]                 the explorer (a window)\n"
               "       subscope --headless [options]      the server alone (see --headless "
               "--help)\n"
               "       subscope <command> [options]\n"
               "\n"
               "GraphQL subscriptions explorer and server, wire-compatible with Django's\n"
               "cypartagraphqlsubscriptionstools. Without a display, `subscope [options]` serves "
               "headless.\n"
               "\n"
               "Explorer ") +
           explorerOptionsHelp() + QLatin1Char('\n') + QString::fromLatin1(Commands);
}

} // namespace

void prepareConsoleApplication()
{
    if (qgetenv("SUBSCOPE_EVENT_LOOP") != "qt") {
        auto *dispatcher = new server::EpollEventDispatcher;
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher);
        else
            delete dispatcher;
    }
}

QString versionLine(Program program)
{
    return QStringLiteral("%1 %2 (Qt %3)")
        .arg(program == Program::Server ? QStringLiteral("subscope-server")
                                        : QStringLiteral("subscope"),
             QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()));
}

int runCommandLine(Program program, QStringList arguments)
{
    const QString command = arguments.value(1);
    const bool help = command == QLatin1String("--help") || command == QLatin1String("-h") ||
                      command == QLatin1String("help");
    if (help && program == Program::Server) {
        // The server's options, then the commands.
        const int status =
            runHeadless({arguments[0], QStringLiteral("--headless"), QStringLiteral("--help")});
        QTextStream(stdout) << '\n' << Commands;
        return status;
    }
    if (help) {
        QTextStream(stdout) << usage(program);
        return Success;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        QTextStream(stdout) << versionLine(program) << '\n';
        return Success;
    }
    // subscope-server: options alone (or none) run the server; --help-all is its --help.
    if (program == Program::Server && (command.isEmpty() || command.startsWith(QLatin1Char('-')))) {
        if (!arguments.contains(QLatin1String("--headless")))
            arguments.insert(1, QStringLiteral("--headless"));
        return runHeadless(arguments);
    }
    if (arguments.contains(QLatin1String("--headless"))) return runHeadless(arguments);
    // The subcommand parses the rest, with "<program> <command>" as its program name.
    arguments.removeAt(1);
    arguments[0] = (program == Program::Server ? QStringLiteral("subscope-server ")
                                               : QStringLiteral("subscope ")) +
                   command;
    if (command == QLatin1String("validate")) return runValidate(arguments);
    if (command == QLatin1String("introspect")) return runIntrospect(arguments);
    if (command == QLatin1String("print-schema")) return runPrintSchema(arguments);
    if (command == QLatin1String("trigger")) return runTrigger(arguments);
    QTextStream(stderr) << (program == Program::Server ? "subscope-server" : "subscope")
                        << ": unknown command '" << command << "'\n\n"
                        << usage(program);
    return UsageError;
}

} // namespace subscope::cli
