#include "directive_location.h"

#include <iterator>

namespace subscope::graphql {

namespace {

constexpr const char *Names[] = {"QUERY",
                                 "MUTATION",
                                 "SUBSCRIPTION",
                                 "FIELD",
                                 "FRAGMENT_DEFINITION",
                                 "FRAGMENT_SPREAD",
                                 "INLINE_FRAGMENT",
                                 "VARIABLE_DEFINITION",
                                 "SCHEMA",
                                 "SCALAR",
                                 "OBJECT",
                                 "FIELD_DEFINITION",
                                 "ARGUMENT_DEFINITION",
                                 "INTERFACE",
                                 "UNION",
                                 "ENUM",
                                 "ENUM_VALUE",
                                 "INPUT_OBJECT",
                                 "INPUT_FIELD_DEFINITION"};

} // namespace

const char *directiveLocationName(DirectiveLocation location)
{
    return Names[int(location)];
}

std::optional<DirectiveLocation> directiveLocationFromName(std::string_view name)
{
    for (int i = 0; i < int(std::size(Names)); ++i)
        if (name == Names[i]) return DirectiveLocation(i);
    return std::nullopt;
}

std::string directiveLocationText(DirectiveLocation location)
{
    std::string text = directiveLocationName(location);
    for (char &c : text)
        c = c == '_' ? ' ' : char(c - 'A' + 'a');
    return text;
}

} // namespace subscope::graphql
