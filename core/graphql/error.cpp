#include "error.h"

#include <QJsonArray>

namespace subscope::graphql {

QJsonObject GraphQLError::toJson() const
{
    QJsonObject object{{QStringLiteral("message"), messageText()}};
    if (!locations.empty()) {
        QJsonArray array;
        for (const SourceLocation &l : locations)
            array.append(QJsonObject{{QStringLiteral("line"), l.line}, {QStringLiteral("column"), l.column}});
        object.insert(QStringLiteral("locations"), array);
    }
    return object;
}

QJsonArray toJson(const GraphQLErrors &errors)
{
    QJsonArray array;
    for (const GraphQLError &e : errors)
        array.append(e.toJson());
    return array;
}

} // namespace subscope::graphql
