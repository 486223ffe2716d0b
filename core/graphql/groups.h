#pragma once

#include "schema.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace subscope::graphql {

// Parses an @groups template such as "MyModelUpdated.{id}" into literal text and argument
// placeholders; nullopt with *error set when its braces do not match or a placeholder is empty.
std::optional<GroupsSpec::Template> parseGroupTemplate(std::string_view text, std::string *error);

// Django Channels' rule for group names (W16): ^[a-zA-Z0-9_.-]+$ and shorter than 100.
bool isValidGroupName(std::string_view name);
// Lenient mode (W16): disallowed characters become '_' and the name is cut to 99 characters.
std::string normalizeGroupName(std::string_view name);

} // namespace subscope::graphql
