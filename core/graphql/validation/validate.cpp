#include "validate.h"

#include "graphql/collect_fields.h"
#include "rules/rules.h"

#include <algorithm>
#include <bit>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace subscope::graphql {

namespace {

// Runs every rule at each node, letting a rule skip a subtree without skipping it for the
// others (graphql-js's visitInParallel).
class ParallelVisitor : public AstVisitor
{
public:
    explicit ParallelVisitor(std::vector<rules::RulePtr> rules)
        : m_rules(std::move(rules))
    {
        Q_ASSERT(m_rules.size() <= 32);
        for (size_t i = 0; i < m_rules.size(); ++i)
            for (int k = 0; k < ast::KindCount; ++k) {
                if (m_rules[i]->enterKinds() & (uint64_t(1) << k)) m_enterRules[k] |= 1u << i;
                if (m_rules[i]->leaveKinds() & (uint64_t(1) << k)) m_leaveRules[k] |= 1u << i;
            }
    }

    bool enter(const ast::Node &node) override
    {
        for (uint32_t rules = m_enterRules[int(node.kind)] & ~m_skippingRules; rules;
             rules &= rules - 1) {
            const int i = std::countr_zero(rules);
            if (!m_rules[size_t(i)]->enter(node)) {
                m_skipping[i] = &node;
                m_skippingRules |= 1u << i;
            }
        }
        return true;
    }

    void leave(const ast::Node &node) override
    {
        const uint32_t skipping = m_skippingRules;
        for (uint32_t rules = skipping; rules; rules &= rules - 1) {
            const int i = std::countr_zero(rules);
            if (m_skipping[i] == &node)
                m_skippingRules &=
                    ~(1u << i); // the end of the subtree it skipped; no leave() for it
        }
        for (uint32_t rules = m_leaveRules[int(node.kind)] & ~skipping; rules; rules &= rules - 1)
            m_rules[size_t(std::countr_zero(rules))]->leave(node);
    }

private:
    std::vector<rules::RulePtr> m_rules;
    uint32_t m_enterRules[ast::KindCount] = {};
    uint32_t m_leaveRules[ast::KindCount] = {};
    const ast::Node *m_skipping[32] = {};
    uint32_t m_skippingRules = 0;
};

// Measures selection nesting with fragments inlined, stopping as soon as the limit is passed.
class NestingCheck
{
public:
    NestingCheck(const ast::Document &document, uint32_t limit)
        : m_limit(limit)
        , m_fragments(fragmentsOf(document))
    {}

    // The offset of a spread where the limit is passed, if it is.
    std::optional<uint32_t> tooDeep(const ast::SelectionSet &set)
    {
        m_offender.reset();
        depth(set, 1);
        return m_offender;
    }

private:
    // Depth of `set` when it sits at nesting level `level`; 0 once the limit is passed.
    uint32_t depth(const ast::SelectionSet &set, uint32_t level)
    {
        if (level > m_limit) { // stop descending: recursion stays within the limit
            if (!m_offender) m_offender = set.start;
            return 0;
        }
        uint32_t deepest = 1;
        for (const ast::Selection *selection : set.selections) {
            if (m_offender) return 0;
            uint32_t child = 0;
            if (selection->kind == ast::Kind::Field) {
                if (const ast::SelectionSet *sub =
                        static_cast<const ast::Field *>(selection)->selectionSet)
                    child = depth(*sub, level + 1);
            } else if (selection->kind == ast::Kind::InlineFragment) {
                child = depth(*static_cast<const ast::InlineFragment *>(selection)->selectionSet,
                              level + 1);
            } else {
                child = spreadDepth(*static_cast<const ast::FragmentSpread *>(selection), level);
            }
            deepest = std::max(deepest, 1 + child);
        }
        if (level + deepest - 1 > m_limit && !m_offender) m_offender = set.start;
        return deepest;
    }

    uint32_t spreadDepth(const ast::FragmentSpread &spread, uint32_t level)
    {
        auto it = m_fragments.find(spread.name.value);
        if (it == m_fragments.end()) return 0;
        auto known = m_depths.find(spread.name.value);
        if (known != m_depths.end()) {
            if (level + known->second > m_limit && !m_offender) m_offender = spread.start;
            return known->second;
        }
        if (!m_inProgress.insert(spread.name.value).second)
            return 0; // a cycle: NoFragmentCycles reports it
        const uint32_t d = depth(*it->second->selectionSet, level + 1);
        m_inProgress.erase(spread.name.value);
        if (!m_offender) m_depths[spread.name.value] = d;
        return d;
    }

    uint32_t m_limit;
    FragmentMap m_fragments;
    std::unordered_map<std::string_view, uint32_t> m_depths;
    std::unordered_set<std::string_view> m_inProgress;
    std::optional<uint32_t> m_offender;
};

} // namespace

GraphQLErrors validate(const Schema &schema, const ParsedDocument &document,
                       const ValidateOptions &options)
{
    GraphQLErrors errors;
    // Without fragments the parser's nesting limit already bounds every rule's recursion.
    const bool hasFragments = std::any_of(
        document.root().definitions.begin(), document.root().definitions.end(),
        [](const ast::Definition *d) { return d->kind == ast::Kind::FragmentDefinition; });
    if (options.maxDepth && hasFragments) {
        NestingCheck check(document.root(), options.maxDepth);
        for (const ast::Definition *d : document.root().definitions) {
            const ast::SelectionSet *set = nullptr;
            if (d->kind == ast::Kind::OperationDefinition)
                set = static_cast<const ast::OperationDefinition *>(d)->selectionSet;
            else if (d->kind == ast::Kind::FragmentDefinition)
                set = static_cast<const ast::FragmentDefinition *>(d)->selectionSet;
            if (!set) continue;
            if (std::optional<uint32_t> offset = check.tooDeep(*set)) {
                errors.push_back({"Document nesting is deeper than the limit of " +
                                      std::to_string(options.maxDepth) +
                                      " levels (counting fragment spreads).",
                                  {document.location(*offset)}});
                return errors;
            }
        }
    }
    TypeInfo typeInfo(schema);
    ValidationContext context(schema, document, typeInfo, errors, options.maxErrors);
    ParallelVisitor visitor(rules::specifiedRules(context));
    AstWalker walker(visitor, &typeInfo);
    context.setWalker(&walker);
    try {
        walker.walk(document.root());
    } catch (const ValidationAborted &) {
    } catch (const GraphQLError &error) {
        // graphql-core raises this out of validate() (a @skip/@include variable at the root of
        // a subscription); the request fails with it alone.
        return {error};
    }
    return errors;
}

} // namespace subscope::graphql
