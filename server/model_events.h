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

// Typed text as it goes into a model event request, the same for `subscope trigger --pk` and the
// explorer's model form. A pk is an integer when the text is one (42), a string otherwise (a JSON
// string's content when quoted: "\"42\"" is the string 42).
graphql::JsonValue pkFromText(std::string_view text);
// A field's value: the text itself for String, ID and enum fields (no quotes to type); for other
// fields JSON when the text parses (42, true, [1, 2], null), else the text, which
// buildModelEvent then refuses with the type's own message.
graphql::JsonValue fieldValueFromText(graphql::TypeRef type, std::string_view text);

} // namespace subscope::server
