#pragma once

#include "graphql/schema.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

namespace subscope::cli {

// --schema FILE.graphql; without it, the embedded demo schema (the Django package's example app).
QCommandLineOption schemaOption();
// Loads the schema the option names; prints every error as file:line:column: message to stderr
// and returns null when it has errors.
std::shared_ptr<const graphql::Schema> loadSchemaOption(const QCommandLineParser &parser);

// Parses a subcommand's arguments; on a usage error prints it with the help and returns false.
bool parseOrExplain(QCommandLineParser &parser, const QStringList &arguments);

} // namespace subscope::cli
