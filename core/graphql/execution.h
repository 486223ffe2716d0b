#pragma once

#include "error.h"
#include "json_value.h"
#include "request.h"
#include "schema.h"

#include <map>
#include <string>

namespace subscope::graphql {

// Values for fields that Subscope has no resolver for: "Query.getMyModel" -> JSON. Objects in
// a value answer their subfields by key; abstract types need "__typename" in the object.
using Fixtures = std::map<std::string, JsonValue, std::less<>>;

struct ExecutionResult
{
    JsonValue data; // null when the operation could not run at all
    GraphQLErrors errors;

    // {"data": ..., "errors": [...]} in graphql-core's form: data first, errors only if any.
    JsonValue toJson() const;
};

// Executes a checked query (or mutation) operation: the introspection fields (__schema, __type,
// __typename) are answered from the schema, other fields from the fixtures, else null. Field
// errors are located and sorted as graphql-core's build_response sorts them.
ExecutionResult execute(const Schema &schema, const CheckedRequest &request,
                        const Fixtures &fixtures = {});

} // namespace subscope::graphql
