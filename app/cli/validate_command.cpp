#include "command.h"
#include "graphql/request.h"
#include "graphql/subscription_request.h"
#include "schema_option.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace subscope::cli {

namespace {

bool readDocument(const QString &path, QByteArray *out, QString *error)
{
    QFile file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read standard input");
            return false;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
    }
    *out = file.readAll();
    return true;
}

void printLine(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
}

} // namespace

int runValidate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Validates a GraphQL document against the schema as the Django server's engine does.\n"
        "Prints a JSON array of GraphQL errors ([] when valid); for a valid subscription, a "
        "second\n"
        "line with its response key, groups, subscribe flag and requested fields.\n"
        "Exit status: 0 valid, 1 invalid, 2 usage or schema error."));
    parser.addHelpOption();
    parser.addOption(schemaOption());
    const QCommandLineOption variables(
        QStringLiteral("variables"),
        QStringLiteral("The variables, a JSON object (or @file.json)."), QStringLiteral("json"));
    const QCommandLineOption operationName(
        QStringLiteral("operation-name"),
        QStringLiteral("The operation to run when the document has several."),
        QStringLiteral("name"));
    const QCommandLineOption lenient(
        QStringList{QStringLiteral("lenient-group-names"), QStringLiteral("lenient-groups")},
        QStringLiteral("Normalise invalid group names instead of refusing them (W16)."));
    parser.addOption(variables);
    parser.addOption(operationName);
    parser.addOption(lenient);
    parser.addPositionalArgument(
        QStringLiteral("document"),
        QStringLiteral("The GraphQL document; '-' or nothing reads standard input."),
        QStringLiteral("[DOC.graphql | -]"));
    if (const std::optional<int> exit = parseSubcommand(parser, arguments)) return *exit;
    QTextStream err(stderr);
    if (parser.positionalArguments().size() > 1) {
        err << "subscope validate: one document at a time\n";
        return UsageError;
    }

    graphql::JsonValue variableValues = graphql::JsonValue::object();
    if (parser.isSet(variables)) {
        QByteArray text = parser.value(variables).toUtf8();
        if (text.startsWith('@')) {
            QString error;
            if (!readDocument(QString::fromUtf8(text.mid(1)), &text, &error)) {
                err << "subscope validate: " << error << '\n';
                return UsageError;
            }
        }
        std::string error;
        if (!graphql::JsonValue::fromJson(text.toStdString(), &variableValues, &error) ||
            !(variableValues.isObject() || variableValues.isNull())) {
            err << "subscope validate: --variables must be a JSON object"
                << (error.empty() ? QString()
                                  : QStringLiteral(" (%1)").arg(QString::fromStdString(error)))
                << '\n';
            return UsageError;
        }
    }
    std::optional<std::string> name;
    if (parser.isSet(operationName)) name = parser.value(operationName).toStdString();

    const QString path = parser.positionalArguments().value(0, QStringLiteral("-"));
    QByteArray document;
    QString error;
    if (!readDocument(path, &document, &error)) {
        err << "subscope validate: " << error << '\n';
        return UsageError;
    }
    const auto schema = loadSchemaOption(parser);
    if (!schema) return UsageError;

    graphql::CheckedRequest request =
        graphql::checkRequest(*schema, document, variableValues, name);
    std::optional<graphql::SubscriptionTarget> target;
    if (request.ok() && request.operation->operation == graphql::ast::OperationType::Subscription) {
        graphql::SubscriptionResolution resolved =
            graphql::resolveSubscription(*schema, request,
                                         parser.isSet(lenient) ? graphql::GroupNameMode::Lenient
                                                               : graphql::GroupNameMode::Strict);
        if (resolved.error)
            request.errors.push_back(*resolved.error);
        else if (!resolved.target->invalidGroups.empty())
            request.errors.push_back({"Invalid subscription channel name."});
        target = std::move(resolved.target);
    }
    printLine(graphql::toJson(request.errors).toJson());
    if (target) printLine(target->toJson().toJson());
    return request.errors.empty() ? Success : Invalid;
}

} // namespace subscope::cli
