#include "model_events.h"

#include "graphql/scalars.h"
#include "graphql/suggestion.h"
#include "registry/event_shaping.h"

namespace subscope::server {

using graphql::JsonValue;

const graphql::NamedType *findModelType(const graphql::Schema &schema, const std::string &name)
{
    for (const graphql::NamedType *t : schema.types())
        if (t->modelName && (*t->modelName == name || t->name == name)) return t;
    return nullptr;
}

std::string modelNames(const graphql::Schema &schema)
{
    std::string names;
    for (const graphql::NamedType *t : schema.types())
        if (t->modelName) names += (names.empty() ? "" : ", ") + *t->modelName;
    return names.empty() ? std::string("none (no type has @model)") : names;
}

namespace {

// Why `value` cannot be a value of `type`, or "" when it can.
std::string valueProblem(const JsonValue &value, graphql::TypeRef type)
{
    if (type.isNonNull()) {
        if (value.isNull()) return "null is not allowed for '" + type.toString() + "'";
        return valueProblem(value, type.ofType());
    }
    if (value.isNull()) return {};
    if (type.isList()) {
        if (!value.isArray())
            return valueProblem(value, type.ofType()); // a single value stands for a list of one
        for (const JsonValue &item : value.items())
            if (std::string p = valueProblem(item, type.ofType()); !p.empty()) return p;
        return {};
    }
    const graphql::NamedType &named = *type.named();
    if (!named.isLeafType())
        return {}; // related objects travel as whatever the caller sends (a pk, an object)
    const graphql::Coercion c = graphql::serializeLeaf(named, value);
    return c.ok ? std::string() : c.error;
}

} // namespace

ModelEvent buildModelEvent(const graphql::NamedType &model, const JsonValue &request)
{
    ModelEvent event;
    if (!request.isObject()) {
        event.error =
            "The body must be a JSON object {\"action\": ..., \"pk\": ..., \"fields\": {...}}.";
        return event;
    }
    const JsonValue *action = request.find("action");
    registry::ModelAction kind;
    if (!action || !action->isString()) {
        event.error = "\"action\" must be \"create\", \"update\" or \"delete\".";
        return event;
    }
    if (action->toString() == "create")
        kind = registry::ModelAction::Create;
    else if (action->toString() == "update")
        kind = registry::ModelAction::Update;
    else if (action->toString() == "delete")
        kind = registry::ModelAction::Delete;
    else {
        event.error = "\"action\" must be \"create\", \"update\" or \"delete\", not '" +
                      action->toString() + "'.";
        return event;
    }
    const JsonValue *pk = request.find("pk");
    if (!pk || !(pk->isString() || pk->isInt())) {
        event.error = "\"pk\" must be a string or an integer.";
        return event;
    }
    const JsonValue *fields = request.find("fields");
    if (fields && !fields->isObject() && !fields->isNull()) {
        event.error = "\"fields\" must be an object of the model's fields.";
        return event;
    }
    JsonValue checked = JsonValue::object();
    if (fields && fields->isObject()) {
        std::vector<std::string_view> names;
        for (const graphql::FieldDefinition &f : model.fields)
            names.push_back(f.name);
        for (const auto &[name, value] : fields->members()) {
            const graphql::FieldDefinition *field = model.field(name);
            if (!field) {
                event.error = "Field '" + name + "' is not a field of " + model.name + "." +
                              graphql::didYouMean(graphql::suggestionList(name, names));
                return event;
            }
            if (std::string problem = valueProblem(value, field->type); !problem.empty()) {
                event.error = "Field '" + name + "' of " + model.name + ": " + problem;
                return event;
            }
            checked.insert(name, value);
        }
    }
    event.group = registry::modelGroup(*model.modelName, kind, *pk);
    event.value = registry::modelEventValue(*pk, checked, event.group);
    return event;
}

JsonValue pkFromText(std::string_view text)
{
    JsonValue pk;
    if (JsonValue::fromJson(text, &pk) && (pk.isInt() || pk.isString())) return pk;
    return JsonValue(std::string(text));
}

JsonValue fieldValueFromText(graphql::TypeRef type, std::string_view text)
{
    const graphql::NamedType *named = type.nullable().asNamed(); // null for lists
    const bool textual = named && (named->kind == graphql::TypeKind::Enum ||
                                   named->name == "String" || named->name == "ID");
    JsonValue value;
    if (!textual && JsonValue::fromJson(text, &value)) return value;
    return JsonValue(std::string(text));
}

} // namespace subscope::server
