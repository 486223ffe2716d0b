#pragma once

#include "json_value.h"

#include <string>
#include <string_view>

namespace subscope::graphql {

// graphql-core prints input values in its messages with Python's repr (its pyutils.inspect):
// None, True, 'abc', [1, 2], {'x': 1}, 1.5, 5.0; nested deeper than two levels as [...] / {...},
// lists longer than ten items elided in the middle, texts longer than 240 characters likewise.
std::string pythonInspect(const JsonValue &value);

// repr() of a Python str: single quotes unless the text has ' and no ", escapes as Python makes
// them (\n, \x07, \u200b), printable characters as they are.
std::string pythonStringRepr(std::string_view text);

} // namespace subscope::graphql
