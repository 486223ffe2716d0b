#include "lexer.h"

#include "utf8.h"

#include <cstdio>
#include <optional>
#include <vector>

namespace subscope::graphql {

namespace {

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}
bool isLetter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isNameStart(int c)
{
    return isLetter(c) || c == '_';
}
bool isNameContinue(int c)
{
    return isLetter(c) || isDigit(c) || c == '_';
}
bool isWhiteSpace(char c)
{
    return c == ' ' || c == '\t';
}
bool isScalarValue(int64_t c)
{
    return (c >= 0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0x10FFFF);
}

int hexDigit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Removes the common indentation of a block string and its blank first and last lines.
std::string dedentBlockString(std::vector<std::string> &lines)
{
    size_t commonIndent = SIZE_MAX;
    std::optional<size_t> firstNonEmpty;
    size_t lastNonEmpty = 0;
    bool anyNonEmpty = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        size_t indent = 0;
        while (indent < line.size() && isWhiteSpace(line[indent]))
            ++indent;
        if (indent == line.size()) continue;
        if (!firstNonEmpty) firstNonEmpty = i;
        lastNonEmpty = i;
        anyNonEmpty = true;
        if (i != 0 && indent < commonIndent) commonIndent = indent;
    }
    std::string result;
    if (!anyNonEmpty) return result;
    for (size_t i = *firstNonEmpty; i <= lastNonEmpty; ++i) {
        if (i != *firstNonEmpty) result += '\n';
        const std::string &line = lines[i];
        if (i == 0 || commonIndent == SIZE_MAX)
            result += line;
        else if (commonIndent < line.size())
            result.append(line, commonIndent, std::string::npos);
    }
    return result;
}

} // namespace

void Lexer::fail(uint32_t offset, std::string message) const
{
    throw SyntaxError{offset, "Syntax Error: " + message};
}

char32_t Lexer::codePointAt(uint32_t offset, uint32_t *length) const
{
    return utf8::decode(m_body, offset, length);
}

std::string Lexer::printCodePointAt(uint32_t offset) const
{
    if (offset >= m_body.size()) return "<EOF>";
    uint32_t length = 0;
    const char32_t c = codePointAt(offset, &length);
    if (c >= 0x20 && c <= 0x7E)
        return c == '"' ? std::string("'\"'") : std::string{'\'', char(c), '\''};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", unsigned(c));
    return buffer;
}

Token Lexer::readToken(uint32_t position)
{
    const uint32_t size = uint32_t(m_body.size());
    while (position < size) {
        const int c = uchar(m_body[position]);
        switch (c) {
        case 0xEF: // a byte order mark (EF BB BF) is ignored like white space
            if (byteAt(position + 1) == 0xBB && byteAt(position + 2) == 0xBF) {
                position += 3;
                continue;
            }
            break;
        case '\t':
        case ' ':
        case ',':
        case '\n':
        case '\r':
            ++position;
            continue;
        case '#':
            return readComment(position);
        case '!':
            return {TokenKind::Bang, position, position + 1, {}};
        case '$':
            return {TokenKind::Dollar, position, position + 1, {}};
        case '&':
            return {TokenKind::Amp, position, position + 1, {}};
        case '(':
            return {TokenKind::ParenL, position, position + 1, {}};
        case ')':
            return {TokenKind::ParenR, position, position + 1, {}};
        case '.':
            if (byteAt(position + 1) == '.' && byteAt(position + 2) == '.')
                return {TokenKind::Spread, position, position + 3, {}};
            break;
        case ':':
            return {TokenKind::Colon, position, position + 1, {}};
        case '=':
            return {TokenKind::Equals, position, position + 1, {}};
        case '@':
            return {TokenKind::At, position, position + 1, {}};
        case '[':
            return {TokenKind::BracketL, position, position + 1, {}};
        case ']':
            return {TokenKind::BracketR, position, position + 1, {}};
        case '{':
            return {TokenKind::BraceL, position, position + 1, {}};
        case '|':
            return {TokenKind::Pipe, position, position + 1, {}};
        case '}':
            return {TokenKind::BraceR, position, position + 1, {}};
        case '"':
            if (byteAt(position + 1) == '"' && byteAt(position + 2) == '"')
                return readBlockString(position);
            return readString(position);
        default:
            break;
        }
        if (isDigit(c) || c == '-') return readNumber(position);
        if (isNameStart(c)) return readName(position);
        if (c == '\'')
            fail(position, "Unexpected single quote character ('), did you mean to use a double "
                           "quote (\")?");
        uint32_t length = 0;
        const char32_t cp = codePointAt(position, &length);
        fail(position, (isScalarValue(cp) ? "Unexpected character: " : "Invalid character: ") +
                           printCodePointAt(position) + ".");
    }
    return {TokenKind::EndOfFile, size, size, {}};
}

Token Lexer::readComment(uint32_t start)
{
    uint32_t position = start + 1;
    while (position < m_body.size()) {
        const char c = m_body[position];
        if (c == '\n' || c == '\r') break;
        ++position;
    }
    return {TokenKind::Comment, start, position, m_body.substr(start + 1, position - start - 1)};
}

uint32_t Lexer::readDigits(uint32_t start)
{
    if (!isDigit(byteAt(start)))
        fail(start, "Invalid number, expected digit but got: " + printCodePointAt(start) + ".");
    uint32_t position = start + 1;
    while (isDigit(byteAt(position)))
        ++position;
    return position;
}

Token Lexer::readNumber(uint32_t start)
{
    uint32_t position = start;
    bool isFloat = false;
    if (byteAt(position) == '-') ++position;
    if (byteAt(position) == '0') {
        ++position;
        if (isDigit(byteAt(position)))
            fail(position,
                 "Invalid number, unexpected digit after 0: " + printCodePointAt(position) + ".");
    } else {
        position = readDigits(position);
    }
    if (byteAt(position) == '.') {
        isFloat = true;
        position = readDigits(position + 1);
    }
    if (byteAt(position) == 'E' || byteAt(position) == 'e') {
        isFloat = true;
        ++position;
        if (byteAt(position) == '+' || byteAt(position) == '-') ++position;
        position = readDigits(position);
    }
    if (byteAt(position) == '.' || isNameStart(byteAt(position)))
        fail(position,
             "Invalid number, expected digit but got: " + printCodePointAt(position) + ".");
    return {isFloat ? TokenKind::Float : TokenKind::Int, start, position,
            m_body.substr(start, position - start)};
}

uint32_t Lexer::readEscape(uint32_t position, std::string &out) const
{
    // The source text of an invalid escape, `count` code points from `position`.
    auto slice = [this, position](uint32_t count) {
        uint32_t end = position;
        for (uint32_t i = 0; i < count && end < m_body.size(); ++i) {
            uint32_t length = 0;
            codePointAt(end, &length);
            end += length;
        }
        return std::string(m_body.substr(position, end - position));
    };
    const int next = byteAt(position + 1);
    if (next == 'u' && byteAt(position + 2) == '{') {
        int64_t point = 0;
        uint32_t size = 3;
        // At most 12 characters: \u{00000000}.
        const uint32_t maxSize = std::min<uint32_t>(12, uint32_t(m_body.size()) - position);
        while (size < maxSize) {
            const int c = byteAt(position + size);
            ++size;
            if (c == '}') {
                if (size < 5 || !isScalarValue(point)) break;
                utf8::append(out, char32_t(point));
                return size;
            }
            const int digit = hexDigit(c);
            if (digit < 0) break;
            point = (point << 4) | digit;
        }
        fail(position, "Invalid Unicode escape sequence: '" + slice(size) + "'.");
    }
    if (next == 'u') {
        auto read16 = [this](uint32_t at) {
            int value = 0;
            for (uint32_t i = 0; i < 4; ++i) {
                const int digit = hexDigit(byteAt(at + i));
                if (digit < 0) return -1;
                value = (value << 4) | digit;
            }
            return value;
        };
        const int code = read16(position + 2);
        if (code >= 0 && isScalarValue(code)) {
            utf8::append(out, char32_t(code));
            return 6;
        }
        // JSON-style surrogate pairs are allowed when they form a valid pair.
        if (code >= 0xD800 && code <= 0xDBFF && byteAt(position + 6) == '\\' &&
            byteAt(position + 7) == 'u') {
            const int trailing = read16(position + 8);
            if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
                utf8::append(out,
                             char32_t(0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)));
                return 12;
            }
        }
        fail(position, "Invalid Unicode escape sequence: '" + slice(6) + "'.");
    }
    switch (next) {
    case '"':
        out += '"';
        return 2;
    case '\\':
        out += '\\';
        return 2;
    case '/':
        out += '/';
        return 2;
    case 'b':
        out += '\b';
        return 2;
    case 'f':
        out += '\f';
        return 2;
    case 'n':
        out += '\n';
        return 2;
    case 'r':
        out += '\r';
        return 2;
    case 't':
        out += '\t';
        return 2;
    default:
        fail(position, "Invalid character escape sequence: '" + slice(2) + "'.");
    }
}

Token Lexer::readString(uint32_t start)
{
    const uint32_t size = uint32_t(m_body.size());
    uint32_t position = start + 1;
    uint32_t chunkStart = position;
    std::string value;
    bool escaped = false;
    while (position < size) {
        const int c = uchar(m_body[position]);
        if (c == '"') {
            if (!escaped)
                return {TokenKind::String, start, position + 1,
                        m_body.substr(chunkStart, position - chunkStart)};
            value.append(m_body.substr(chunkStart, position - chunkStart));
            return {TokenKind::String, start, position + 1, m_arena.copy(value)};
        }
        if (c == '\\') {
            value.append(m_body.substr(chunkStart, position - chunkStart));
            position += readEscape(position, value);
            chunkStart = position;
            escaped = true;
            continue;
        }
        if (c == '\n' || c == '\r') break;
        if (c < 0x80) {
            ++position;
            continue;
        }
        uint32_t length = 0;
        const char32_t cp = codePointAt(position, &length);
        if (!isScalarValue(cp))
            fail(position, "Invalid character within String: " + printCodePointAt(position) + ".");
        position += length;
    }
    fail(position, "Unterminated string.");
}

Token Lexer::readBlockString(uint32_t start)
{
    const uint32_t size = uint32_t(m_body.size());
    uint32_t position = start + 3;
    uint32_t chunkStart = position;
    std::string currentLine;
    std::vector<std::string> lines;
    while (position < size) {
        const int c = uchar(m_body[position]);
        if (c == '"' && byteAt(position + 1) == '"' && byteAt(position + 2) == '"') {
            currentLine.append(m_body.substr(chunkStart, position - chunkStart));
            lines.push_back(std::move(currentLine));
            return {TokenKind::BlockString, start, position + 3,
                    m_arena.copy(dedentBlockString(lines))};
        }
        if (c == '\\' && byteAt(position + 1) == '"' && byteAt(position + 2) == '"' &&
            byteAt(position + 3) == '"') {
            currentLine.append(m_body.substr(chunkStart, position - chunkStart));
            chunkStart = position + 1; // keep the quotes, drop the backslash
            position += 4;
            continue;
        }
        if (c == '\n' || c == '\r') {
            currentLine.append(m_body.substr(chunkStart, position - chunkStart));
            lines.push_back(std::move(currentLine));
            currentLine.clear();
            position += (c == '\r' && byteAt(position + 1) == '\n') ? 2 : 1;
            chunkStart = position;
            continue;
        }
        if (c < 0x80) {
            ++position;
            continue;
        }
        uint32_t length = 0;
        const char32_t cp = codePointAt(position, &length);
        if (!isScalarValue(cp))
            fail(position, "Invalid character within String: " + printCodePointAt(position) + ".");
        position += length;
    }
    fail(position, "Unterminated string.");
}

Token Lexer::readName(uint32_t start)
{
    uint32_t position = start + 1;
    while (position < m_body.size() && isNameContinue(uchar(m_body[position])))
        ++position;
    return {TokenKind::Name, start, position, m_body.substr(start, position - start)};
}

bool isPunctuator(TokenKind kind)
{
    return kind >= TokenKind::Bang && kind <= TokenKind::BraceR;
}

std::string tokenKindDescription(TokenKind kind)
{
    switch (kind) {
    case TokenKind::StartOfFile:
        return "<SOF>";
    case TokenKind::EndOfFile:
        return "<EOF>";
    case TokenKind::Bang:
        return "'!'";
    case TokenKind::Dollar:
        return "'$'";
    case TokenKind::Amp:
        return "'&'";
    case TokenKind::ParenL:
        return "'('";
    case TokenKind::ParenR:
        return "')'";
    case TokenKind::Spread:
        return "'...'";
    case TokenKind::Colon:
        return "':'";
    case TokenKind::Equals:
        return "'='";
    case TokenKind::At:
        return "'@'";
    case TokenKind::BracketL:
        return "'['";
    case TokenKind::BracketR:
        return "']'";
    case TokenKind::BraceL:
        return "'{'";
    case TokenKind::Pipe:
        return "'|'";
    case TokenKind::BraceR:
        return "'}'";
    case TokenKind::Name:
        return "Name";
    case TokenKind::Int:
        return "Int";
    case TokenKind::Float:
        return "Float";
    case TokenKind::String:
        return "String";
    case TokenKind::BlockString:
        return "BlockString";
    case TokenKind::Comment:
        return "Comment";
    }
    return {};
}

std::string tokenDescription(const Token &token)
{
    std::string description = tokenKindDescription(token.kind);
    switch (token.kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::BlockString:
        description += " '";
        description += token.value;
        description += '\'';
        break;
    default:
        break;
    }
    return description;
}

} // namespace subscope::graphql
