#include "groups.h"

namespace subscope::graphql {

namespace {

constexpr size_t MaxGroupNameLength = 99;

bool isGroupChar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

} // namespace

std::optional<GroupsSpec::Template> parseGroupTemplate(std::string_view text, std::string *error)
{
    GroupsSpec::Template result;
    result.source = std::string(text);
    std::string literal;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') {
            *error = "has a '}' without a matching '{'";
            return std::nullopt;
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        const size_t close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            *error = "has a '{' without a matching '}'";
            return std::nullopt;
        }
        const std::string_view name = text.substr(i + 1, close - i - 1);
        if (name.empty() || name.find('{') != std::string_view::npos) {
            *error = "has a placeholder without an argument name";
            return std::nullopt;
        }
        if (!literal.empty()) result.parts.push_back({false, std::move(literal)});
        literal.clear();
        result.parts.push_back({true, std::string(name)});
        i = close;
    }
    if (!literal.empty()) result.parts.push_back({false, std::move(literal)});
    return result;
}

bool isValidGroupName(std::string_view name)
{
    if (name.empty() || name.size() > MaxGroupNameLength) return false;
    for (char c : name)
        if (!isGroupChar(static_cast<unsigned char>(c))) return false;
    return true;
}

std::string normalizeGroupName(std::string_view name)
{
    std::string out;
    for (size_t i = 0; i < name.size() && out.size() < MaxGroupNameLength; ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            out += isGroupChar(c) ? char(c) : '_';
            continue;
        }
        // One '_' per non-ASCII character, as Python's re.sub over a str gives.
        out += '_';
        while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80)
            ++i;
    }
    return out;
}

} // namespace subscope::graphql
