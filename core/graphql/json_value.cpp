#include "json_value.h"

#include "utf8.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace subscope::graphql {

JsonValue::JsonValue(Array items)
    : m_type(Type::Array)
    , m_array(std::make_shared<Array>(std::move(items)))
{}

JsonValue::JsonValue(Object members)
    : m_type(Type::Object)
    , m_object(std::make_shared<Object>(std::move(members)))
{}

const JsonValue::Array &JsonValue::items() const
{
    static const Array empty;
    return m_array ? *m_array : empty;
}

const JsonValue::Object &JsonValue::members() const
{
    static const Object empty;
    return m_object ? *m_object : empty;
}

size_t JsonValue::size() const
{
    if (m_type == Type::Array) return items().size();
    if (m_type == Type::Object) return members().size();
    return 0;
}

const JsonValue *JsonValue::find(std::string_view key) const
{
    if (m_type != Type::Object) return nullptr;
    for (const Member &m : members())
        if (m.first == key) return &m.second;
    return nullptr;
}

JsonValue::Array &JsonValue::mutableItems()
{
    if (!m_array)
        m_array = std::make_shared<Array>();
    else if (m_array.use_count() > 1)
        m_array = std::make_shared<Array>(*m_array);
    return *m_array;
}

JsonValue::Object &JsonValue::mutableMembers()
{
    if (!m_object)
        m_object = std::make_shared<Object>();
    else if (m_object.use_count() > 1)
        m_object = std::make_shared<Object>(*m_object);
    return *m_object;
}

void JsonValue::append(JsonValue value)
{
    m_type = Type::Array;
    mutableItems().push_back(std::move(value));
}

void JsonValue::insert(std::string_view key, JsonValue value)
{
    m_type = Type::Object;
    Object &object = mutableMembers();
    for (Member &m : object) {
        if (m.first == key) {
            m.second = std::move(value);
            return;
        }
    }
    object.emplace_back(std::string(key), std::move(value));
}

bool operator==(const JsonValue &a, const JsonValue &b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.m_type != JsonValue::Type::Double && b.m_type != JsonValue::Type::Double)
            return a.m_type == b.m_type && a.m_int == b.m_int;
        return a.toDouble() == b.toDouble();
    }
    if (a.m_type != b.m_type) return false;
    switch (a.m_type) {
    case JsonValue::Type::Null:
        return true;
    case JsonValue::Type::Bool:
        return a.m_bool == b.m_bool;
    case JsonValue::Type::String:
        return a.m_string == b.m_string;
    case JsonValue::Type::Array:
        return a.items() == b.items();
    case JsonValue::Type::Object: {
        // Objects compare as maps: the same keys with equal values, in any order.
        if (a.members().size() != b.members().size()) return false;
        for (const JsonValue::Member &m : a.members()) {
            const JsonValue *other = b.find(m.first);
            if (!other || !(m.second == *other)) return false;
        }
        return true;
    }
    default:
        return false;
    }
}

std::string pythonFloatRepr(double value)
{
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    char buffer[64];
    auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    Q_UNUSED(ec);
    // buffer holds [-]d[.ddd]e[+-]xx; split it into sign, digits and decimal exponent.
    std::string text(buffer, end);
    std::string sign;
    if (text[0] == '-') {
        sign = "-";
        text.erase(0, 1);
    }
    const size_t e = text.find('e');
    std::string digits = text.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::stoi(text.substr(e + 1));
    const int decimalPoint = exponent + 1; // digits before the point
    std::string result;
    if (decimalPoint <= -4 || decimalPoint > 16) {
        result = digits.substr(0, 1);
        if (digits.size() > 1) result += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        result += exp;
    } else if (decimalPoint <= 0) {
        result = "0." + std::string(size_t(-decimalPoint), '0') + digits;
    } else if (size_t(decimalPoint) >= digits.size()) {
        result = digits + std::string(size_t(decimalPoint) - digits.size(), '0') + ".0";
    } else {
        result = digits.substr(0, size_t(decimalPoint)) + "." + digits.substr(size_t(decimalPoint));
    }
    return sign + result;
}

std::string jsonQuote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (size_t i = 0; i < text.size(); ++i) {
        // A run of characters that need no escape at once.
        size_t end = i;
        while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x20 &&
               text[end] != '"' && text[end] != '\\')
            ++end;
        if (end > i) {
            out.append(text.data() + i, end - i);
            i = end - 1;
            continue;
        }
        const char ch = text[i];
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

void JsonValue::write(std::string &out, int indent, int level) const
{
    auto newline = [&](int depth) {
        if (indent < 0) return;
        out += '\n';
        out.append(size_t(indent * depth), ' ');
    };
    switch (m_type) {
    case Type::Null:
        out += "null";
        break;
    case Type::Bool:
        out += m_bool ? "true" : "false";
        break;
    case Type::Int:
        out += std::to_string(m_int);
        break;
    case Type::UInt:
        out += std::to_string(uint64_t(m_int));
        break;
    case Type::Double:
        out += std::isfinite(m_double) ? pythonFloatRepr(m_double) : std::string("null");
        break;
    case Type::String:
        out += jsonQuote(m_string);
        break;
    case Type::Array: {
        const Array &array = items();
        if (array.empty()) {
            out += "[]";
            break;
        }
        out += '[';
        for (size_t i = 0; i < array.size(); ++i) {
            if (i) out += indent < 0 ? "," : ",";
            newline(level + 1);
            array[i].write(out, indent, level + 1);
        }
        newline(level);
        out += ']';
        break;
    }
    case Type::Object: {
        const Object &object = members();
        if (object.empty()) {
            out += "{}";
            break;
        }
        out += '{';
        for (size_t i = 0; i < object.size(); ++i) {
            if (i) out += ',';
            newline(level + 1);
            out += jsonQuote(object[i].first);
            out += indent < 0 ? ":" : ": ";
            object[i].second.write(out, indent, level + 1);
        }
        newline(level);
        out += '}';
        break;
    }
    }
}

std::string JsonValue::toJson(int indent) const
{
    std::string out;
    write(out, indent, 0);
    return out;
}

QJsonValue JsonValue::toQJsonValue() const
{
    switch (m_type) {
    case Type::Null:
        return QJsonValue::Null;
    case Type::Bool:
        return m_bool;
    case Type::Int:
        return qint64(m_int);
    case Type::UInt:
        return double(uint64_t(m_int));
    case Type::Double:
        return m_double;
    case Type::String:
        return QString::fromStdString(m_string);
    case Type::Array: {
        QJsonArray array;
        for (const JsonValue &v : items())
            array.append(v.toQJsonValue());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const Member &m : members())
            object.insert(QString::fromStdString(m.first), m.second.toQJsonValue());
        return object;
    }
    }
    return {};
}

JsonValue JsonValue::fromQJsonValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        // Qt keeps integers that were written as integers (and fit 64 bits) as integers.
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong) return int64_t(variant.toLongLong());
        return value.toDouble();
    }
    case QJsonValue::String:
        return value.toString().toStdString();
    case QJsonValue::Array: {
        Array array;
        for (const QJsonValue &v : value.toArray())
            array.push_back(fromQJsonValue(v));
        return JsonValue(std::move(array));
    }
    case QJsonValue::Object: {
        Object object;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            object.emplace_back(it.key().toStdString(), fromQJsonValue(it.value()));
        return JsonValue(std::move(object));
    }
    }
    return {};
}

namespace {

class JsonReader
{
public:
    explicit JsonReader(std::string_view text)
        : m_text(text)
    {}

    bool parse(JsonValue *out)
    {
        skipSpace();
        if (!value(out, 0)) return false;
        skipSpace();
        if (m_pos != m_text.size()) return error("unexpected text after the JSON value");
        return true;
    }

    std::string message;
    size_t errorOffset = 0;

private:
    static constexpr int MaxDepth = 512;

    bool error(const std::string &what)
    {
        if (message.empty()) {
            message = what + " at offset " + std::to_string(m_pos);
            errorOffset = m_pos;
        }
        return false;
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word) return error("invalid literal");
        m_pos += word.size();
        return true;
    }
    bool value(JsonValue *out, int depth)
    {
        if (depth > MaxDepth) return error("JSON nested too deeply");
        if (m_pos >= m_text.size()) return error("unexpected end of JSON");
        const char c = m_text[m_pos];
        if (c == 'n') return literal("null") && (*out = JsonValue(), true);
        if (c == 't') return literal("true") && (*out = JsonValue(true), true);
        if (c == 'f') return literal("false") && (*out = JsonValue(false), true);
        if (c == '"') {
            std::string s;
            if (!string(&s)) return false;
            *out = JsonValue(std::move(s));
            return true;
        }
        if (c == '[') {
            ++m_pos;
            JsonValue::Array array;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                *out = JsonValue(std::move(array));
                return true;
            }
            while (true) {
                skipSpace();
                JsonValue item;
                if (!value(&item, depth + 1)) return false;
                array.push_back(std::move(item));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                    ++m_pos;
                    *out = JsonValue(std::move(array));
                    return true;
                }
                return error("expected ',' or ']'");
            }
        }
        if (c == '{') {
            ++m_pos;
            JsonValue object = JsonValue::object();
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                *out = std::move(object);
                return true;
            }
            while (true) {
                skipSpace();
                std::string key;
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return error("expected a member name");
                if (!string(&key)) return false;
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':') return error("expected ':'");
                ++m_pos;
                skipSpace();
                JsonValue member;
                if (!value(&member, depth + 1)) return false;
                object.insert(key, std::move(member)); // a repeated key keeps the last value
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    ++m_pos;
                    *out = std::move(object);
                    return true;
                }
                return error("expected ',' or '}'");
            }
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        return error("unexpected character");
    }
    bool number(JsonValue *out)
    {
        const size_t start = m_pos;
        bool isFloat = false;
        if (m_text[m_pos] == '-') ++m_pos;
        auto digits = [this] {
            const size_t from = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos > from;
        };
        if (m_pos < m_text.size() && m_text[m_pos] == '0')
            ++m_pos;
        else if (!digits())
            return error("invalid number");
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            isFloat = true;
            if (!digits()) return error("invalid number");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            isFloat = true;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            if (!digits()) return error("invalid number");
        }
        const std::string_view text = m_text.substr(start, m_pos - start);
        if (!isFloat) {
            int64_t i = 0;
            auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
            if (ec == std::errc() && p == text.data() + text.size()) {
                *out = JsonValue(i);
                return true;
            }
            uint64_t u = 0;
            auto [up, uec] = std::from_chars(text.data(), text.data() + text.size(), u);
            if (uec == std::errc() && up == text.data() + text.size()) {
                *out = JsonValue(u);
                return true;
            }
        }
        double d = 0;
        std::from_chars(text.data(), text.data() + text.size(), d);
        *out = JsonValue(d);
        return true;
    }
    static int hex(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool hex4(unsigned *out)
    {
        if (m_pos + 4 > m_text.size()) return error("invalid \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(m_text[m_pos + i]);
            if (h < 0) return error("invalid \\u escape");
            v = (v << 4) | unsigned(h);
        }
        m_pos += 4;
        *out = v;
        return true;
    }
    bool string(std::string *out)
    {
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return error("control character in string");
            if (c != '\\') {
                // A run of plain characters at once: request bodies are mostly such runs.
                size_t end = m_pos + 1;
                while (end < m_text.size() && m_text[end] != '"' && m_text[end] != '\\' &&
                       static_cast<unsigned char>(m_text[end]) >= 0x20)
                    ++end;
                out->append(m_text.data() + m_pos, end - m_pos);
                m_pos = end;
                continue;
            }
            ++m_pos;
            if (m_pos >= m_text.size()) break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                *out += '"';
                break;
            case '\\':
                *out += '\\';
                break;
            case '/':
                *out += '/';
                break;
            case 'b':
                *out += '\b';
                break;
            case 'f':
                *out += '\f';
                break;
            case 'n':
                *out += '\n';
                break;
            case 'r':
                *out += '\r';
                break;
            case 't':
                *out += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(&cp)) return false;
                if (cp >= 0xD800 && cp <= 0xDBFF && m_pos + 1 < m_text.size() &&
                    m_text[m_pos] == '\\' && m_text[m_pos + 1] == 'u') {
                    const size_t save = m_pos;
                    m_pos += 2;
                    unsigned low = 0;
                    if (hex4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        message.clear();
                        m_pos = save;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD; // a lone surrogate cannot be UTF-8
                utf8::append(*out, char32_t(cp));
                break;
            }
            default:
                return error("invalid escape");
            }
        }
        return error("unterminated string");
    }

    std::string_view m_text;
    size_t m_pos = 0;
};

} // namespace

bool JsonValue::fromJson(std::string_view text, JsonValue *out, std::string *error,
                         size_t *errorOffset)
{
    JsonReader reader(text);
    if (reader.parse(out)) return true;
    if (error) *error = reader.message;
    if (errorOffset) *errorOffset = reader.errorOffset;
    return false;
}

} // namespace subscope::graphql
