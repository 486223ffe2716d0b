#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class UniqueInputFieldNames : public ValidationRule
{
public:
    explicit UniqueInputFieldNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::ObjectValue, ast::Kind::ObjectField});
        onLeave({ast::Kind::ObjectValue});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::ObjectValue) {
            m_stack.emplace_back();
            return true;
        }
        const ast::Name &name = static_cast<const ast::ObjectField &>(node).name;
        if (m_stack.empty()) return true;
        auto [it, inserted] = m_stack.back().emplace(name.value, name.start);
        if (!inserted)
            m_context.report("There can be only one input field named '" + str(name.value) + "'.",
                             {it->second, name.start});
        return true;
    }

    void leave(const ast::Node &) override { m_stack.pop_back(); }

private:
    std::vector<std::unordered_map<std::string_view, uint32_t>> m_stack;
};

} // namespace

RulePtr uniqueInputFieldNames(ValidationContext &c)
{
    return std::make_unique<UniqueInputFieldNames>(c);
}

} // namespace subscope::graphql::rules
