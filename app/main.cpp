#include "cli/command.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char *const Usage =
    "Usage: subscope <command> [options]\n"
    "\n"
    "GraphQL subscriptions explorer and server, wire-compatible with Django's\n"
    "cypartagraphqlsubscriptionstools.\n"
    "\n"
    "Commands:\n"
    "  validate       Validate a document against a schema; resolve a subscription's groups\n"
    "  introspect     Print the standard introspection result of a schema as JSON\n"
    "  print-schema   Print a schema as SDL\n"
    "\n"
    "Each command takes --schema FILE.graphql (default: the embedded demo schema) and --help.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("subscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SUBSCOPE_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        QTextStream(stdout) << Usage;
        return subscope::cli::Success;
    }
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
    QTextStream(stderr) << "subscope: unknown command '" << command << "'\n\n" << Usage;
    return subscope::cli::UsageError;
}
