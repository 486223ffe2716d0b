#include "schema_printer.h"

#include "printer.h"
#include "values.h"

namespace subscope::graphql {

namespace {

constexpr const char *DefaultDeprecationReason = "No longer supported";

bool isSpecifiedDirective(const DirectiveDefinition &d)
{
    return d.builtIn;
}

std::string printDescription(const std::optional<std::string> &description,
                             const std::string &indentation = {}, bool firstInBlock = true)
{
    if (!description) return {};
    std::string literal = isPrintableAsBlockString(*description) ? printBlockString(*description)
                                                                 : printString(*description);
    std::string indented;
    for (char c : literal) {
        indented += c;
        if (c == '\n') indented += indentation;
    }
    const std::string prefix =
        !indentation.empty() && !firstInBlock ? "\n" + indentation : indentation;
    return prefix + indented + "\n";
}

std::string printDeprecated(const Deprecation &d)
{
    if (!d.deprecated) return {};
    if (d.reason && *d.reason != DefaultDeprecationReason)
        return " @deprecated(reason: " + printString(*d.reason) + ")";
    return " @deprecated";
}

std::string printInputValueDefinition(const InputValue &v)
{
    std::string out = v.name + ": " + v.type.toString();
    if (v.defaultValue)
        if (std::optional<std::string> text = printInputValue(*v.defaultValue, v.type))
            out += " = " + *text;
    return out + printDeprecated(v.deprecation);
}

std::string printArgs(const std::vector<InputValue> &args, const std::string &indentation = {})
{
    if (args.empty()) return {};
    bool anyDescription = false;
    for (const InputValue &a : args)
        anyDescription = anyDescription || a.description.has_value();
    std::string out;
    if (!anyDescription) {
        out = "(";
        for (size_t i = 0; i < args.size(); ++i)
            out += (i ? ", " : "") + printInputValueDefinition(args[i]);
        return out + ")";
    }
    out = "(\n";
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) out += "\n";
        out += printDescription(args[i].description, "  " + indentation, i == 0) + "  " +
               indentation + printInputValueDefinition(args[i]);
    }
    return out + "\n" + indentation + ")";
}

std::string printBlock(const std::vector<std::string> &items)
{
    if (items.empty()) return {};
    std::string out = " {\n";
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? "\n" : "") + items[i];
    return out + "\n}";
}

std::string printGroups(const GroupsSpec &groups)
{
    std::string out = " @groups(names: [";
    for (size_t i = 0; i < groups.templates.size(); ++i)
        out += (i ? ", " : "") + printString(groups.templates[i].source);
    out += "]";
    if (!groups.subscripeIsLegacy) out += ", subscripeIsLegacy: false";
    return out + ")";
}

std::string printFields(const NamedType &type)
{
    std::vector<std::string> items;
    for (size_t i = 0; i < type.fields.size(); ++i) {
        const FieldDefinition &f = type.fields[i];
        std::string item = printDescription(f.description, "  ", i == 0) + "  " + f.name +
                           printArgs(f.arguments, "  ") + ": " + f.type.toString() +
                           printDeprecated(f.deprecation);
        if (f.groups) item += printGroups(*f.groups);
        items.push_back(std::move(item));
    }
    return printBlock(items);
}

std::string printInterfaces(const NamedType &type)
{
    if (type.interfaces.empty()) return {};
    std::string out = " implements ";
    for (size_t i = 0; i < type.interfaces.size(); ++i)
        out += (i ? " & " : "") + type.interfaces[i]->name;
    return out;
}

std::string printType(const NamedType &type)
{
    std::string out = printDescription(type.description);
    switch (type.kind) {
    case TypeKind::Scalar:
        out += "scalar " + type.name;
        if (type.specifiedByURL)
            out += " @specifiedBy(url: " + printString(*type.specifiedByURL) + ")";
        return out;
    case TypeKind::Object:
        out += "type " + type.name + printInterfaces(type);
        if (type.modelName)
            out += *type.modelName == type.name
                       ? " @model"
                       : " @model(name: " + printString(*type.modelName) + ")";
        return out + printFields(type);
    case TypeKind::Interface:
        return out + "interface " + type.name + printInterfaces(type) + printFields(type);
    case TypeKind::Union: {
        out += "union " + type.name;
        for (size_t i = 0; i < type.unionMembers.size(); ++i)
            out += (i ? " | " : " = ") + type.unionMembers[i]->name;
        return out;
    }
    case TypeKind::Enum: {
        std::vector<std::string> items;
        for (size_t i = 0; i < type.enumValues.size(); ++i) {
            const EnumValueDefinition &v = type.enumValues[i];
            items.push_back(printDescription(v.description, "  ", i == 0) + "  " + v.name +
                            printDeprecated(v.deprecation));
        }
        return out + "enum " + type.name + printBlock(items);
    }
    case TypeKind::InputObject: {
        std::vector<std::string> items;
        for (size_t i = 0; i < type.inputFields.size(); ++i) {
            const InputValue &f = type.inputFields[i];
            items.push_back(printDescription(f.description, "  ", i == 0) + "  " +
                            printInputValueDefinition(f));
        }
        return out + "input " + type.name + printBlock(items);
    }
    }
    return out;
}

std::string printSchemaDefinition(const Schema &schema)
{
    const bool commonNames =
        (!schema.queryType() || schema.queryType()->name == "Query") &&
        (!schema.mutationType() || schema.mutationType()->name == "Mutation") &&
        (!schema.subscriptionType() || schema.subscriptionType()->name == "Subscription");
    if (!schema.description() && commonNames) return {};
    std::string out = printDescription(schema.description()) + "schema {\n";
    if (schema.queryType()) out += "  query: " + schema.queryType()->name + "\n";
    if (schema.mutationType()) out += "  mutation: " + schema.mutationType()->name + "\n";
    if (schema.subscriptionType())
        out += "  subscription: " + schema.subscriptionType()->name + "\n";
    return out + "}";
}

} // namespace

std::string printSchema(const Schema &schema)
{
    std::vector<std::string> parts;
    if (std::string definition = printSchemaDefinition(schema); !definition.empty())
        parts.push_back(std::move(definition));
    for (const DirectiveDefinition *d : schema.directives()) {
        if (isSpecifiedDirective(*d)) continue;
        std::string out = printDescription(d->description) + "directive @" + d->name +
                          printArgs(d->arguments) + (d->repeatable ? " repeatable" : "") + " on ";
        for (size_t i = 0; i < d->locations.size(); ++i)
            out += (i ? " | " : "") + std::string(directiveLocationName(d->locations[i]));
        parts.push_back(std::move(out));
    }
    for (const NamedType *t : schema.types())
        if (!t->builtIn) parts.push_back(printType(*t));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? "\n\n" : "") + parts[i];
    return out + "\n";
}

} // namespace subscope::graphql
