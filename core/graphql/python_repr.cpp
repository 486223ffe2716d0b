#include "python_repr.h"

#include "utf8.h"

#include <QChar>

#include <cstdio>
#include <vector>

namespace subscope::graphql {

namespace {

constexpr size_t MaxRecursiveDepth = 2;
constexpr size_t MaxStringSize = 240;
constexpr size_t MaxListSize = 10;

bool isPrintable(char32_t c)
{
    if (c == ' ') return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

// Cuts a long repr in the middle, as graphql-core's trunc_str does (counting characters).
std::string truncate(const std::string &text)
{
    std::vector<size_t> starts; // byte offset of each character
    for (size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
    if (starts.size() <= MaxStringSize) return text;
    const size_t head = (MaxStringSize - 3) / 2;
    const size_t tail = MaxStringSize - 3 - head;
    return text.substr(0, starts[head]) + "..." + text.substr(starts[starts.size() - tail]);
}

void inspectTo(std::string &out, const JsonValue &value, size_t depth)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        out += "None";
        return;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "True" : "False";
        return;
    case JsonValue::Type::Int:
        out += truncate(std::to_string(value.toInt()));
        return;
    case JsonValue::Type::UInt:
        out += truncate(std::to_string(value.toUInt()));
        return;
    case JsonValue::Type::Double:
        out += pythonFloatRepr(value.toDouble());
        return;
    case JsonValue::Type::String:
        out += truncate(pythonStringRepr(value.toString()));
        return;
    case JsonValue::Type::Array:
    case JsonValue::Type::Object:
        break;
    }
    const bool isList = value.isArray();
    if (value.size() == 0) {
        out += isList ? "[]" : "{}";
        return;
    }
    if (depth >= MaxRecursiveDepth) {
        out += isList ? "[...]" : "{...}";
        return;
    }
    const size_t count = value.size();
    // Long lists keep their first five and last four items around "...".
    std::vector<long> indices;
    if (count > MaxListSize) {
        for (size_t i = 0; i < MaxListSize / 2; ++i)
            indices.push_back(long(i));
        indices.push_back(-1);
        for (size_t i = count - (MaxListSize / 2 - 1); i < count; ++i)
            indices.push_back(long(i));
    } else {
        for (size_t i = 0; i < count; ++i)
            indices.push_back(long(i));
    }
    out += isList ? '[' : '{';
    bool first = true;
    for (long index : indices) {
        if (!first) out += ", ";
        first = false;
        if (index < 0) {
            out += "...";
        } else if (isList) {
            inspectTo(out, value.items()[size_t(index)], depth + 1);
        } else {
            const auto &member = value.members()[size_t(index)];
            out += truncate(pythonStringRepr(member.first));
            out += ": ";
            inspectTo(out, member.second, depth + 1);
        }
    }
    out += isList ? ']' : '}';
}

} // namespace

std::string pythonStringRepr(std::string_view text)
{
    const bool hasSingle = text.find('\'') != std::string_view::npos;
    const bool hasDouble = text.find('"') != std::string_view::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out;
    out.reserve(text.size() + 2);
    out += quote;
    size_t i = 0;
    while (i < text.size()) {
        uint32_t length = 0;
        const char32_t c = utf8::decode(text, i, &length);
        i += length;
        char buffer[16];
        if (c == char32_t(quote) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            std::snprintf(buffer, sizeof buffer, "\\x%02x", unsigned(c));
            out += buffer;
        } else if (c < 0x7F) {
            out += char(c);
        } else if (isPrintable(c)) {
            utf8::append(out, c);
        } else {
            if (c <= 0xFF)
                std::snprintf(buffer, sizeof buffer, "\\x%02x", unsigned(c));
            else if (c <= 0xFFFF)
                std::snprintf(buffer, sizeof buffer, "\\u%04x", unsigned(c));
            else
                std::snprintf(buffer, sizeof buffer, "\\U%08x", unsigned(c));
            out += buffer;
        }
    }
    out += quote;
    return out;
}

std::string pythonInspect(const JsonValue &value)
{
    std::string out;
    inspectTo(out, value, 0);
    return out;
}

} // namespace subscope::graphql
