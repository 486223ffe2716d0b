#include "schema_option.h"

#include "command.h"
#include "graphql/schema_builder.h"

#include <QTextStream>

namespace subscope::cli {

namespace {
const char *const DemoSchemaPath = ":/schemas/demo.graphql";
}

QCommandLineOption schemaOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("s"), QStringLiteral("schema")},
        QStringLiteral("The schema (SDL). Default: the embedded demo schema."),
        QStringLiteral("file.graphql"));
}

std::shared_ptr<const graphql::Schema> loadSchemaOption(const QCommandLineParser &parser)
{
    const QString path = parser.isSet(QStringLiteral("schema"))
                             ? parser.value(QStringLiteral("schema"))
                             : QString::fromLatin1(DemoSchemaPath);
    graphql::SchemaLoadResult loaded = graphql::loadSchemaFile(path);
    if (!loaded.schema) {
        QTextStream err(stderr);
        for (const QString &e : loaded.errors)
            err << e << '\n';
    }
    return loaded.schema;
}

std::optional<int> parseSubcommand(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << parser.errorText() << "\n\n" << parser.helpText();
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }
    return std::nullopt;
}

} // namespace subscope::cli
