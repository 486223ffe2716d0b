#pragma once

#include "error.h"
#include "json_value.h"
#include "request.h"
#include "schema.h"

#include <optional>
#include <string>
#include <vector>

namespace subscope::graphql {

// W11: the subscription operation of a document: the only one, or the one operationName names
// among several. Null when there is none or the choice is ambiguous ("Invalid subscription
// document.").
const ast::OperationDefinition *
chooseSubscriptionOperation(const ast::Document &document,
                            const std::optional<std::string> &operationName);

enum class GroupNameMode
{
    Strict,  // an invalid group name fails the operation (W16, default)
    Lenient, // disallowed characters become '_', names are cut to 99 characters
};

// What a valid subscription asks for: where its events go and what they carry.
struct SubscriptionTarget
{
    std::string responseKey; // W11: alias or name of the first root field
    std::string fieldName;
    std::vector<std::string> groups; // W13: resolved group names, in template order, no repeats
    std::vector<std::string> invalidGroups; // W16 strict: names that fail the rule
    bool subscribe = true;                  // W13: join (true) or leave (false)
    bool usedLegacySubscripe = false;       // the flag came from `subscripe`, not `subscribe`
    bool subscripeIsLegacy = true; // @groups(subscripeIsLegacy:), for deprecationNotes (W14)
    std::vector<std::string> requestedFields; // W23: names selected directly under the root field
    std::optional<std::string> modelName;     // @model of the field's type, if any

    bool deprecationNotesApply() const { return usedLegacySubscripe && subscripeIsLegacy; }
    JsonValue toJson() const;
};

// Resolves the subscription operation of a checked request (valid, operation chosen, variables
// coerced). Fails with the execution error graphql-core raises for the root field's arguments.
struct SubscriptionResolution
{
    std::optional<SubscriptionTarget> target;
    std::optional<GraphQLError> error;
};
SubscriptionResolution resolveSubscription(const Schema &schema, const CheckedRequest &request,
                                           GroupNameMode mode = GroupNameMode::Strict);

} // namespace subscope::graphql
