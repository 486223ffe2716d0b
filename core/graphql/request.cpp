#include "request.h"

#include "values.h"

namespace subscope::graphql {

const ast::OperationDefinition *selectOperation(const ast::Document &document,
                                                const std::optional<std::string> &operationName,
                                                GraphQLError *error)
{
    const ast::OperationDefinition *operation = nullptr;
    for (const ast::Definition *definition : document.definitions) {
        if (definition->kind != ast::Kind::OperationDefinition) continue;
        const auto *candidate = static_cast<const ast::OperationDefinition *>(definition);
        if (!operationName) {
            if (operation) {
                *error = {"Must provide operation name if query contains multiple operations.", {}};
                return nullptr;
            }
            operation = candidate;
        } else if (!candidate->name.empty() && candidate->name.value == *operationName) {
            operation = candidate;
        }
    }
    if (!operation)
        *error = {operationName ? "Unknown operation named '" + *operationName + "'."
                                : "Must provide an operation.",
                  {}};
    return operation;
}

CheckedRequest checkRequest(const Schema &schema, const QByteArray &query,
                            const JsonValue &variables,
                            const std::optional<std::string> &operationName,
                            const RequestLimits &limits)
{
    CheckedRequest request;
    ParseResult parsed = parse(query, limits.parse);
    if (parsed.error) {
        request.errors.push_back(std::move(*parsed.error));
        return request;
    }
    request.document = std::move(parsed.document);
    request.errors = validate(schema, *request.document, limits.validation);
    if (!request.errors.empty()) return request;
    GraphQLError error;
    request.operation = selectOperation(request.document->root(), operationName, &error);
    if (!request.operation) {
        request.errors.push_back(std::move(error));
        return request;
    }
    CoercedVariables coerced =
        coerceVariableValues(schema, *request.document, *request.operation, variables);
    request.variables = std::move(coerced.values);
    request.errors = std::move(coerced.errors);
    return request;
}

} // namespace subscope::graphql
