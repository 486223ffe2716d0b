#include "rules.h"

#include <unordered_set>

namespace subscope::graphql::rules {

namespace {

class NoUnusedVariables : public ValidationRule
{
public:
    explicit NoUnusedVariables(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::VariableDefinition});
        onLeave({ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::OperationDefinition)
            m_definitions.clear();
        else
            m_definitions.push_back(static_cast<const ast::VariableDefinition *>(&node));
        return true;
    }

    void leave(const ast::Node &node) override
    {
        const auto &operation = static_cast<const ast::OperationDefinition &>(node);
        std::unordered_set<std::string_view> used;
        for (const VariableUsage &usage : m_context.recursiveVariableUsages(&operation))
            used.insert(usage.node->name.value);
        for (const ast::VariableDefinition *d : m_definitions) {
            const std::string_view name = d->variable->name.value;
            if (used.count(name)) continue;
            m_context.report(operation.name.empty()
                                 ? "Variable '$" + str(name) + "' is never used."
                                 : "Variable '$" + str(name) + "' is never used in operation '" +
                                       str(operation.name.value) + "'.",
                             {d->start});
        }
    }

private:
    std::vector<const ast::VariableDefinition *> m_definitions;
};

} // namespace

RulePtr noUnusedVariables(ValidationContext &c)
{
    return std::make_unique<NoUnusedVariables>(c);
}

} // namespace subscope::graphql::rules
