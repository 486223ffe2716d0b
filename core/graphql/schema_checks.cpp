#include "schema_checks.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace subscope::graphql {

std::vector<SchemaProblem> SchemaChecks::run()
{
    for (const NamedType *type : m_schema.types()) {
        if (type->builtIn) continue;
        switch (type->kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
            checkFields(*type);
            checkInterfaces(*type);
            break;
        case TypeKind::Union:
            checkUnion(*type);
            break;
        case TypeKind::Enum:
            if (type->enumValues.empty())
                problem(type->offset,
                        "Enum type " + type->name + " must define one or more values.");
            break;
        case TypeKind::InputObject:
            checkInputObject(*type);
            checkInputCycles(*type);
            break;
        case TypeKind::Scalar:
            break;
        }
    }
    for (const DirectiveDefinition *directive : m_schema.directives())
        if (!directive->builtIn) checkDirective(*directive);
    return m_problems;
}

void SchemaChecks::checkFields(const NamedType &type)
{
    if (type.fields.empty())
        problem(type.offset, "Type " + type.name + " must define one or more fields.");
    for (const FieldDefinition &field : type.fields) {
        if (field.type && !field.type.named()->isOutputType())
            problem(field.offset, "The type of " + type.name + "." + field.name +
                                      " must be Output Type but got: " + field.type.toString() +
                                      ".");
        for (const InputValue &arg : field.arguments) {
            const std::string where = type.name + "." + field.name + "(" + arg.name + ":)";
            if (arg.type && !arg.type.named()->isInputType())
                problem(arg.offset, "The type of " + where + " must be Input Type but got: " +
                                        arg.type.toString() + ".");
            if (arg.type.isNonNull() && !arg.defaultValue && arg.deprecation.deprecated)
                problem(arg.offset, "Required argument " + where + " cannot be deprecated.");
        }
    }
}

void SchemaChecks::checkInterfaces(const NamedType &type)
{
    for (const NamedType *iface : type.interfaces) {
        if (iface->kind != TypeKind::Interface) {
            problem(type.offset, "Type " + type.name +
                                     " must only implement Interface types, it cannot implement " +
                                     iface->name + ".");
            continue;
        }
        if (iface == &type) {
            problem(type.offset,
                    "Type " + type.name +
                        " cannot implement itself because it would create a circular reference.");
            continue;
        }
        // Interfaces implemented by an implemented interface must be listed too.
        for (const NamedType *transitive : iface->interfaces)
            if (std::find(type.interfaces.begin(), type.interfaces.end(), transitive) ==
                type.interfaces.end())
                problem(type.offset, "Type " + type.name + " must implement " + transitive->name +
                                         " because it is implemented by " + iface->name + ".");
        checkImplementation(type, *iface);
    }
}

void SchemaChecks::checkImplementation(const NamedType &type, const NamedType &iface)
{
    for (const FieldDefinition &ifaceField : iface.fields) {
        const FieldDefinition *field = type.field(ifaceField.name);
        const std::string ifaceWhere = iface.name + "." + ifaceField.name;
        const std::string where = type.name + "." + ifaceField.name;
        if (!field) {
            problem(type.offset, "Interface field " + ifaceWhere + " expected but " + type.name +
                                     " does not provide it.");
            continue;
        }
        if (field->type && ifaceField.type &&
            !m_schema.isTypeSubTypeOf(field->type, ifaceField.type))
            problem(field->offset, "Interface field " + ifaceWhere + " expects type " +
                                       ifaceField.type.toString() + " but " + where + " is type " +
                                       field->type.toString() + ".");
        for (const InputValue &ifaceArg : ifaceField.arguments) {
            const InputValue *arg = field->argument(ifaceArg.name);
            if (!arg) {
                problem(field->offset, "Interface field argument " + ifaceWhere + "(" +
                                           ifaceArg.name + ":) expected but " + where +
                                           " does not provide it.");
                continue;
            }
            if (!(arg->type == ifaceArg.type))
                problem(arg->offset,
                        "Interface field argument " + ifaceWhere + "(" + ifaceArg.name +
                            ":) expects type " + ifaceArg.type.toString() + " but " + where + "(" +
                            ifaceArg.name + ":) is type " + arg->type.toString() + ".");
        }
        for (const InputValue &arg : field->arguments)
            if (!ifaceField.argument(arg.name) && arg.type.isNonNull() && !arg.defaultValue)
                problem(arg.offset, "Object field " + where + " includes required argument " +
                                        arg.name + " that is missing from the Interface field " +
                                        ifaceWhere + ".");
    }
}

void SchemaChecks::checkUnion(const NamedType &type)
{
    if (type.unionMembers.empty())
        problem(type.offset, "Union type " + type.name + " must define one or more member types.");
    for (const NamedType *member : type.unionMembers)
        if (member->kind != TypeKind::Object)
            problem(type.offset, "Union type " + type.name +
                                     " can only include Object types, it cannot include " +
                                     member->name + ".");
}

void SchemaChecks::checkInputObject(const NamedType &type)
{
    if (type.inputFields.empty())
        problem(type.offset, "Input Object type " + type.name + " must define one or more fields.");
    for (const InputValue &field : type.inputFields) {
        if (field.type && !field.type.named()->isInputType())
            problem(field.offset, "The type of " + type.name + "." + field.name +
                                      " must be Input Type but got: " + field.type.toString() +
                                      ".");
        if (field.type.isNonNull() && !field.defaultValue && field.deprecation.deprecated)
            problem(field.offset, "Required input field " + type.name + "." + field.name +
                                      " cannot be deprecated.");
    }
}

// An input object cannot contain itself through non-null fields: no value could be written.
void SchemaChecks::checkInputCycles(const NamedType &start)
{
    if (std::find(m_visitedInputs.begin(), m_visitedInputs.end(), &start) != m_visitedInputs.end())
        return;
    std::vector<const InputValue *> path;
    std::unordered_map<const NamedType *, size_t> pathIndex;
    std::function<void(const NamedType &)> detect = [&](const NamedType &type) {
        if (std::find(m_visitedInputs.begin(), m_visitedInputs.end(), &type) !=
            m_visitedInputs.end())
            return;
        m_visitedInputs.push_back(&type);
        pathIndex[&type] = path.size();
        for (const InputValue &field : type.inputFields) {
            if (!field.type.isNonNull() || field.type.ofType().isWrapped() ||
                field.type.named()->kind != TypeKind::InputObject)
                continue;
            const NamedType *fieldType = field.type.named();
            path.push_back(&field);
            auto cycle = pathIndex.find(fieldType);
            if (cycle == pathIndex.end()) {
                detect(*fieldType);
            } else {
                std::string names;
                for (size_t i = cycle->second; i < path.size(); ++i)
                    names += (names.empty() ? "" : ".") + path[i]->name;
                problem(fieldType->offset,
                        "Cannot reference Input Object '" + fieldType->name +
                            "' within itself through a series of non-null fields: '" + names +
                            "'.");
            }
            path.pop_back();
        }
        pathIndex.erase(&type);
    };
    detect(start);
}

void SchemaChecks::checkDirective(const DirectiveDefinition &directive)
{
    for (const InputValue &arg : directive.arguments) {
        const std::string where = "@" + directive.name + "(" + arg.name + ":)";
        if (arg.type && !arg.type.named()->isInputType())
            problem(arg.offset, "The type of " + where +
                                    " must be Input Type but got: " + arg.type.toString() + ".");
        if (arg.type.isNonNull() && !arg.defaultValue && arg.deprecation.deprecated)
            problem(arg.offset, "Required argument " + where + " cannot be deprecated.");
    }
}

} // namespace subscope::graphql
