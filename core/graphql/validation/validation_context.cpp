#include "validation_context.h"

namespace subscope::graphql {

namespace {

// Collects the variables used in a node, with the input type expected where each one is used.
class VariableUsageCollector : public AstVisitor
{
public:
    VariableUsageCollector(const TypeInfo &typeInfo, std::vector<VariableUsage> &usages)
        : m_typeInfo(typeInfo)
        , m_usages(usages)
    {}
    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::VariableDefinition) return false;
        if (node.kind == ast::Kind::Variable)
            m_usages.push_back({static_cast<const ast::Variable *>(&node), m_typeInfo.inputType(),
                                m_typeInfo.defaultValueOwner()});
        return true;
    }
    void leave(const ast::Node &) override {}

private:
    const TypeInfo &m_typeInfo;
    std::vector<VariableUsage> &m_usages;
};

} // namespace

ValidationContext::ValidationContext(const Schema &schema, const ParsedDocument &document,
                                     TypeInfo &typeInfo, GraphQLErrors &errors, size_t maxErrors)
    : m_schema(schema)
    , m_document(document)
    , m_typeInfo(typeInfo)
    , m_errors(errors)
    , m_maxErrors(maxErrors)
{
    for (const ast::Definition *definition : document.root().definitions) {
        if (definition->kind == ast::Kind::FragmentDefinition) {
            const auto *fragment = static_cast<const ast::FragmentDefinition *>(definition);
            m_fragments[fragment->name.value] = fragment;
        } else if (definition->kind == ast::Kind::DirectiveDefinition) {
            const auto *directive = static_cast<const ast::DirectiveDefinition *>(definition);
            m_documentDirectives[directive->name.value] = directive;
        }
    }
}

const std::vector<const ast::Node *> &ValidationContext::ancestors() const
{
    static const std::vector<const ast::Node *> none;
    return m_walker ? m_walker->ancestors() : none;
}

void ValidationContext::report(std::string message, std::initializer_list<uint32_t> offsets)
{
    report(std::move(message), std::vector<uint32_t>(offsets));
}

void ValidationContext::report(std::string message, const std::vector<uint32_t> &offsets)
{
    if (m_errors.size() >= m_maxErrors) {
        m_errors.push_back(
            {"Too many validation errors, error limit reached. Validation aborted.", {}});
        throw ValidationAborted{};
    }
    GraphQLError error{std::move(message), {}};
    error.locations.reserve(offsets.size());
    for (uint32_t offset : offsets)
        error.locations.push_back(m_document.location(offset));
    m_errors.push_back(std::move(error));
}

const ast::FragmentDefinition *ValidationContext::fragment(std::string_view name) const
{
    auto it = m_fragments.find(name);
    return it == m_fragments.end() ? nullptr : it->second;
}

const std::vector<const ast::FragmentSpread *> &
ValidationContext::fragmentSpreads(const ast::SelectionSet *set)
{
    auto it = m_spreads.find(set);
    if (it != m_spreads.end()) return it->second;
    std::vector<const ast::FragmentSpread *> spreads;
    std::vector<const ast::SelectionSet *> toVisit{set};
    while (!toVisit.empty()) {
        const ast::SelectionSet *current = toVisit.back();
        toVisit.pop_back();
        for (const ast::Selection *selection : current->selections) {
            if (selection->kind == ast::Kind::FragmentSpread) {
                spreads.push_back(static_cast<const ast::FragmentSpread *>(selection));
            } else {
                const ast::SelectionSet *child =
                    selection->kind == ast::Kind::Field
                        ? static_cast<const ast::Field *>(selection)->selectionSet
                        : static_cast<const ast::InlineFragment *>(selection)->selectionSet;
                if (child) toVisit.push_back(child);
            }
        }
    }
    return m_spreads.emplace(set, std::move(spreads)).first->second;
}

const std::vector<const ast::FragmentDefinition *> &
ValidationContext::recursivelyReferencedFragments(const ast::OperationDefinition *operation)
{
    auto it = m_referenced.find(operation);
    if (it != m_referenced.end()) return it->second;
    std::vector<const ast::FragmentDefinition *> fragments;
    std::unordered_map<std::string_view, bool> collected;
    std::vector<const ast::SelectionSet *> toVisit{operation->selectionSet};
    while (!toVisit.empty()) {
        const ast::SelectionSet *set = toVisit.back();
        toVisit.pop_back();
        for (const ast::FragmentSpread *spread : fragmentSpreads(set)) {
            if (collected[spread->name.value]) continue;
            collected[spread->name.value] = true;
            if (const ast::FragmentDefinition *f = fragment(spread->name.value)) {
                fragments.push_back(f);
                toVisit.push_back(f->selectionSet);
            }
        }
    }
    return m_referenced.emplace(operation, std::move(fragments)).first->second;
}

const std::vector<VariableUsage> &ValidationContext::variableUsages(const ast::Node *node)
{
    auto it = m_usages.find(node);
    if (it != m_usages.end()) return it->second;
    std::vector<VariableUsage> usages;
    TypeInfo typeInfo(m_schema);
    VariableUsageCollector collector(typeInfo, usages);
    AstWalker(collector, &typeInfo).walk(*node);
    return m_usages.emplace(node, std::move(usages)).first->second;
}

std::vector<VariableUsage>
ValidationContext::recursiveVariableUsages(const ast::OperationDefinition *operation)
{
    std::vector<VariableUsage> usages = variableUsages(operation);
    for (const ast::FragmentDefinition *f : recursivelyReferencedFragments(operation)) {
        const auto &more = variableUsages(f);
        usages.insert(usages.end(), more.begin(), more.end());
    }
    return usages;
}

} // namespace subscope::graphql
