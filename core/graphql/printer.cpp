#include "printer.h"

#include <cstdio>
#include <vector>

namespace subscope::graphql {

namespace {

void printValueTo(std::string &out, const ast::Value &value)
{
    switch (value.kind) {
    case ast::Kind::Variable:
        out += '$';
        out += static_cast<const ast::Variable &>(value).name.value;
        break;
    case ast::Kind::IntValue:
        out += static_cast<const ast::IntValue &>(value).value;
        break;
    case ast::Kind::FloatValue:
        out += static_cast<const ast::FloatValue &>(value).value;
        break;
    case ast::Kind::StringValue: {
        const auto &string = static_cast<const ast::StringValue &>(value);
        out += string.block ? printBlockString(string.value) : printString(string.value);
        break;
    }
    case ast::Kind::BooleanValue:
        out += static_cast<const ast::BooleanValue &>(value).value ? "true" : "false";
        break;
    case ast::Kind::NullValue:
        out += "null";
        break;
    case ast::Kind::EnumValue:
        out += static_cast<const ast::EnumValue &>(value).value;
        break;
    case ast::Kind::ListValue: {
        out += '[';
        bool first = true;
        for (const ast::Value *item : static_cast<const ast::ListValue &>(value).values) {
            if (!first) out += ", ";
            first = false;
            printValueTo(out, *item);
        }
        out += ']';
        break;
    }
    case ast::Kind::ObjectValue: {
        out += '{';
        bool first = true;
        for (const ast::ObjectField *field : static_cast<const ast::ObjectValue &>(value).fields) {
            if (!first) out += ", ";
            first = false;
            out += field->name.value;
            out += ": ";
            printValueTo(out, *field->value);
        }
        out += '}';
        break;
    }
    default:
        break;
    }
}

bool isWhiteSpace(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

std::string printValue(const ast::Value &value)
{
    std::string out;
    printValueTo(out, value);
    return out;
}

std::string printType(const ast::Type &type)
{
    switch (type.kind) {
    case ast::Kind::NamedType:
        return std::string(static_cast<const ast::NamedType &>(type).name.value);
    case ast::Kind::ListType:
        return '[' + printType(*static_cast<const ast::ListType &>(type).type) + ']';
    case ast::Kind::NonNullType:
        return printType(*static_cast<const ast::NonNullType &>(type).type) + '!';
    default:
        return {};
    }
}

std::string printString(std::string_view value)
{
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        char buffer[8];
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                std::snprintf(buffer, sizeof buffer, "\\u%04X", c);
                out += buffer;
            }
        } else if (c == 0xC2 && i + 1 < value.size() &&
                   static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
            // C1 control characters U+0080..U+009F are escaped too.
            std::snprintf(buffer, sizeof buffer, "\\u%04X",
                          static_cast<unsigned char>(value[i + 1]));
            out += buffer;
            ++i;
        } else {
            out += char(c);
        }
    }
    out += '"';
    return out;
}

std::string printBlockString(std::string_view value)
{
    std::string escaped;
    for (size_t i = 0; i < value.size(); ++i) {
        if (value.substr(i, 3) == "\"\"\"") {
            escaped += "\\\"\"\"";
            i += 2;
        } else {
            escaped += value[i];
        }
    }
    // Split into lines on \r\n, \n or \r.
    std::vector<std::string_view> lines;
    {
        const std::string_view text(escaped);
        size_t start = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n' || text[i] == '\r') {
                lines.push_back(text.substr(start, i - start));
                if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                start = i + 1;
            }
        }
        lines.push_back(text.substr(start));
    }
    const bool isSingleLine = lines.size() == 1;
    bool forceLeadingNewLine = lines.size() > 1;
    for (size_t i = 1; i < lines.size() && forceLeadingNewLine; ++i)
        forceLeadingNewLine = lines[i].empty() || isWhiteSpace(lines[i][0]);
    const bool hasTrailingTripleQuotes =
        escaped.size() >= 4 && std::string_view(escaped).substr(escaped.size() - 4) == "\\\"\"\"";
    const bool hasTrailingQuote = !value.empty() && value.back() == '"' && !hasTrailingTripleQuotes;
    const bool hasTrailingSlash = !value.empty() && value.back() == '\\';
    const bool forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
    // graphql-js measures the length in UTF-16 code units; count code points, as Python does.
    size_t length = 0;
    for (char c : value)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
    const bool printAsMultipleLines = !isSingleLine || length > 70 || forceTrailingNewline ||
                                      forceLeadingNewLine || hasTrailingTripleQuotes;
    std::string result;
    const bool skipLeadingNewLine = isSingleLine && !value.empty() && isWhiteSpace(value[0]);
    if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) result += '\n';
    result += escaped;
    if (printAsMultipleLines || forceTrailingNewline) result += '\n';
    return "\"\"\"" + result + "\"\"\"";
}

bool isPrintableAsBlockString(std::string_view value)
{
    if (value.empty()) return true;
    bool isEmptyLine = true;
    bool hasIndent = false;
    bool hasCommonIndent = true;
    bool seenNonEmptyLine = false;
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case 0x00:
        case 0x01:
        case 0x02:
        case 0x03:
        case 0x04:
        case 0x05:
        case 0x06:
        case 0x07:
        case 0x08:
        case 0x0B:
        case 0x0C:
        case 0x0E:
        case 0x0F:
            return false; // non-printable characters
        case '\r':
            return false; // \r or \r\n would read back as \n
        case '\n':
            if (isEmptyLine && !seenNonEmptyLine) return false; // a leading new line
            seenNonEmptyLine = true;
            isEmptyLine = true;
            hasIndent = false;
            break;
        case '\t':
        case ' ':
            hasIndent = hasIndent || isEmptyLine;
            break;
        default:
            hasCommonIndent = hasCommonIndent && hasIndent;
            isEmptyLine = false;
        }
    }
    if (isEmptyLine) return false;                         // trailing empty lines
    if (hasCommonIndent && seenNonEmptyLine) return false; // internal indentation
    return true;
}

} // namespace subscope::graphql
