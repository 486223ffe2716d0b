#include "rules.h"

namespace subscope::graphql::rules {

namespace {

// A fragment can only be spread where the parent type and the fragment's type can overlap.
class PossibleFragmentSpreads : public ValidationRule
{
public:
    explicit PossibleFragmentSpreads(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::InlineFragment, ast::Kind::FragmentSpread});
    }

    bool enter(const ast::Node &node) override
    {
        const NamedType *parentType = m_context.typeInfo().parentType();
        if (node.kind == ast::Kind::InlineFragment) {
            const TypeRef fragType = m_context.typeInfo().type();
            if (fragType && fragType.named()->isCompositeType() && parentType &&
                !m_context.schema().doTypesOverlap(fragType.named(), parentType))
                m_context.report("Fragment cannot be spread here as objects of type '" +
                                     parentType->name + "' can never be of type '" +
                                     fragType.toString() + "'.",
                                 {node.start});
            return true;
        }
        const std::string_view name = static_cast<const ast::FragmentSpread &>(node).name.value;
        const NamedType *fragType = fragmentType(name);
        if (fragType && parentType && !m_context.schema().doTypesOverlap(fragType, parentType))
            m_context.report("Fragment '" + str(name) +
                                 "' cannot be spread here as objects of type '" + parentType->name +
                                 "' can never be of type '" + fragType->name + "'.",
                             {node.start});
        return true;
    }

private:
    const NamedType *fragmentType(std::string_view name) const
    {
        const ast::FragmentDefinition *fragment = m_context.fragment(name);
        if (!fragment) return nullptr;
        const NamedType *type = m_context.schema().type(fragment->typeCondition->name.value);
        return type && type->isCompositeType() ? type : nullptr;
    }
};

} // namespace

RulePtr possibleFragmentSpreads(ValidationContext &c)
{
    return std::make_unique<PossibleFragmentSpreads>(c);
}

} // namespace subscope::graphql::rules
