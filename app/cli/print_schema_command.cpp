#include "command.h"
#include "graphql/schema_printer.h"
#include "schema_option.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

namespace subscope::cli {

int runPrintSchema(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints the schema as SDL."));
    parser.addHelpOption();
    parser.addOption(schemaOption());
    if (const std::optional<int> exit = parseSubcommand(parser, arguments)) return *exit;
    const auto schema = loadSchemaOption(parser);
    if (!schema) return UsageError;
    const std::string text = graphql::printSchema(*schema);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Success;
}

} // namespace subscope::cli
