#include "rules.h"

namespace subscope::graphql::rules {

namespace {

class KnownFragmentNames : public ValidationRule
{
public:
    explicit KnownFragmentNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::FragmentSpread});
    }

    bool enter(const ast::Node &node) override
    {
        const ast::Name &name = static_cast<const ast::FragmentSpread &>(node).name;
        if (!m_context.fragment(name.value))
            m_context.report("Unknown fragment '" + str(name.value) + "'.", {name.start});
        return true;
    }
};

} // namespace

RulePtr knownFragmentNames(ValidationContext &c)
{
    return std::make_unique<KnownFragmentNames>(c);
}

} // namespace subscope::graphql::rules
