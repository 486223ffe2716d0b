#include "rules.h"

#include <algorithm>

namespace subscope::graphql::rules {

namespace {

class UniqueArgumentNames : public ValidationRule
{
public:
    explicit UniqueArgumentNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Field, ast::Kind::Directive});
    }

    bool enter(const ast::Node &node) override
    {
        const ast::List<ast::Argument> &arguments =
            node.kind == ast::Kind::Field ? static_cast<const ast::Field &>(node).arguments
                                          : static_cast<const ast::Directive &>(node).arguments;
        std::vector<std::pair<std::string_view, std::vector<uint32_t>>> groups;
        for (const ast::Argument *a : arguments) {
            auto it = std::find_if(groups.begin(), groups.end(),
                                   [&](const auto &g) { return g.first == a->name.value; });
            if (it == groups.end())
                groups.push_back({a->name.value, {a->name.start}});
            else
                it->second.push_back(a->name.start);
        }
        for (const auto &[name, offsets] : groups)
            if (offsets.size() > 1)
                m_context.report("There can be only one argument named '" + str(name) + "'.",
                                 offsets);
        return true;
    }
};

} // namespace

RulePtr uniqueArgumentNames(ValidationContext &c)
{
    return std::make_unique<UniqueArgumentNames>(c);
}

} // namespace subscope::graphql::rules
