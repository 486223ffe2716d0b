#include "command.h"
#include "graphql/execution.h"
#include "graphql/introspection_query.h"
#include "schema_option.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

namespace subscope::cli {

int runIntrospect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints the result of the standard introspection query ({\"__schema\": ...}) as JSON."));
    parser.addHelpOption();
    parser.addOption(schemaOption());
    if (const std::optional<int> exit = parseSubcommand(parser, arguments)) return *exit;
    const auto schema = loadSchemaOption(parser);
    if (!schema) return UsageError;
    const graphql::CheckedRequest request = graphql::checkRequest(
        *schema, graphql::introspectionQuery(), graphql::JsonValue::object(), std::nullopt);
    const graphql::ExecutionResult result = graphql::execute(*schema, request);
    if (!result.errors.empty()) {
        std::fputs(result.toJson().toJson(2).c_str(), stderr);
        return Invalid;
    }
    const std::string text = result.data.toJson(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Success;
}

} // namespace subscope::cli
