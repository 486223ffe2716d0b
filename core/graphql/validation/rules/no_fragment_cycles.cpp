#include "rules.h"

#include <unordered_map>
#include <unordered_set>

namespace subscope::graphql::rules {

namespace {

class NoFragmentCycles : public ValidationRule
{
public:
    explicit NoFragmentCycles(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::FragmentDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::FragmentDefinition)
            detectCycle(static_cast<const ast::FragmentDefinition *>(&node));
        return false;
    }

private:
    // Depth-first search over spreads; the depth is bounded by the parser's nesting limit and
    // validate()'s check of nesting through fragments.
    void detectCycle(const ast::FragmentDefinition *fragment)
    {
        const std::string_view name = fragment->name.value;
        if (!m_visited.insert(name).second) return;
        const auto &spreads = m_context.fragmentSpreads(fragment->selectionSet);
        if (spreads.empty()) return;
        m_pathIndex[name] = m_path.size();
        for (const ast::FragmentSpread *spread : spreads) {
            const std::string_view spreadName = spread->name.value;
            auto cycle = m_pathIndex.find(spreadName);
            m_path.push_back(spread);
            if (cycle == m_pathIndex.end()) {
                if (const ast::FragmentDefinition *next = m_context.fragment(spreadName))
                    detectCycle(next);
            } else {
                std::string via;
                std::vector<uint32_t> offsets;
                for (size_t i = cycle->second; i < m_path.size(); ++i) {
                    offsets.push_back(m_path[i]->start);
                    if (i + 1 < m_path.size())
                        via += (via.empty() ? "'" : ", '") + str(m_path[i]->name.value) + "'";
                }
                m_context.report("Cannot spread fragment '" + str(spreadName) + "' within itself" +
                                     (via.empty() ? std::string(".") : " via " + via + "."),
                                 offsets);
            }
            m_path.pop_back();
        }
        m_pathIndex.erase(name);
    }

    std::unordered_set<std::string_view> m_visited;
    std::vector<const ast::FragmentSpread *> m_path;
    std::unordered_map<std::string_view, size_t> m_pathIndex;
};

} // namespace

RulePtr noFragmentCycles(ValidationContext &c)
{
    return std::make_unique<NoFragmentCycles>(c);
}

} // namespace subscope::graphql::rules
