#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class UniqueOperationNames : public ValidationRule
{
public:
    explicit UniqueOperationNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::FragmentDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::OperationDefinition) {
            const ast::Name &name = static_cast<const ast::OperationDefinition &>(node).name;
            if (!name.empty()) {
                auto [it, inserted] = m_known.emplace(name.value, name.start);
                if (!inserted)
                    m_context.report("There can be only one operation named '" + str(name.value) +
                                         "'.",
                                     {it->second, name.start});
            }
        }
        return false;
    }

private:
    std::unordered_map<std::string_view, uint32_t> m_known;
};

} // namespace

RulePtr uniqueOperationNames(ValidationContext &c)
{
    return std::make_unique<UniqueOperationNames>(c);
}

} // namespace subscope::graphql::rules
