#pragma once

#include "error.h"
#include "json_value.h"
#include "parser.h"
#include "schema.h"
#include "validation/validate.h"

#include <memory>
#include <optional>
#include <string>

namespace subscope::graphql {

struct RequestLimits
{
    ParseLimits parse;
    ValidateOptions validation;
};

// A GraphQL request checked the way the Django server's engine checks it before executing:
// parse, validate with all the specified rules, select the operation, coerce the variables.
// Stops at the first step that fails; `errors` is empty when the request is executable.
struct CheckedRequest
{
    std::unique_ptr<ParsedDocument> document;
    const ast::OperationDefinition *operation = nullptr;
    JsonValue variables = JsonValue::object(); // coerced
    GraphQLErrors errors;

    bool ok() const { return errors.empty(); }
};

CheckedRequest checkRequest(const Schema &schema, const QByteArray &query,
                            const JsonValue &variables,
                            const std::optional<std::string> &operationName,
                            const RequestLimits &limits = {});

// graphql-core's operation selection: the only operation, or the one `operationName` names (the
// last of that name); nullptr with *error set otherwise.
const ast::OperationDefinition *selectOperation(const ast::Document &document,
                                                const std::optional<std::string> &operationName,
                                                GraphQLError *error);

} // namespace subscope::graphql
