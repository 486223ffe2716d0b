#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace subscope::graphql::utf8 {

// Appends a code point as UTF-8.
void append(std::string &out, char32_t codePoint);

// Decodes the code point starting at byte `offset`; *length is its size in bytes. A malformed
// sequence (or one cut short by the end) decodes as U+FFFD of length 1.
char32_t decode(std::string_view text, size_t offset, uint32_t *length);

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValid(std::string_view text);

} // namespace subscope::graphql::utf8
