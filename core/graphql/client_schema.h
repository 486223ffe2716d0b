#pragma once

#include "json_value.h"
#include "schema_builder.h"

#include <QStringList>

#include <string>

namespace subscope::graphql {

// The SDL an introspection result describes: the answer to introspectionQuery(), as
// {"data": {"__schema": ...}} or {"__schema": ...}. Built-in scalars, introspection types and the
// specified directives are left out; the root types are always named in a schema definition.
// False with every problem found in *errors (an error response, no __schema, a type referenced but
// not defined, a name or default value that is not GraphQL).
bool introspectionToSdl(const JsonValue &result, std::string *sdl, QStringList *errors);

// graphql-js's buildClientSchema: the schema of an introspection result, checked as a schema file
// is. Introspection does not carry applied directives, so Subscope's @groups and @model on fields
// and types are lost (their declarations stay): such a schema serves completion, validation and
// docs, not a server.
SchemaLoadResult buildClientSchema(const JsonValue &result);

} // namespace subscope::graphql
