#include "subscription_request.h"

#include "collect_fields.h"
#include "groups.h"
#include "values.h"

#include <algorithm>

namespace subscope::graphql {

const ast::OperationDefinition *
chooseSubscriptionOperation(const ast::Document &document,
                            const std::optional<std::string> &operationName)
{
    std::vector<const ast::OperationDefinition *> subscriptions;
    for (const ast::Definition *d : document.definitions)
        if (d->kind == ast::Kind::OperationDefinition &&
            static_cast<const ast::OperationDefinition *>(d)->operation ==
                ast::OperationType::Subscription)
            subscriptions.push_back(static_cast<const ast::OperationDefinition *>(d));
    if (subscriptions.size() == 1) return subscriptions.front();
    if (!operationName) return nullptr;
    const ast::OperationDefinition *named = nullptr;
    for (const ast::OperationDefinition *op : subscriptions) {
        if (op->name.value != *operationName) continue;
        if (named) return nullptr; // two of that name: ambiguous
        named = op;
    }
    return named;
}

namespace {

// The text an argument value takes in a group name: strings as they are, numbers and booleans
// in their JSON text; nullopt when the template must be skipped (missing, null or "").
std::optional<std::string> groupText(const JsonValue *value)
{
    if (!value || value->isNull()) return std::nullopt;
    if (value->isString())
        return value->toString().empty() ? std::nullopt : std::optional(value->toString());
    return value->toJson();
}

bool flagValue(const JsonValue &args, const std::vector<std::string> &provided, const char *name,
               bool needProvided, bool *out)
{
    const bool wasProvided = std::find(provided.begin(), provided.end(), name) != provided.end();
    if (needProvided && !wasProvided) return false;
    const JsonValue *v = args.find(name);
    if (!v || !v->isBool()) return false;
    *out = v->toBool();
    return true;
}

} // namespace

JsonValue SubscriptionTarget::toJson() const
{
    auto strings = [](const std::vector<std::string> &list) {
        JsonValue array = JsonValue::array();
        for (const std::string &s : list)
            array.append(s);
        return array;
    };
    JsonValue out = JsonValue::object();
    out.insert("responseKey", responseKey);
    out.insert("field", fieldName);
    out.insert("groups", strings(groups));
    if (!invalidGroups.empty()) out.insert("invalidGroups", strings(invalidGroups));
    out.insert("subscribe", subscribe);
    out.insert("usedLegacySubscripe", usedLegacySubscripe);
    out.insert("requestedFields", strings(requestedFields));
    if (modelName) out.insert("model", *modelName);
    return out;
}

SubscriptionResolution resolveSubscription(const Schema &schema, const CheckedRequest &request,
                                           GroupNameMode mode)
{
    SubscriptionResolution result;
    const NamedType *subscriptionType = schema.subscriptionType();
    if (!request.ok() || !request.operation || !subscriptionType ||
        request.operation->operation != ast::OperationType::Subscription) {
        result.error = GraphQLError{"Invalid subscription document."};
        return result;
    }
    const ParsedDocument &document = *request.document;
    const FragmentMap fragments = fragmentsOf(document.root());
    CollectedFields roots = collectFields(schema, document, fragments, request.variables,
                                          subscriptionType, *request.operation->selectionSet);
    if (roots.error) {
        result.error = roots.error;
        return result;
    }
    if (roots.groups.empty()) {
        result.error = GraphQLError{"Invalid subscription document."};
        return result;
    }
    const auto &[responseKey, nodes] = roots.groups.front();
    const ast::Field &node = *nodes.front();
    const FieldDefinition *field = subscriptionType->field(node.name.value);
    if (!field) {
        result.error = GraphQLError{"The subscription field '" + std::string(node.name.value) +
                                        "' is not defined.",
                                    {document.location(node)}};
        return result;
    }
    ArgumentValues args =
        argumentValues(field->arguments, node.arguments, node.start, request.variables, document);
    if (args.error) {
        result.error = std::move(args.error);
        return result;
    }

    SubscriptionTarget target;
    target.responseKey = std::string(responseKey);
    target.fieldName = field->name;
    if (field->type) target.modelName = field->type.named()->modelName;

    // W13: the flag is `subscribe` when the client gave it, else `subscripe`, else their
    // defaults, else true.
    bool flag = true;
    const bool fromSubscribe = flagValue(args.values, args.provided, "subscribe", true, &flag);
    if (!fromSubscribe && flagValue(args.values, args.provided, "subscripe", true, &flag))
        target.usedLegacySubscripe = true;
    else if (!fromSubscribe && !flagValue(args.values, args.provided, "subscribe", false, &flag) &&
             flagValue(args.values, args.provided, "subscripe", false, &flag))
        target.usedLegacySubscripe = true;
    target.subscribe = flag;

    if (field->groups) {
        target.subscripeIsLegacy = field->groups->subscripeIsLegacy;
        for (const GroupsSpec::Template &t : field->groups->templates) {
            std::string name;
            bool skip = false;
            for (const GroupsSpec::Part &part : t.parts) {
                if (!part.isArgument) {
                    name += part.text;
                    continue;
                }
                std::optional<std::string> value = groupText(args.values.find(part.text));
                if (!value) {
                    skip = true;
                    break;
                }
                name += *value;
            }
            if (skip) continue;
            if (mode == GroupNameMode::Lenient) name = normalizeGroupName(name);
            if (!isValidGroupName(name)) {
                target.invalidGroups.push_back(name);
                continue;
            }
            if (std::find(target.groups.begin(), target.groups.end(), name) == target.groups.end())
                target.groups.push_back(std::move(name));
        }
    }

    // W23: field names directly under the root field, through fragments of any type condition.
    for (const ast::Field *rootNode : nodes) {
        if (!rootNode->selectionSet) continue;
        CollectedFields selected = collectFields(schema, document, fragments, request.variables,
                                                 nullptr, *rootNode->selectionSet);
        for (const auto &[key, fieldNodes] : selected.groups)
            for (const ast::Field *f : fieldNodes) {
                const std::string fieldName(f->name.value);
                if (fieldName.substr(0, 2) != "__" &&
                    std::find(target.requestedFields.begin(), target.requestedFields.end(),
                              fieldName) == target.requestedFields.end())
                    target.requestedFields.push_back(fieldName);
            }
    }
    result.target = std::move(target);
    return result;
}

} // namespace subscope::graphql
