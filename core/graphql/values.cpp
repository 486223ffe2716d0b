#include "values.h"

#include "printer.h"
#include "python_repr.h"
#include "scalars.h"
#include "suggestion.h"
#include "validation/type_info.h"

#include <cmath>
#include <regex>

namespace subscope::graphql {

namespace {

bool isMissingVariable(const ast::Value *node, const JsonValue *variables)
{
    return node->kind == ast::Kind::Variable &&
           (!variables || !variables->find(static_cast<const ast::Variable *>(node)->name.value));
}

const ast::ObjectField *findField(const ast::ObjectValue &object, std::string_view name)
{
    const ast::ObjectField *found = nullptr; // the last one wins, as in graphql-js's keyMap
    for (const ast::ObjectField *f : object.fields)
        if (f->name.value == name) found = f;
    return found;
}

std::string printPath(const std::vector<InputPathElement> &path)
{
    std::string out;
    for (const InputPathElement &e : path)
        out += e.isIndex ? "[" + std::to_string(e.index) + "]" : "." + e.key;
    return out;
}

JsonValue coerceImpl(const JsonValue &input, TypeRef type, const InputErrorHandler &onError,
                     std::vector<InputPathElement> &path)
{
    if (type.isNonNull()) {
        if (!input.isNull()) return coerceImpl(input, type.ofType(), onError, path);
        onError(path, input,
                "Expected non-nullable type '" + type.toString() + "' not to be None.");
        return {};
    }
    if (input.isNull()) return {};
    if (type.isList()) {
        const TypeRef itemType = type.ofType();
        if (input.isArray()) {
            JsonValue list = JsonValue::array();
            size_t index = 0;
            for (const JsonValue &item : input.items()) {
                path.push_back({true, index++, {}});
                list.append(coerceImpl(item, itemType, onError, path));
                path.pop_back();
            }
            return list;
        }
        JsonValue list = JsonValue::array();
        list.append(coerceImpl(input, itemType, onError, path));
        return list;
    }
    const NamedType &named = *type.named();
    if (named.kind == TypeKind::InputObject) {
        if (!input.isObject()) {
            onError(path, input, "Expected type '" + named.name + "' to be a mapping.");
            return {};
        }
        JsonValue object = JsonValue::object();
        for (const InputValue &field : named.inputFields) {
            const JsonValue *fieldValue = input.find(field.name);
            if (!fieldValue) {
                if (field.defaultValue)
                    object.insert(field.name, *field.defaultValue);
                else if (field.type.isNonNull())
                    onError(path, input,
                            "Field '" + field.name + "' of required type '" +
                                field.type.toString() + "' was not provided.");
                continue;
            }
            path.push_back({false, 0, field.name});
            object.insert(field.name, coerceImpl(*fieldValue, field.type, onError, path));
            path.pop_back();
        }
        for (const JsonValue::Member &member : input.members()) {
            if (!named.inputField(member.first)) {
                std::vector<std::string_view> names;
                for (const InputValue &f : named.inputFields)
                    names.push_back(f.name);
                onError(path, input,
                        "Field '" + member.first + "' is not defined by type '" + named.name +
                            "'." + didYouMean(suggestionList(member.first, names)));
            }
        }
        return object;
    }
    Coercion result = parseInputValue(named, input);
    if (!result.ok) {
        onError(path, input,
                result.error.empty() ? "Expected type '" + named.name + "'." : result.error);
        return {};
    }
    return result.value;
}

} // namespace

std::optional<JsonValue> valueFromAst(const ast::Value *node, TypeRef type,
                                      const JsonValue *variables)
{
    if (!node || !type) return std::nullopt;
    if (node->kind == ast::Kind::Variable) {
        const JsonValue *value =
            variables ? variables->find(static_cast<const ast::Variable *>(node)->name.value)
                      : nullptr;
        if (!value || (value->isNull() && type.isNonNull())) return std::nullopt;
        return *value;
    }
    if (type.isNonNull()) {
        if (node->kind == ast::Kind::NullValue) return std::nullopt;
        return valueFromAst(node, type.ofType(), variables);
    }
    if (node->kind == ast::Kind::NullValue) return JsonValue();
    if (type.isList()) {
        const TypeRef itemType = type.ofType();
        if (node->kind == ast::Kind::ListValue) {
            JsonValue list = JsonValue::array();
            for (const ast::Value *item : static_cast<const ast::ListValue *>(node)->values) {
                if (isMissingVariable(item, variables)) {
                    if (itemType.isNonNull()) return std::nullopt;
                    list.append(JsonValue());
                    continue;
                }
                std::optional<JsonValue> value = valueFromAst(item, itemType, variables);
                if (!value) return std::nullopt;
                list.append(std::move(*value));
            }
            return list;
        }
        std::optional<JsonValue> value = valueFromAst(node, itemType, variables);
        if (!value) return std::nullopt;
        JsonValue list = JsonValue::array();
        list.append(std::move(*value));
        return list;
    }
    const NamedType &named = *type.named();
    if (named.kind == TypeKind::InputObject) {
        if (node->kind != ast::Kind::ObjectValue) return std::nullopt;
        const auto &object = *static_cast<const ast::ObjectValue *>(node);
        JsonValue result = JsonValue::object();
        for (const InputValue &field : named.inputFields) {
            const ast::ObjectField *fieldNode = findField(object, field.name);
            if (!fieldNode || isMissingVariable(fieldNode->value, variables)) {
                if (field.defaultValue)
                    result.insert(field.name, *field.defaultValue);
                else if (field.type.isNonNull())
                    return std::nullopt;
                continue;
            }
            std::optional<JsonValue> value = valueFromAst(fieldNode->value, field.type, variables);
            if (!value) return std::nullopt;
            result.insert(field.name, std::move(*value));
        }
        return result;
    }
    if (named.isLeafType()) {
        Coercion result = parseLiteral(named, *node, variables);
        if (!result.ok) return std::nullopt;
        return result.value;
    }
    return std::nullopt;
}

JsonValue coerceInputValue(const JsonValue &input, TypeRef type, const InputErrorHandler &onError)
{
    std::vector<InputPathElement> path;
    return coerceImpl(input, type, onError, path);
}

CoercedVariables coerceVariableValues(const Schema &schema, const ParsedDocument &document,
                                      const ast::OperationDefinition &operation,
                                      const JsonValue &inputs, size_t maxErrors)
{
    CoercedVariables result;
    struct TooManyErrors
    {};
    auto report = [&](std::string message, const ast::Node *node) {
        if (result.errors.size() >= maxErrors) throw TooManyErrors{};
        GraphQLError error{std::move(message), {}};
        if (node) error.locations.push_back(document.location(*node));
        result.errors.push_back(std::move(error));
    };
    try {
        for (const ast::VariableDefinition *definition : operation.variableDefinitions) {
            const std::string_view name = definition->variable->name.value;
            const std::string varName(name);
            const TypeRef type = typeFromAst(schema, *definition->type);
            if (!type || !type.named()->isInputType()) {
                report("Variable '$" + varName + "' expected value of type '" +
                           printType(*definition->type) +
                           "' which cannot be used as an input type.",
                       definition->type);
                continue;
            }
            const JsonValue *input = inputs.isObject() ? inputs.find(name) : nullptr;
            if (!input) {
                if (definition->defaultValue) {
                    if (std::optional<JsonValue> v =
                            valueFromAst(definition->defaultValue, type, nullptr))
                        result.values.insert(name, std::move(*v));
                } else if (type.isNonNull()) {
                    report("Variable '$" + varName + "' of required type '" + type.toString() +
                               "' was not provided.",
                           definition);
                }
                continue;
            }
            if (input->isNull() && type.isNonNull()) {
                report("Variable '$" + varName + "' of non-null type '" + type.toString() +
                           "' must not be null.",
                       definition);
                continue;
            }
            JsonValue coerced = coerceInputValue(
                *input, type,
                [&](const std::vector<InputPathElement> &path, const JsonValue &invalid,
                    const std::string &message) {
                    std::string prefix =
                        "Variable '$" + varName + "' got invalid value " + pythonInspect(invalid);
                    if (!path.empty()) prefix += " at '" + varName + printPath(path) + "'";
                    report(prefix + "; " + message, definition);
                });
            result.values.insert(name, std::move(coerced));
        }
    } catch (const TooManyErrors &) {
        result.errors.push_back(
            {"Too many errors processing variables, error limit reached. Execution aborted.", {}});
    }
    return result;
}

ArgumentValues argumentValues(const std::vector<InputValue> &definitions,
                              const ast::List<ast::Argument> &arguments, uint32_t nodeOffset,
                              const JsonValue &variables, const ParsedDocument &document)
{
    ArgumentValues result;
    auto fail = [&](std::string message, uint32_t offset) {
        result.error = GraphQLError{std::move(message), {document.location(offset)}};
        return result;
    };
    for (const InputValue &definition : definitions) {
        const ast::Argument *argument = nullptr;
        for (const ast::Argument *a : arguments)
            if (a->name.value == definition.name) argument = a; // the last one wins
        if (!argument) {
            if (definition.defaultValue)
                result.values.insert(definition.name, *definition.defaultValue);
            else if (definition.type.isNonNull())
                return fail("Argument '" + definition.name + "' of required type '" +
                                definition.type.toString() + "' was not provided.",
                            nodeOffset);
            continue;
        }
        const ast::Value *valueNode = argument->value;
        bool isNull = valueNode->kind == ast::Kind::NullValue;
        if (valueNode->kind == ast::Kind::Variable) {
            const std::string_view variableName =
                static_cast<const ast::Variable *>(valueNode)->name.value;
            const JsonValue *value = variables.find(variableName);
            if (!value) {
                if (definition.defaultValue)
                    result.values.insert(definition.name, *definition.defaultValue);
                else if (definition.type.isNonNull())
                    return fail("Argument '" + definition.name + "' of required type '" +
                                    definition.type.toString() + "' was provided the variable '$" +
                                    std::string(variableName) +
                                    "' which was not provided a runtime value.",
                                valueNode->start);
                continue;
            }
            isNull = value->isNull();
        }
        if (isNull && definition.type.isNonNull())
            return fail("Argument '" + definition.name + "' of non-null type '" +
                            definition.type.toString() + "' must not be null.",
                        valueNode->start);
        std::optional<JsonValue> coerced = valueFromAst(valueNode, definition.type, &variables);
        if (!coerced)
            return fail("Argument '" + definition.name + "' has invalid value " +
                            printValue(*valueNode) + ".",
                        valueNode->start);
        result.values.insert(definition.name, std::move(*coerced));
        result.provided.push_back(definition.name);
    }
    return result;
}

std::optional<std::string> printInputValue(const JsonValue &value, TypeRef type)
{
    if (type.isNonNull()) {
        std::optional<std::string> inner = printInputValue(value, type.ofType());
        if (inner && *inner == "null") return std::nullopt;
        return inner;
    }
    if (value.isNull()) return std::string("null");
    if (type.isList()) {
        if (value.isArray()) {
            std::string out = "[";
            bool first = true;
            for (const JsonValue &item : value.items()) {
                std::optional<std::string> itemText = printInputValue(item, type.ofType());
                if (!itemText) continue;
                if (!first) out += ", ";
                first = false;
                out += *itemText;
            }
            return out + "]";
        }
        return printInputValue(value, type.ofType());
    }
    const NamedType &named = *type.named();
    if (named.kind == TypeKind::InputObject) {
        if (!value.isObject()) return std::nullopt;
        std::string out = "{";
        bool first = true;
        for (const InputValue &field : named.inputFields) {
            const JsonValue *fieldValue = value.find(field.name);
            if (!fieldValue) continue;
            std::optional<std::string> fieldText = printInputValue(*fieldValue, field.type);
            if (!fieldText) continue;
            if (!first) out += ", ";
            first = false;
            out += field.name + ": " + *fieldText;
        }
        return out + "}";
    }
    Coercion serialized = serializeLeaf(named, value);
    if (!serialized.ok || serialized.value.isNull()) return std::nullopt;
    const JsonValue &v = serialized.value;
    if (v.isBool()) return std::string(v.toBool() ? "true" : "false");
    if (v.isInt()) return std::to_string(v.toInt());
    if (v.isDouble()) {
        if (!std::isfinite(v.toDouble())) return std::nullopt;
        std::string text = pythonFloatRepr(v.toDouble());
        if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
            text.resize(text.size() - 2);
        return text;
    }
    if (v.isString()) {
        if (named.kind == TypeKind::Enum) return v.toString();
        static const std::regex integer("^-?(?:0|[1-9][0-9]*)$");
        if (named.builtIn && named.name == "ID" && std::regex_match(v.toString(), integer))
            return v.toString();
        return printString(v.toString());
    }
    return std::nullopt;
}

} // namespace subscope::graphql
