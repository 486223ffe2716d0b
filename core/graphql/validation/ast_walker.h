#pragma once

#include "graphql/ast.h"

#include <vector>

namespace subscope::graphql {

class TypeInfo;

class AstVisitor
{
public:
    virtual ~AstVisitor() = default;
    // Return false to skip the node's children; its leave() is then not called either.
    virtual bool enter(const ast::Node &node) = 0;
    virtual void leave(const ast::Node &node) = 0;
};

// Walks a syntax tree depth-first in graphql-js's visiting order (QueryDocumentKeys), keeping a
// TypeInfo in step when one is given, as graphql-js's visit(visitWithTypeInfo(...)) does.
class AstWalker
{
public:
    AstWalker(AstVisitor &visitor, TypeInfo *typeInfo = nullptr)
        : m_visitor(visitor)
        , m_typeInfo(typeInfo)
    {}

    void walk(const ast::Node &root);

    // The nodes from the root down to the parent of the node being visited.
    const std::vector<const ast::Node *> &ancestors() const { return m_ancestors; }

private:
    void visit(const ast::Node *node);
    template <class T> void visitAll(const ast::List<T> &list)
    {
        for (const T *item : list)
            visit(item);
    }
    void visitChildren(const ast::Node &node);

    AstVisitor &m_visitor;
    TypeInfo *m_typeInfo;
    std::vector<const ast::Node *> m_ancestors;
};

} // namespace subscope::graphql
