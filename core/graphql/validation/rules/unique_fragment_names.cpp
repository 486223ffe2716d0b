#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class UniqueFragmentNames : public ValidationRule
{
public:
    explicit UniqueFragmentNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::FragmentDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::FragmentDefinition) {
            const ast::Name &name = static_cast<const ast::FragmentDefinition &>(node).name;
            auto [it, inserted] = m_known.emplace(name.value, name.start);
            if (!inserted)
                m_context.report("There can be only one fragment named '" + str(name.value) + "'.",
                                 {it->second, name.start});
        }
        return false;
    }

private:
    std::unordered_map<std::string_view, uint32_t> m_known;
};

} // namespace

RulePtr uniqueFragmentNames(ValidationContext &c)
{
    return std::make_unique<UniqueFragmentNames>(c);
}

} // namespace subscope::graphql::rules
