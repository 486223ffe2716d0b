#pragma once

#include "schema.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace subscope::graphql {

struct SchemaLoadResult
{
    std::shared_ptr<const Schema> schema; // null when the schema has errors
    QStringList errors;                   // "file:line:column: message", in source order
};

// Builds a schema from SDL (the whole type-system language, extensions included) and checks it
// as graphql-js's buildASTSchema + validateSchema do, plus Subscope's rules for @groups (only on
// subscription fields; every {placeholder} names a scalar or enum argument) and @model.
// @groups and @model are declared automatically when a schema uses them without declaring them.
SchemaLoadResult buildSchema(const QByteArray &sdl, const QString &fileName);

// Reads and builds a schema file (Qt resource paths such as ":/schemas/demo.graphql" work).
SchemaLoadResult loadSchemaFile(const QString &path);

} // namespace subscope::graphql
