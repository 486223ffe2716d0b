#include "ast_walker.h"

#include "type_info.h"

namespace subscope::graphql {

void AstWalker::walk(const ast::Node &root)
{
    m_ancestors.clear();
    visit(&root);
}

void AstWalker::visit(const ast::Node *node)
{
    if (!node) return;
    if (m_typeInfo) m_typeInfo->enter(*node);
    if (!m_visitor.enter(*node)) {
        if (m_typeInfo) m_typeInfo->leave(*node);
        return;
    }
    m_ancestors.push_back(node);
    visitChildren(*node);
    m_ancestors.pop_back();
    m_visitor.leave(*node);
    if (m_typeInfo) m_typeInfo->leave(*node);
}

void AstWalker::visitChildren(const ast::Node &node)
{
    using K = ast::Kind;
    switch (node.kind) {
    case K::Document:
        visitAll(static_cast<const ast::Document &>(node).definitions);
        break;
    case K::OperationDefinition: {
        const auto &n = static_cast<const ast::OperationDefinition &>(node);
        visitAll(n.variableDefinitions);
        visitAll(n.directives);
        visit(n.selectionSet);
        break;
    }
    case K::VariableDefinition: {
        const auto &n = static_cast<const ast::VariableDefinition &>(node);
        visit(n.variable);
        visit(n.type);
        visit(n.defaultValue);
        visitAll(n.directives);
        break;
    }
    case K::SelectionSet:
        visitAll(static_cast<const ast::SelectionSet &>(node).selections);
        break;
    case K::Field: {
        const auto &n = static_cast<const ast::Field &>(node);
        visitAll(n.arguments);
        visitAll(n.directives);
        visit(n.selectionSet);
        break;
    }
    case K::Argument:
        visit(static_cast<const ast::Argument &>(node).value);
        break;
    case K::FragmentSpread:
        visitAll(static_cast<const ast::FragmentSpread &>(node).directives);
        break;
    case K::InlineFragment: {
        const auto &n = static_cast<const ast::InlineFragment &>(node);
        visit(n.typeCondition);
        visitAll(n.directives);
        visit(n.selectionSet);
        break;
    }
    case K::FragmentDefinition: {
        const auto &n = static_cast<const ast::FragmentDefinition &>(node);
        visit(n.typeCondition);
        visitAll(n.directives);
        visit(n.selectionSet);
        break;
    }
    case K::ListValue:
        visitAll(static_cast<const ast::ListValue &>(node).values);
        break;
    case K::ObjectValue:
        visitAll(static_cast<const ast::ObjectValue &>(node).fields);
        break;
    case K::ObjectField:
        visit(static_cast<const ast::ObjectField &>(node).value);
        break;
    case K::Directive:
        visitAll(static_cast<const ast::Directive &>(node).arguments);
        break;
    case K::ListType:
        visit(static_cast<const ast::ListType &>(node).type);
        break;
    case K::NonNullType:
        visit(static_cast<const ast::NonNullType &>(node).type);
        break;
    case K::SchemaDefinition:
    case K::SchemaExtension: {
        const auto &n = static_cast<const ast::SchemaDefinition &>(node);
        visit(n.description);
        visitAll(n.directives);
        visitAll(n.operationTypes);
        break;
    }
    case K::OperationTypeDefinition:
        visit(static_cast<const ast::OperationTypeDefinition &>(node).type);
        break;
    case K::FieldDefinition: {
        const auto &n = static_cast<const ast::FieldDefinition &>(node);
        visit(n.description);
        visitAll(n.arguments);
        visit(n.type);
        visitAll(n.directives);
        break;
    }
    case K::InputValueDefinition: {
        const auto &n = static_cast<const ast::InputValueDefinition &>(node);
        visit(n.description);
        visit(n.type);
        visit(n.defaultValue);
        visitAll(n.directives);
        break;
    }
    case K::EnumValueDefinition: {
        const auto &n = static_cast<const ast::EnumValueDefinition &>(node);
        visit(n.description);
        visitAll(n.directives);
        break;
    }
    case K::DirectiveDefinition: {
        const auto &n = static_cast<const ast::DirectiveDefinition &>(node);
        visit(n.description);
        visitAll(n.arguments);
        break;
    }
    case K::ScalarTypeDefinition:
    case K::ObjectTypeDefinition:
    case K::InterfaceTypeDefinition:
    case K::UnionTypeDefinition:
    case K::EnumTypeDefinition:
    case K::InputObjectTypeDefinition:
    case K::ScalarTypeExtension:
    case K::ObjectTypeExtension:
    case K::InterfaceTypeExtension:
    case K::UnionTypeExtension:
    case K::EnumTypeExtension:
    case K::InputObjectTypeExtension: {
        // description, name, interfaces, directives, then fields / types / values.
        const auto &n = static_cast<const ast::TypeDefinition &>(node);
        visit(n.description);
        visitAll(n.interfaces);
        visitAll(n.directives);
        visitAll(n.fields);
        visitAll(n.types);
        visitAll(n.values);
        visitAll(n.inputFields);
        break;
    }
    default: // values without children, Variable, NamedType
        break;
    }
}

} // namespace subscope::graphql
