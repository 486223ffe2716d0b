#include "rules.h"

#include <algorithm>

namespace subscope::graphql::rules {

namespace {

class UniqueVariableNames : public ValidationRule
{
public:
    explicit UniqueVariableNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        // Group the definitions by name, in order of first appearance.
        std::vector<std::pair<std::string_view, std::vector<uint32_t>>> groups;
        for (const ast::VariableDefinition *d :
             static_cast<const ast::OperationDefinition &>(node).variableDefinitions) {
            const ast::Name &name = d->variable->name;
            auto it = std::find_if(groups.begin(), groups.end(),
                                   [&](const auto &g) { return g.first == name.value; });
            if (it == groups.end())
                groups.push_back({name.value, {name.start}});
            else
                it->second.push_back(name.start);
        }
        for (const auto &[name, offsets] : groups)
            if (offsets.size() > 1)
                m_context.report("There can be only one variable named '$" + str(name) + "'.",
                                 offsets);
        return true;
    }
};

} // namespace

RulePtr uniqueVariableNames(ValidationContext &c)
{
    return std::make_unique<UniqueVariableNames>(c);
}

} // namespace subscope::graphql::rules
