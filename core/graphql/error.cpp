#include "error.h"

namespace subscope::graphql {

JsonValue GraphQLError::toJson() const
{
    JsonValue object = JsonValue::object();
    object.insert("message", message);
    if (!locations.empty()) {
        JsonValue array = JsonValue::array();
        for (const SourceLocation &l : locations) {
            JsonValue location = JsonValue::object();
            location.insert("line", l.line);
            location.insert("column", l.column);
            array.append(std::move(location));
        }
        object.insert("locations", std::move(array));
    }
    if (!path.isEmpty()) object.insert("path", JsonValue::fromQJsonValue(path));
    return object;
}

QJsonObject GraphQLError::toQJsonObject() const
{
    return toJson().toQJsonValue().toObject();
}

JsonValue toJson(const GraphQLErrors &errors)
{
    JsonValue array = JsonValue::array();
    for (const GraphQLError &e : errors)
        array.append(e.toJson());
    return array;
}

} // namespace subscope::graphql
