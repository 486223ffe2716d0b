#pragma once

#include "graphql/error.h"
#include "graphql/parser.h"
#include "graphql/schema.h"

namespace subscope::graphql {

struct ValidateOptions
{
    size_t maxErrors = 100; // then "Too many validation errors, error limit reached. ..."
    // Selection nesting with fragment spreads followed; keeps every rule's recursion bounded.
    uint32_t maxDepth = 64;
};

// Runs all the specified validation rules over the document, in one pass, and returns their
// errors in graphql-core 3.2's order and wording. An empty list means the document is valid.
GraphQLErrors validate(const Schema &schema, const ParsedDocument &document,
                       const ValidateOptions &options = {});

} // namespace subscope::graphql
