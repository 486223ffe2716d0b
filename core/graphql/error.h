#pragma once

#include "json_value.h"
#include "source.h"

#include <QJsonArray>
#include <QJsonObject>

#include <string>
#include <vector>

namespace subscope::graphql {

// A GraphQL error as the wire shows it: message and locations, in graphql-core 3.2's wording.
struct GraphQLError
{
    std::string message;
    std::vector<SourceLocation> locations = {};
    QJsonArray path = {}; // response path of an execution error: field names and list indices

    QString messageText() const { return QString::fromStdString(message); }
    // {"message": ..., "locations": [{"line": L, "column": C}], "path": [...]} in that order;
    // locations and path are left out when there are none, as graphql-core's
    // GraphQLError.formatted does.
    JsonValue toJson() const;
    QJsonObject toQJsonObject() const;
    friend bool operator==(const GraphQLError &, const GraphQLError &) = default;
};

using GraphQLErrors = std::vector<GraphQLError>;

JsonValue toJson(const GraphQLErrors &errors);

} // namespace subscope::graphql
