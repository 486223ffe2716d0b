#include "event_shaping.h"

#include <algorithm>
#include <cstring>

namespace subscope::registry {

using graphql::jsonQuote;

JsonValue modelEventValue(const JsonValue &pk, const JsonValue &fields, const std::string &group)
{
    JsonValue modelFields = fields.isObject() ? fields : JsonValue::object();
    modelFields.insert("id", pk);
    JsonValue value = JsonValue::object();
    value.insert("pk", pk);
    value.insert("fields", modelFields);
    value.insert("group", group);
    return value;
}

std::string pkText(const JsonValue &pk)
{
    return pk.isString() ? pk.toString() : pk.toJson();
}

std::string modelGroup(std::string_view modelName, ModelAction action, const JsonValue &pk)
{
    switch (action) {
    case ModelAction::Create:
        return std::string(modelName) + "Created";
    case ModelAction::Update:
        return std::string(modelName) + "Updated." + pkText(pk);
    case ModelAction::Delete:
        return std::string(modelName) + "Deleted." + pkText(pk);
    }
    return {};
}

JsonValue filterRequestedFields(const JsonValue &value, const std::vector<std::string> &requested)
{
    const JsonValue *fields = value.isObject() ? value.find("fields") : nullptr;
    if (!fields || !fields->isObject()) return value;
    JsonValue kept = JsonValue::object();
    for (const JsonValue::Member &member : fields->members())
        if (std::find(requested.begin(), requested.end(), member.first) != requested.end())
            kept.insert(member.first, member.second);
    JsonValue filtered = value;
    filtered.insert("fields", std::move(kept));
    return filtered;
}

std::string resultPayload(std::string_view responseKey, const JsonValue &value)
{
    return "{\"data\":{" + jsonQuote(responseKey) + ":" + value.toJson() + "},\"errors\":null}";
}

QByteArray operationFrame(std::string_view id, std::string_view type, std::string_view payloadJson)
{
    // One exact allocation and plain copies: this runs once per recipient of every event.
    const std::string quotedId = jsonQuote(id);
    const std::string_view parts[] = {
        "{\"id\":", quotedId, ",\"type\":\"", type, "\",\"payload\":", payloadJson, "}"};
    size_t size = 0;
    for (std::string_view part : parts)
        size += part.size();
    QByteArray frame(qsizetype(size), Qt::Uninitialized);
    char *out = frame.data();
    for (std::string_view part : parts) {
        std::memcpy(out, part.data(), part.size());
        out += part.size();
    }
    return frame;
}

} // namespace subscope::registry
