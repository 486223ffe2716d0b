#include "graphql/printer.h"
#include "rules.h"

namespace subscope::graphql::rules {

namespace {

class FragmentsOnCompositeTypes : public ValidationRule
{
public:
    explicit FragmentsOnCompositeTypes(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::InlineFragment, ast::Kind::FragmentDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::InlineFragment) {
            const ast::NamedType *condition =
                static_cast<const ast::InlineFragment &>(node).typeCondition;
            if (condition && !isComposite(*condition))
                m_context.report("Fragment cannot condition on non composite type '" +
                                     printType(*condition) + "'.",
                                 {condition->start});
        } else {
            const auto &fragment = static_cast<const ast::FragmentDefinition &>(node);
            if (!isComposite(*fragment.typeCondition))
                m_context.report("Fragment '" + str(fragment.name.value) +
                                     "' cannot condition on non composite type '" +
                                     printType(*fragment.typeCondition) + "'.",
                                 {fragment.typeCondition->start});
        }
        return true;
    }

private:
    bool isComposite(const ast::NamedType &condition) const
    {
        const NamedType *type = m_context.schema().type(condition.name.value);
        return !type || type->isCompositeType(); // unknown types are KnownTypeNames' business
    }
};

} // namespace

RulePtr fragmentsOnCompositeTypes(ValidationContext &c)
{
    return std::make_unique<FragmentsOnCompositeTypes>(c);
}

} // namespace subscope::graphql::rules
