#pragma once

#include "ast.h"
#include "error.h"
#include "json_value.h"
#include "parser.h"
#include "schema.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace subscope::graphql {

// A literal (possibly with variables) coerced to `type`, or nullopt when it is not valid for it
// (graphql-js's valueFromAST). `variables` is the object of coerced variable values.
std::optional<JsonValue> valueFromAst(const ast::Value *node, TypeRef type,
                                      const JsonValue *variables);

// Coerces a JSON input value to `type`; every problem is passed to onError with the path inside
// the value (list indices and field names), the offending value and the message.
struct InputPathElement
{
    bool isIndex = false;
    size_t index = 0;
    std::string key;
};
using InputErrorHandler =
    std::function<void(const std::vector<InputPathElement> &path, const JsonValue &invalidValue,
                       const std::string &message)>;
JsonValue coerceInputValue(const JsonValue &input, TypeRef type, const InputErrorHandler &onError);

struct CoercedVariables
{
    JsonValue values = JsonValue::object();
    GraphQLErrors errors;
};

// The operation's variables coerced from the request's `variables` object (a JSON object or
// null), with graphql-core's messages ("Variable '$id' got invalid value 5; ...").
CoercedVariables coerceVariableValues(const Schema &schema, const ParsedDocument &document,
                                      const ast::OperationDefinition &operation,
                                      const JsonValue &inputs, size_t maxErrors = 50);

// The coerced arguments of a field or directive, in definition order, defaults filled in.
// Fails with the execution error graphql-core raises (missing required argument, ...).
struct ArgumentValues
{
    JsonValue values = JsonValue::object();
    std::vector<std::string> provided; // names given in the document (variables: only when set)
    std::optional<GraphQLError> error;
};
ArgumentValues argumentValues(const std::vector<InputValue> &definitions,
                              const ast::List<ast::Argument> &arguments, uint32_t nodeOffset,
                              const JsonValue &variables, const ParsedDocument &document);

// The GraphQL text of an internal value of `type`, as introspection's defaultValue shows it
// (print(astFromValue(value, type))), or nullopt when it has no literal form.
std::optional<std::string> printInputValue(const JsonValue &value, TypeRef type);

} // namespace subscope::graphql
