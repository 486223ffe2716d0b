#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace subscope::graphql {

enum class DirectiveLocation : uint8_t
{
    Query,
    Mutation,
    Subscription,
    Field,
    FragmentDefinition,
    FragmentSpread,
    InlineFragment,
    VariableDefinition,
    Schema,
    Scalar,
    Object,
    FieldDefinition,
    ArgumentDefinition,
    Interface,
    Union,
    Enum,
    EnumValue,
    InputObject,
    InputFieldDefinition,
};

const char *directiveLocationName(DirectiveLocation location); // "FIELD_DEFINITION"
std::optional<DirectiveLocation> directiveLocationFromName(std::string_view name);
// As graphql-core's messages print a location (its enum value): "field definition".
std::string directiveLocationText(DirectiveLocation location);

} // namespace subscope::graphql
