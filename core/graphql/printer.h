#pragma once

#include "ast.h"

#include <string>
#include <string_view>

namespace subscope::graphql {

// GraphQL source text for AST values and type references, as graphql-core's print_ast writes
// them: `{x: 1, y: [2, 3]}`, `"a\nb"`, `[Int!]!`.
std::string printValue(const ast::Value &value);
std::string printType(const ast::Type &type);
// A string as a GraphQL string literal, with the escapes of graphql-core's print_string.
std::string printString(std::string_view value);
// A string as a block string literal """...""", as graphql-core's print_block_string writes it.
std::string printBlockString(std::string_view value);
// Whether a block string literal would give back exactly this value.
bool isPrintableAsBlockString(std::string_view value);

} // namespace subscope::graphql
