#pragma once

#include "ast.h"
#include "error.h"
#include "json_value.h"
#include "parser.h"
#include "schema.h"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace subscope::graphql {

using FragmentMap = std::unordered_map<std::string_view, const ast::FragmentDefinition *>;
// The fragments of a document by name; a repeated name keeps the last definition.
FragmentMap fragmentsOf(const ast::Document &document);

// Fields by response key, in the order they first appear (the spec's CollectFields).
struct CollectedFields
{
    std::vector<std::pair<std::string_view, std::vector<const ast::Field *>>> groups;
    // Set when a @skip / @include argument could not be evaluated (graphql-core raises it).
    std::optional<GraphQLError> error;
};

// Collects the fields of `selectionSet` for an object of `runtimeType`, following fragments and
// honouring @skip and @include with the coerced `variables`. With a null runtimeType every
// fragment's type condition matches (all the fields that could be selected).
CollectedFields collectFields(const Schema &schema, const ParsedDocument &document,
                              const FragmentMap &fragments, const JsonValue &variables,
                              const NamedType *runtimeType, const ast::SelectionSet &selectionSet);

} // namespace subscope::graphql
