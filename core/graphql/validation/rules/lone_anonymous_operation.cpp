#include "rules.h"

namespace subscope::graphql::rules {

namespace {

class LoneAnonymousOperation : public ValidationRule
{
public:
    explicit LoneAnonymousOperation(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Document, ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::Document) {
            for (const ast::Definition *d : static_cast<const ast::Document &>(node).definitions)
                if (d->kind == ast::Kind::OperationDefinition) ++m_operationCount;
        } else if (static_cast<const ast::OperationDefinition &>(node).name.empty() &&
                   m_operationCount > 1) {
            m_context.report("This anonymous operation must be the only defined operation.",
                             {node.start});
        }
        return true;
    }

private:
    int m_operationCount = 0;
};

} // namespace

RulePtr loneAnonymousOperation(ValidationContext &c)
{
    return std::make_unique<LoneAnonymousOperation>(c);
}

} // namespace subscope::graphql::rules
