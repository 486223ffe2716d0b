#include "rules.h"

#include <unordered_set>

namespace subscope::graphql::rules {

namespace {

class NoUndefinedVariables : public ValidationRule
{
public:
    explicit NoUndefinedVariables(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::VariableDefinition});
        onLeave({ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::OperationDefinition)
            m_defined.clear();
        else
            m_defined.insert(
                static_cast<const ast::VariableDefinition &>(node).variable->name.value);
        return true;
    }

    void leave(const ast::Node &node) override
    {
        const auto &operation = static_cast<const ast::OperationDefinition &>(node);
        for (const VariableUsage &usage : m_context.recursiveVariableUsages(&operation)) {
            const std::string_view name = usage.node->name.value;
            if (m_defined.count(name)) continue;
            m_context.report(operation.name.empty()
                                 ? "Variable '$" + str(name) + "' is not defined."
                                 : "Variable '$" + str(name) + "' is not defined by operation '" +
                                       str(operation.name.value) + "'.",
                             {usage.node->start, operation.start});
        }
    }

private:
    std::unordered_set<std::string_view> m_defined;
};

} // namespace

RulePtr noUndefinedVariables(ValidationContext &c)
{
    return std::make_unique<NoUndefinedVariables>(c);
}

} // namespace subscope::graphql::rules
