#pragma once

#include "graphql/ast.h"
#include "graphql/schema.h"

#include <vector>

namespace subscope::graphql {

// The schema types at the current point of a walk through a document (graphql-js's TypeInfo):
// the output type, parent composite type, field, argument, input type and default value.
class TypeInfo
{
public:
    explicit TypeInfo(const Schema &schema)
        : m_schema(schema)
    {}

    void enter(const ast::Node &node);
    void leave(const ast::Node &node);

    TypeRef type() const { return m_typeStack.empty() ? TypeRef() : m_typeStack.back(); }
    const NamedType *parentType() const
    {
        return m_parentTypeStack.empty() ? nullptr : m_parentTypeStack.back();
    }
    TypeRef inputType() const
    {
        return m_inputTypeStack.empty() ? TypeRef() : m_inputTypeStack.back();
    }
    TypeRef parentInputType() const
    {
        return m_inputTypeStack.size() < 2 ? TypeRef()
                                           : m_inputTypeStack[m_inputTypeStack.size() - 2];
    }
    const FieldDefinition *fieldDef() const
    {
        return m_fieldDefStack.empty() ? nullptr : m_fieldDefStack.back();
    }
    // The argument or input field whose value is being walked, when it has a default value.
    const InputValue *defaultValueOwner() const
    {
        return m_defaultValueStack.empty() ? nullptr : m_defaultValueStack.back();
    }
    const DirectiveDefinition *directive() const { return m_directive; }
    const InputValue *argument() const { return m_argument; }

private:
    const Schema &m_schema;
    std::vector<TypeRef> m_typeStack;
    std::vector<const NamedType *> m_parentTypeStack;
    std::vector<TypeRef> m_inputTypeStack;
    std::vector<const FieldDefinition *> m_fieldDefStack;
    std::vector<const InputValue *> m_defaultValueStack;
    const DirectiveDefinition *m_directive = nullptr;
    const InputValue *m_argument = nullptr;
};

// The schema type an AST type reference names, or an invalid TypeRef when its name is unknown.
TypeRef typeFromAst(const Schema &schema, const ast::Type &type);

// The field `name` of a composite type, including the introspection meta fields.
const FieldDefinition *fieldDefinition(const Schema &schema, const NamedType *parentType,
                                       std::string_view name);

} // namespace subscope::graphql
