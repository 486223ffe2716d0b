#include "cli/command.h"
#include "server/epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char *const Usage =
    "Usage: subscope [--schema FILE] [--port N] [--workspace FILE] [--channel-layer URL]\n"
    "                                                                the explorer (a window)\n"
    "       subscope --headless [options]                            the server alone\n"
    "       subscope <command> [options]\n"
    "\n"
    "GraphQL subscriptions explorer and server, wire-compatible with Django's\n"
    "cypartagraphqlsubscriptionstools.\n"
    "\n"
    "Commands:\n"
    "  validate       Validate a document against a schema; resolve a subscription's groups\n"
    "  introspect     Print the standard introspection result of a schema as JSON\n"
    "  print-schema   Print a schema as SDL\n"
    "  trigger        Fire an event into a running server (a group and a JSON value, or a model "
    "event)\n"
    "\n"
    "\n"
    "  subscope --headless [options]   Serve WebSocket and HTTP on one port (see --headless "
    "--help)\n"
    "\n"
    "Each command takes --help; validate, introspect, print-schema and --headless take --schema "
    "FILE.graphql\n"
    "(default: the embedded demo schema).\n";

} // namespace

int main(int argc, char *argv[])
{
    // No command named (no arguments, or only the explorer's options): the explorer, or with
    // no display the headless server.
    bool explorer = argc == 1 || QByteArray(argv[1]).startsWith('-');
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--version" || arg == "-h" || arg == "--help")
            explorer = false;
    }
    if (explorer && subscope::cli::displayAvailable()) return subscope::cli::runGui(argc, argv);

    // The headless server and the commands run on epoll (SUBSCOPE_EVENT_LOOP=qt: Qt's own loop).
    if (qgetenv("SUBSCOPE_EVENT_LOOP") != "qt") {
        auto *dispatcher = new subscope::server::EpollEventDispatcher;
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher);
        else
            delete dispatcher;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("subscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SUBSCOPE_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (explorer) {
        QTextStream(stderr) << "subscope: no display answers (DISPLAY / WAYLAND_DISPLAY): "
                               "serving headless instead of opening the explorer\n";
        QStringList headless = arguments;
        headless.insert(1, QStringLiteral("--headless"));
        return subscope::cli::runHeadless(headless);
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        QTextStream(stdout) << Usage;
        return subscope::cli::Success;
    }
    if (arguments.contains(QLatin1String("--headless")))
        return subscope::cli::runHeadless(arguments);
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "subscope " << SUBSCOPE_VERSION << '\n';
        return subscope::cli::Success;
    }
    // The subcommand parses the rest, with "subscope <command>" as its program name.
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("subscope ") + command;
    if (command == QLatin1String("validate")) return subscope::cli::runValidate(arguments);
    if (command == QLatin1String("introspect")) return subscope::cli::runIntrospect(arguments);
    if (command == QLatin1String("print-schema")) return subscope::cli::runPrintSchema(arguments);
    if (command == QLatin1String("trigger")) return subscope::cli::runTrigger(arguments);
    QTextStream(stderr) << "subscope: unknown command '" << command << "'\n\n" << Usage;
    return subscope::cli::UsageError;
}
