#pragma once

#include "ast.h"
#include "json_value.h"
#include "schema.h"

#include <string>

namespace subscope::graphql {

// The result of a leaf type coercion: a value, or an error message in graphql-core's words
// ("Int cannot represent non-integer value: 1.5"), or neither (invalid without a message).
struct Coercion
{
    bool ok = false;
    JsonValue value;
    std::string error;

    static Coercion success(JsonValue v) { return {true, std::move(v), {}}; }
    static Coercion failure(std::string message) { return {false, {}, std::move(message)}; }
};

// A literal in a document, for a scalar or enum type (parse_literal). Variables only matter to
// custom scalars, whose literals are taken as they are.
Coercion parseLiteral(const NamedType &leafType, const ast::Value &node,
                      const JsonValue *variables);
// A JSON input value, e.g. from the variables (parse_value).
Coercion parseInputValue(const NamedType &leafType, const JsonValue &input);
// A result value on its way out (serialize).
Coercion serializeLeaf(const NamedType &leafType, const JsonValue &value);

// A literal without a type: numbers, strings, lists, objects as JSON (value_from_ast_untyped).
JsonValue valueFromAstUntyped(const ast::Value &node, const JsonValue *variables);

} // namespace subscope::graphql
