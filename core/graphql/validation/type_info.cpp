#include "type_info.h"

namespace subscope::graphql {

TypeRef typeFromAst(const Schema &schema, const ast::Type &type)
{
    switch (type.kind) {
    case ast::Kind::ListType: {
        const TypeRef inner = typeFromAst(schema, *static_cast<const ast::ListType &>(type).type);
        return inner ? TypeRef::listOf(inner) : TypeRef();
    }
    case ast::Kind::NonNullType: {
        const TypeRef inner =
            typeFromAst(schema, *static_cast<const ast::NonNullType &>(type).type);
        return inner ? TypeRef::nonNull(inner) : TypeRef();
    }
    default:
        return TypeRef(schema.type(static_cast<const ast::NamedType &>(type).name.value));
    }
}

const FieldDefinition *fieldDefinition(const Schema &schema, const NamedType *parentType,
                                       std::string_view name)
{
    if (!parentType) return nullptr;
    if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
        if (name == "__schema" && parentType == schema.queryType())
            return &schema.schemaMetaField();
        if (name == "__type" && parentType == schema.queryType()) return &schema.typeMetaField();
        if (name == "__typename" && parentType->isCompositeType())
            return &schema.typeNameMetaField();
    }
    if (parentType->kind == TypeKind::Object || parentType->kind == TypeKind::Interface)
        return parentType->field(name);
    return nullptr;
}

namespace {

TypeRef onlyOutput(TypeRef t)
{
    return t && t.named()->isOutputType() ? t : TypeRef();
}
TypeRef onlyInput(TypeRef t)
{
    return t && t.named()->isInputType() ? t : TypeRef();
}

} // namespace

void TypeInfo::enter(const ast::Node &node)
{
    switch (node.kind) {
    case ast::Kind::SelectionSet: {
        const TypeRef t = type();
        const NamedType *named = t ? t.named() : nullptr;
        m_parentTypeStack.push_back(named && named->isCompositeType() ? named : nullptr);
        break;
    }
    case ast::Kind::Field: {
        const auto &field = static_cast<const ast::Field &>(node);
        const FieldDefinition *def = fieldDefinition(m_schema, parentType(), field.name.value);
        m_fieldDefStack.push_back(def);
        m_typeStack.push_back(def ? onlyOutput(def->type) : TypeRef());
        break;
    }
    case ast::Kind::Directive:
        m_directive = m_schema.directive(static_cast<const ast::Directive &>(node).name.value);
        break;
    case ast::Kind::OperationDefinition: {
        const NamedType *root =
            m_schema.rootType(static_cast<const ast::OperationDefinition &>(node).operation);
        m_typeStack.push_back(root && root->kind == TypeKind::Object ? TypeRef(root) : TypeRef());
        break;
    }
    case ast::Kind::InlineFragment:
    case ast::Kind::FragmentDefinition: {
        const ast::NamedType *condition =
            node.kind == ast::Kind::InlineFragment
                ? static_cast<const ast::InlineFragment &>(node).typeCondition
                : static_cast<const ast::FragmentDefinition &>(node).typeCondition;
        TypeRef t;
        if (condition)
            t = typeFromAst(m_schema, *condition);
        else if (type())
            t = TypeRef(type().named());
        m_typeStack.push_back(onlyOutput(t));
        break;
    }
    case ast::Kind::VariableDefinition:
        m_inputTypeStack.push_back(onlyInput(
            typeFromAst(m_schema, *static_cast<const ast::VariableDefinition &>(node).type)));
        break;
    case ast::Kind::Argument: {
        const auto &argument = static_cast<const ast::Argument &>(node);
        const InputValue *def = nullptr;
        if (m_directive)
            def = m_directive->argument(argument.name.value);
        else if (const FieldDefinition *field = fieldDef())
            def = field->argument(argument.name.value);
        m_argument = def;
        m_defaultValueStack.push_back(def && def->defaultValue ? def : nullptr);
        m_inputTypeStack.push_back(def ? onlyInput(def->type) : TypeRef());
        break;
    }
    case ast::Kind::ListValue: {
        const TypeRef listType = inputType().nullable();
        const TypeRef itemType = listType.isList() ? listType.ofType() : listType;
        m_defaultValueStack.push_back(nullptr);
        m_inputTypeStack.push_back(onlyInput(itemType));
        break;
    }
    case ast::Kind::ObjectField: {
        const TypeRef objectType = inputType();
        const InputValue *field = nullptr;
        if (objectType && objectType.named()->kind == TypeKind::InputObject)
            field = objectType.named()->inputField(
                static_cast<const ast::ObjectField &>(node).name.value);
        m_defaultValueStack.push_back(field && field->defaultValue ? field : nullptr);
        m_inputTypeStack.push_back(field ? onlyInput(field->type) : TypeRef());
        break;
    }
    default:
        break;
    }
}

void TypeInfo::leave(const ast::Node &node)
{
    switch (node.kind) {
    case ast::Kind::SelectionSet:
        m_parentTypeStack.pop_back();
        break;
    case ast::Kind::Field:
        m_fieldDefStack.pop_back();
        m_typeStack.pop_back();
        break;
    case ast::Kind::Directive:
        m_directive = nullptr;
        break;
    case ast::Kind::OperationDefinition:
    case ast::Kind::InlineFragment:
    case ast::Kind::FragmentDefinition:
        m_typeStack.pop_back();
        break;
    case ast::Kind::VariableDefinition:
        m_inputTypeStack.pop_back();
        break;
    case ast::Kind::Argument:
        m_argument = nullptr;
        m_defaultValueStack.pop_back();
        m_inputTypeStack.pop_back();
        break;
    case ast::Kind::ListValue:
    case ast::Kind::ObjectField:
        m_defaultValueStack.pop_back();
        m_inputTypeStack.pop_back();
        break;
    default:
        break;
    }
}

} // namespace subscope::graphql
