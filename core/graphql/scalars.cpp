#include "scalars.h"

#include "printer.h"
#include "python_repr.h"
#include "suggestion.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace subscope::graphql {

namespace {

constexpr int64_t MinInt = -2147483648LL;
constexpr int64_t MaxInt = 2147483647LL;

bool isBuiltIn(const NamedType &type, std::string_view name)
{
    return type.builtIn && type.name == name;
}

// An integral JSON number, or a float with an integral value (Python's is_integer).
bool isIntegral(const JsonValue &v)
{
    if (v.isInt() || v.isUInt()) return true;
    if (v.isDouble()) {
        const double d = v.toDouble();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

double parseDouble(std::string_view text)
{
    double d = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec == std::errc::result_out_of_range) {
        // Python's float() gives inf for 1e400 and 0.0 for 1e-400.
        const bool negative = !text.empty() && text[0] == '-';
        const size_t e = text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && text.substr(e + 1, 1) == "-";
        return tiny ? (negative ? -0.0 : 0.0) : (negative ? -INFINITY : INFINITY);
    }
    return d;
}

std::string didYouMeanEnumValue(const NamedType &enumType, std::string_view unknown)
{
    std::vector<std::string_view> names;
    for (const EnumValueDefinition &v : enumType.enumValues)
        names.push_back(v.name);
    return didYouMean(suggestionList(unknown, names), "the enum value");
}

Coercion parseEnumLiteral(const NamedType &type, const ast::Value &node)
{
    const std::string valueText = printValue(node);
    if (node.kind == ast::Kind::EnumValue) {
        const std::string_view name = static_cast<const ast::EnumValue &>(node).value;
        if (type.enumValue(name)) return Coercion::success(std::string(name));
        return Coercion::failure("Value '" + valueText + "' does not exist in '" + type.name +
                                 "' enum." + didYouMeanEnumValue(type, valueText));
    }
    return Coercion::failure("Enum '" + type.name + "' cannot represent non-enum value: " +
                             valueText + "." + didYouMeanEnumValue(type, valueText));
}

} // namespace

JsonValue valueFromAstUntyped(const ast::Value &node, const JsonValue *variables)
{
    switch (node.kind) {
    case ast::Kind::NullValue:
        return {};
    case ast::Kind::IntValue: {
        const std::string_view text = static_cast<const ast::IntValue &>(node).value;
        int64_t i = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
        if (ec == std::errc()) return i;
        return parseDouble(text);
    }
    case ast::Kind::FloatValue:
        return parseDouble(static_cast<const ast::FloatValue &>(node).value);
    case ast::Kind::StringValue:
        return std::string(static_cast<const ast::StringValue &>(node).value);
    case ast::Kind::EnumValue:
        return std::string(static_cast<const ast::EnumValue &>(node).value);
    case ast::Kind::BooleanValue:
        return static_cast<const ast::BooleanValue &>(node).value;
    case ast::Kind::ListValue: {
        JsonValue list = JsonValue::array();
        for (const ast::Value *item : static_cast<const ast::ListValue &>(node).values)
            list.append(valueFromAstUntyped(*item, variables));
        return list;
    }
    case ast::Kind::ObjectValue: {
        JsonValue object = JsonValue::object();
        for (const ast::ObjectField *field : static_cast<const ast::ObjectValue &>(node).fields)
            object.insert(field->name.value, valueFromAstUntyped(*field->value, variables));
        return object;
    }
    case ast::Kind::Variable: {
        const auto &name = static_cast<const ast::Variable &>(node).name.value;
        if (variables)
            if (const JsonValue *v = variables->find(name)) return *v;
        return {};
    }
    default:
        return {};
    }
}

Coercion parseLiteral(const NamedType &type, const ast::Value &node, const JsonValue *variables)
{
    if (type.kind == TypeKind::Enum) return parseEnumLiteral(type, node);
    if (isBuiltIn(type, "Int")) {
        if (node.kind != ast::Kind::IntValue)
            return Coercion::failure("Int cannot represent non-integer value: " + printValue(node));
        const std::string_view text = static_cast<const ast::IntValue &>(node).value;
        int64_t i = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
        if (ec != std::errc() || i < MinInt || i > MaxInt)
            return Coercion::failure("Int cannot represent non 32-bit signed integer value: " +
                                     std::string(text));
        return Coercion::success(i);
    }
    if (isBuiltIn(type, "Float")) {
        if (node.kind != ast::Kind::FloatValue && node.kind != ast::Kind::IntValue)
            return Coercion::failure("Float cannot represent non numeric value: " +
                                     printValue(node));
        const std::string_view text = node.kind == ast::Kind::FloatValue
                                          ? static_cast<const ast::FloatValue &>(node).value
                                          : static_cast<const ast::IntValue &>(node).value;
        return Coercion::success(parseDouble(text));
    }
    if (isBuiltIn(type, "String")) {
        if (node.kind != ast::Kind::StringValue)
            return Coercion::failure("String cannot represent a non string value: " +
                                     printValue(node));
        return Coercion::success(std::string(static_cast<const ast::StringValue &>(node).value));
    }
    if (isBuiltIn(type, "Boolean")) {
        if (node.kind != ast::Kind::BooleanValue)
            return Coercion::failure("Boolean cannot represent a non boolean value: " +
                                     printValue(node));
        return Coercion::success(static_cast<const ast::BooleanValue &>(node).value);
    }
    if (isBuiltIn(type, "ID")) {
        if (node.kind == ast::Kind::StringValue)
            return Coercion::success(
                std::string(static_cast<const ast::StringValue &>(node).value));
        if (node.kind == ast::Kind::IntValue)
            return Coercion::success(std::string(static_cast<const ast::IntValue &>(node).value));
        return Coercion::failure("ID cannot represent a non-string and non-integer value: " +
                                 printValue(node));
    }
    // A custom scalar takes any literal as it is.
    if (node.kind == ast::Kind::Variable &&
        !(variables && variables->find(static_cast<const ast::Variable &>(node).name.value)))
        return {};
    return Coercion::success(valueFromAstUntyped(node, variables));
}

Coercion parseInputValue(const NamedType &type, const JsonValue &input)
{
    if (type.kind == TypeKind::Enum) {
        if (input.isString()) {
            if (type.enumValue(input.toString())) return Coercion::success(input);
            return Coercion::failure("Value '" + input.toString() + "' does not exist in '" +
                                     type.name + "' enum." +
                                     didYouMeanEnumValue(type, input.toString()));
        }
        const std::string valueText = pythonInspect(input);
        return Coercion::failure("Enum '" + type.name + "' cannot represent non-string value: " +
                                 valueText + "." + didYouMeanEnumValue(type, valueText));
    }
    if (isBuiltIn(type, "Int")) {
        if (!isIntegral(input))
            return Coercion::failure("Int cannot represent non-integer value: " +
                                     pythonInspect(input));
        const double d = input.toDouble();
        if (input.isInt() ? (input.toInt() < MinInt || input.toInt() > MaxInt)
                          : (d < MinInt || d > MaxInt))
            return Coercion::failure("Int cannot represent non 32-bit signed integer value: " +
                                     pythonInspect(input));
        return Coercion::success(input.toInt());
    }
    if (isBuiltIn(type, "Float")) {
        if (!input.isNumber() || !std::isfinite(input.toDouble()))
            return Coercion::failure("Float cannot represent non numeric value: " +
                                     pythonInspect(input));
        return Coercion::success(input.toDouble());
    }
    if (isBuiltIn(type, "String")) {
        if (!input.isString())
            return Coercion::failure("String cannot represent a non string value: " +
                                     pythonInspect(input));
        return Coercion::success(input);
    }
    if (isBuiltIn(type, "Boolean")) {
        if (!input.isBool())
            return Coercion::failure("Boolean cannot represent a non boolean value: " +
                                     pythonInspect(input));
        return Coercion::success(input);
    }
    if (isBuiltIn(type, "ID")) {
        if (input.isString()) return Coercion::success(input);
        if (isIntegral(input))
            return Coercion::success(input.isInt()    ? std::to_string(input.toInt())
                                     : input.isUInt() ? std::to_string(input.toUInt())
                                                      : std::to_string(int64_t(input.toDouble())));
        return Coercion::failure("ID cannot represent value: " + pythonInspect(input));
    }
    return Coercion::success(input); // custom scalars take JSON as it is
}

Coercion serializeLeaf(const NamedType &type, const JsonValue &value)
{
    if (type.kind == TypeKind::Enum) {
        if (value.isString() && type.enumValue(value.toString())) return Coercion::success(value);
        return Coercion::failure("Enum '" + type.name +
                                 "' cannot represent value: " + pythonInspect(value));
    }
    if (isBuiltIn(type, "Int")) {
        if (value.isBool()) return Coercion::success(int64_t(value.toBool() ? 1 : 0));
        JsonValue number = value;
        if (value.isString()) {
            const std::string &s = value.toString();
            int64_t i = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
            if (s.empty() || ec != std::errc() || p != s.data() + s.size())
                return Coercion::failure("Int cannot represent non-integer value: " +
                                         pythonInspect(value));
            number = i;
        }
        if (!isIntegral(number))
            return Coercion::failure("Int cannot represent non-integer value: " +
                                     pythonInspect(value));
        const double d = number.toDouble();
        if (number.isInt() ? (number.toInt() < MinInt || number.toInt() > MaxInt)
                           : (d < MinInt || d > MaxInt))
            return Coercion::failure("Int cannot represent non 32-bit signed integer value: " +
                                     pythonInspect(value));
        return Coercion::success(number.toInt());
    }
    if (isBuiltIn(type, "Float")) {
        if (value.isBool()) return Coercion::success(int64_t(value.toBool() ? 1 : 0));
        if (value.isNumber() && std::isfinite(value.toDouble()))
            return Coercion::success(value.toDouble());
        if (value.isString() && !value.toString().empty()) {
            const std::string &s = value.toString();
            double d = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
            if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(d))
                return Coercion::success(d);
        }
        return Coercion::failure("Float cannot represent non numeric value: " +
                                 pythonInspect(value));
    }
    if (isBuiltIn(type, "String")) {
        if (value.isString()) return Coercion::success(value);
        if (value.isBool()) return Coercion::success(value.toBool() ? "true" : "false");
        if (value.isInt()) return Coercion::success(std::to_string(value.toInt()));
        if (value.isUInt()) return Coercion::success(std::to_string(value.toUInt()));
        if (value.isDouble() && std::isfinite(value.toDouble()))
            return Coercion::success(pythonFloatRepr(value.toDouble()));
        return Coercion::failure("String cannot represent value: " + pythonInspect(value));
    }
    if (isBuiltIn(type, "Boolean")) {
        if (value.isBool()) return Coercion::success(value);
        if (value.isNumber() && std::isfinite(value.toDouble()))
            return Coercion::success(value.toDouble() != 0);
        return Coercion::failure("Boolean cannot represent a non boolean value: " +
                                 pythonInspect(value));
    }
    if (isBuiltIn(type, "ID")) {
        if (value.isString()) return Coercion::success(value);
        if (isIntegral(value))
            return Coercion::success(value.isInt()    ? std::to_string(value.toInt())
                                     : value.isUInt() ? std::to_string(value.toUInt())
                                                      : std::to_string(int64_t(value.toDouble())));
        return Coercion::failure("ID cannot represent value: " + pythonInspect(value));
    }
    return Coercion::success(value);
}

} // namespace subscope::graphql
