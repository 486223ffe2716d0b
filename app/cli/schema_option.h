#pragma once

#include "graphql/schema.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace subscope::cli {

// --schema FILE.graphql; without it, the embedded demo schema (the Django package's example app).
QCommandLineOption schemaOption();
// Loads the schema the option names; prints every error as file:line:column: message to stderr
// and returns null when it has errors.
std::shared_ptr<const graphql::Schema> loadSchemaOption(const QCommandLineParser &parser);

// Parses a subcommand's arguments. Returns nothing when the command should go on, else its
// exit status: after --help (help printed) or a usage error (error and help printed).
std::optional<int> parseSubcommand(QCommandLineParser &parser, const QStringList &arguments);

} // namespace subscope::cli
