#include "schema_option.h"

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

bool parseOrExplain(QCommandLineParser &parser, const QStringList &arguments)
{
    if (parser.parse(arguments)) return true;
    QTextStream err(stderr);
    err << parser.errorText() << "\n\n" << parser.helpText();
    return false;
}

} // namespace subscope::cli
