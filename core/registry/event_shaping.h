#pragma once

#include "graphql/json_value.h"

#include <QByteArray>

#include <string>
#include <string_view>
#include <vector>

namespace subscope::registry {

using graphql::JsonValue;

// W22: a model instance as the Django package serialises it:
// {"pk": <pk>, "fields": {<field>: <value>, ..., "id": <pk>}, "group": <group>}.
JsonValue modelEventValue(const JsonValue &pk, const JsonValue &fields, const std::string &group);

// W24: the groups of a model's events: <M>Created, <M>Updated.<pk>, <M>Deleted.<pk>.
enum class ModelAction
{
    Create,
    Update,
    Delete
};
std::string modelGroup(std::string_view modelName, ModelAction action, const JsonValue &pk);
// The text of a pk in a group name: strings as they are, other values as JSON.
std::string pkText(const JsonValue &pk);

// W23: when the value is an object with an object "fields", only the requested field names are
// kept in "fields" (in the value's order); any other value is returned unchanged.
JsonValue filterRequestedFields(const JsonValue &value, const std::vector<std::string> &requested);

// W21: {"data": {<responseKey>: <value>}, "errors": null}, as JSON text.
std::string resultPayload(std::string_view responseKey, const JsonValue &value);

// {"id": <id>, "type": <type>, "payload": <payload>}: an operation's frame, as JSON text.
QByteArray operationFrame(std::string_view id, std::string_view type, std::string_view payloadJson);

} // namespace subscope::registry
