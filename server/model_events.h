#pragma once

#include "graphql/json_value.h"
#include "graphql/schema.h"

#include <string>

namespace subscope::server {

// An event of an @model type (W22, W24), built from
// {"action": "create"|"update"|"delete", "pk": ..., "fields": {...}} after checking the fields
// against the type: each must be a field of it, with a value its type can represent.
struct ModelEvent
{
    std::string group;
    graphql::JsonValue value;
    std::string error; // set when the request is wrong; group and value are then empty
};

// The @model type called `name` (its @model name or its type name), or null.
const graphql::NamedType *findModelType(const graphql::Schema &schema, const std::string &name);
std::string modelNames(const graphql::Schema &schema); // "MyModel, Post", for messages

ModelEvent buildModelEvent(const graphql::NamedType &model, const graphql::JsonValue &request);

} // namespace subscope::server
