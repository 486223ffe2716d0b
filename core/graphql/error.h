#pragma once

#include "source.h"

#include <QJsonObject>

#include <string>
#include <vector>

namespace subscope::graphql {

// A GraphQL error as the wire shows it: message and locations, in graphql-core 3.2's wording.
struct GraphQLError
{
    std::string message;
    std::vector<SourceLocation> locations;

    QString messageText() const { return QString::fromStdString(message); }
    // {"message": ..., "locations": [...]}; locations are left out when there are none, as
    // graphql-core's GraphQLError.formatted does.
    QJsonObject toJson() const;
    friend bool operator==(const GraphQLError &, const GraphQLError &) = default;
};

using GraphQLErrors = std::vector<GraphQLError>;

QJsonArray toJson(const GraphQLErrors &errors);

} // namespace subscope::graphql
