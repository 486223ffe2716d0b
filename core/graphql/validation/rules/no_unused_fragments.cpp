#include "rules.h"

#include <unordered_set>

namespace subscope::graphql::rules {

namespace {

class NoUnusedFragments : public ValidationRule
{
public:
    explicit NoUnusedFragments(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::FragmentDefinition});
        onLeave({ast::Kind::Document});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::OperationDefinition)
            m_operations.push_back(static_cast<const ast::OperationDefinition *>(&node));
        else
            m_fragments.push_back(static_cast<const ast::FragmentDefinition *>(&node));
        return false;
    }

    void leave(const ast::Node &) override
    {
        std::unordered_set<std::string_view> used;
        for (const ast::OperationDefinition *operation : m_operations)
            for (const ast::FragmentDefinition *f :
                 m_context.recursivelyReferencedFragments(operation))
                used.insert(f->name.value);
        for (const ast::FragmentDefinition *f : m_fragments)
            if (!used.count(f->name.value))
                m_context.report("Fragment '" + str(f->name.value) + "' is never used.",
                                 {f->start});
    }

private:
    std::vector<const ast::OperationDefinition *> m_operations;
    std::vector<const ast::FragmentDefinition *> m_fragments;
};

} // namespace

RulePtr noUnusedFragments(ValidationContext &c)
{
    return std::make_unique<NoUnusedFragments>(c);
}

} // namespace subscope::graphql::rules
