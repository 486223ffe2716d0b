#pragma once

#include <QJsonValue>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace subscope::graphql {

// A JSON value whose objects keep their insertion order (GraphQL responses are ordered as the
// selection asks) and whose numbers remember whether they were written as integers, as Python's
// json module does: graphql-core's messages print 5 and 5.0 differently. Arrays and objects are
// shared between copies until one of them is changed.
class JsonValue
{
public:
    enum class Type : uint8_t
    {
        Null,
        Bool,
        Int,
        UInt, // an integer above INT64_MAX (up to UINT64_MAX, as msgpack allows)
        Double,
        String,
        Array,
        Object
    };
    using Member = std::pair<std::string, JsonValue>;
    using Array = std::vector<JsonValue>;
    using Object = std::vector<Member>;

    JsonValue() = default;
    JsonValue(std::nullptr_t) {}
    JsonValue(bool b)
        : m_type(Type::Bool)
        , m_bool(b)
    {}
    JsonValue(int i)
        : m_type(Type::Int)
        , m_int(i)
    {}
    JsonValue(int64_t i)
        : m_type(Type::Int)
        , m_int(i)
    {}
    // Int when it fits int64_t, else UInt.
    JsonValue(uint64_t u)
        : m_type(u > uint64_t(INT64_MAX) ? Type::UInt : Type::Int)
        , m_int(int64_t(u))
    {}
    JsonValue(double d)
        : m_type(Type::Double)
        , m_double(d)
    {}
    JsonValue(std::string s)
        : m_type(Type::String)
        , m_string(std::move(s))
    {}
    JsonValue(std::string_view s)
        : m_type(Type::String)
        , m_string(s)
    {}
    JsonValue(const char *s)
        : m_type(Type::String)
        , m_string(s)
    {}
    JsonValue(Array items);
    JsonValue(Object members);
    static JsonValue array() { return JsonValue(Array{}); }
    static JsonValue object() { return JsonValue(Object{}); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; }
    bool isDouble() const { return m_type == Type::Double; }
    bool isUInt() const { return m_type == Type::UInt; }
    bool isNumber() const
    {
        return m_type == Type::Int || m_type == Type::UInt || m_type == Type::Double;
    }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool toBool() const { return m_bool; }
    int64_t toInt() const { return m_type == Type::Int ? m_int : int64_t(m_double); }
    uint64_t toUInt() const { return uint64_t(m_int); } // UInt (or a non-negative Int)
    double toDouble() const
    {
        return m_type == Type::Double ? m_double
               : m_type == Type::UInt ? double(uint64_t(m_int))
                                      : double(m_int);
    }
    const std::string &toString() const { return m_string; }

    const Array &items() const;
    const Object &members() const;
    size_t size() const;
    const JsonValue *find(std::string_view key) const;

    void append(JsonValue value);
    // Sets `key`, keeping its place if it is already there, else appending it.
    void insert(std::string_view key, JsonValue value);

    // Compact JSON, or indented by `indent` spaces per level. Doubles are written the way
    // Python writes them (5.0, 1e+16); NaN and infinities become null.
    std::string toJson(int indent = -1) const;
    QJsonValue toQJsonValue() const;
    static JsonValue fromQJsonValue(const QJsonValue &value);
    // Parses JSON text, keeping member order and integer-ness. Returns false on invalid JSON,
    // with the message and the byte offset where the text went wrong.
    static bool fromJson(std::string_view text, JsonValue *out, std::string *error = nullptr,
                         size_t *errorOffset = nullptr);

    friend bool operator==(const JsonValue &a, const JsonValue &b);

private:
    Array &mutableItems();
    Object &mutableMembers();
    void write(std::string &out, int indent, int level) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    int64_t m_int = 0; // UInt: the bits of the uint64_t
    double m_double = 0;
    std::string m_string;
    std::shared_ptr<Array> m_array;
    std::shared_ptr<Object> m_object;
};

// How Python's repr() writes a float: shortest round-trip digits, "5.0", "1e+16", "inf".
std::string pythonFloatRepr(double value);
// A string as a JSON string literal (with quotes), non-ASCII kept as UTF-8.
std::string jsonQuote(std::string_view text);

} // namespace subscope::graphql
