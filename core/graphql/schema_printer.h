#pragma once

#include "schema.h"

#include <string>

namespace subscope::graphql {

// The schema as SDL, laid out as graphql-js's printSchema lays it out (built-in scalars,
// introspection types and specified directives left out), with Subscope's @groups and @model
// kept on the fields and types that carry them so that the text builds the same schema again.
std::string printSchema(const Schema &schema);

} // namespace subscope::graphql
