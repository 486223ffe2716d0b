#pragma once

#include "arena.h"
#include "token.h"

#include <stdexcept>
#include <string>

namespace subscope::graphql {

// A syntax error at a byte offset; the message already starts with "Syntax Error: ".
struct SyntaxError
{
    uint32_t offset;
    std::string message;
};

// Reads tokens from UTF-8 source text on demand. Throws SyntaxError for invalid input, with the
// messages of graphql-core 3.2's lexer. Decoded string values are stored in the arena.
class Lexer
{
public:
    Lexer(std::string_view body, Arena &arena)
        : m_body(body)
        , m_arena(arena)
    {}

    // The token that starts at or after byte offset `from`, including comments.
    Token readToken(uint32_t from);

    // Python-style description of the character at `offset`: "'a'", "U+0007" or "<EOF>".
    std::string printCodePointAt(uint32_t offset) const;

private:
    [[noreturn]] void fail(uint32_t offset, std::string message) const;
    // Decodes the UTF-8 sequence at offset; returns the code point and its length in bytes
    // (a malformed sequence yields 0xFFFD and length 1).
    char32_t codePointAt(uint32_t offset, uint32_t *length) const;
    int byteAt(uint32_t offset) const
    {
        return offset < m_body.size() ? uchar(m_body[offset]) : -1;
    }
    static unsigned char uchar(char c) { return static_cast<unsigned char>(c); }

    Token readComment(uint32_t start);
    Token readNumber(uint32_t start);
    uint32_t readDigits(uint32_t start);
    Token readString(uint32_t start);
    Token readBlockString(uint32_t start);
    Token readName(uint32_t start);
    // Appends the escape sequence at `offset` (which points at '\') to `out`; returns its size.
    uint32_t readEscape(uint32_t offset, std::string &out) const;

    std::string_view m_body;
    Arena &m_arena;
};

} // namespace subscope::graphql
