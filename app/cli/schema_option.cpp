#include "schema_option.h"

#include "command.h"
#include "graphql/schema_builder.h"

#include <QCoreApplication>
#include <QFileInfo>
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

namespace {

// QCommandLineParser names the binary as it was started ("Usage: build/bin/subscope"); the
// usage line names the command instead ("Usage: subscope trigger").
QString helpText(const QCommandLineParser &parser, const QStringList &arguments)
{
    QString text = parser.helpText();
    const QString started = QCoreApplication::arguments().value(0);
    QString command = arguments.value(0);
    if (command == started) command = QFileInfo(started).fileName();
    const QString prefix = QStringLiteral("Usage: ") + started;
    if (!started.isEmpty() && text.startsWith(prefix))
        text.replace(0, prefix.size(), QStringLiteral("Usage: ") + command);
    return text;
}

} // namespace

std::optional<int> parseSubcommand(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << parser.errorText() << "\n\n" << helpText(parser, arguments);
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << helpText(parser, arguments);
        return Success;
    }
    return std::nullopt;
}

} // namespace subscope::cli
