#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace subscope::graphql {

enum class TokenKind : uint8_t
{
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
};

struct Token
{
    TokenKind kind = TokenKind::StartOfFile;
    uint32_t start = 0;
    uint32_t end = 0;
    // Names and numbers: the text as written; strings: the decoded value; comments: the text
    // after '#'.
    std::string_view value;
};

bool isPunctuator(TokenKind kind);
// "<EOF>", "Name", "'{'": how graphql-core names a kind of token in "Expected X, found Y."
std::string tokenKindDescription(TokenKind kind);
// "Name 'foo'", "'}'", "<EOF>": how graphql-core names a token.
std::string tokenDescription(const Token &token);

} // namespace subscope::graphql
