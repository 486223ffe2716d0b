#pragma once

#include "ast_walker.h"
#include "graphql/error.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "type_info.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace subscope::graphql {

struct VariableUsage
{
    const ast::Variable *node = nullptr;
    TypeRef type;                             // the input type expected where the variable is used
    const InputValue *defaultOwner = nullptr; // the argument or input field, when it has a default
};

// Thrown when the error limit is reached; validate() catches it.
struct ValidationAborted
{};

// What the validation rules share: the schema, the document, the walk's TypeInfo, the errors
// so far, and cached facts about fragments and variables (graphql-js's ValidationContext).
class ValidationContext
{
public:
    ValidationContext(const Schema &schema, const ParsedDocument &document, TypeInfo &typeInfo,
                      GraphQLErrors &errors, size_t maxErrors);

    const Schema &schema() const { return m_schema; }
    const ParsedDocument &document() const { return m_document; }
    const TypeInfo &typeInfo() const { return m_typeInfo; }
    const std::vector<const ast::Node *> &ancestors() const;
    void setWalker(const AstWalker *walker) { m_walker = walker; }

    // Records an error located at the given byte offsets; throws ValidationAborted past the limit.
    void report(std::string message, std::initializer_list<uint32_t> offsets);
    void report(std::string message, const std::vector<uint32_t> &offsets);

    // A directive the document itself defines (SDL inside an executable document, which the
    // rules honour as graphql-js's do), overriding the schema's directive of that name.
    const ast::DirectiveDefinition *documentDirective(std::string_view name) const
    {
        auto it = m_documentDirectives.find(name);
        return it == m_documentDirectives.end() ? nullptr : it->second;
    }

    // The last fragment definition with this name, as graphql-js keeps it.
    const ast::FragmentDefinition *fragment(std::string_view name) const;
    const std::vector<const ast::FragmentSpread *> &fragmentSpreads(const ast::SelectionSet *set);
    const std::vector<const ast::FragmentDefinition *> &
    recursivelyReferencedFragments(const ast::OperationDefinition *operation);
    const std::vector<VariableUsage> &variableUsages(const ast::Node *operationOrFragment);
    std::vector<VariableUsage> recursiveVariableUsages(const ast::OperationDefinition *operation);

private:
    const Schema &m_schema;
    const ParsedDocument &m_document;
    TypeInfo &m_typeInfo;
    GraphQLErrors &m_errors;
    size_t m_maxErrors;
    const AstWalker *m_walker = nullptr;
    std::unordered_map<std::string_view, const ast::FragmentDefinition *> m_fragments;
    std::unordered_map<std::string_view, const ast::DirectiveDefinition *> m_documentDirectives;
    std::unordered_map<const ast::SelectionSet *, std::vector<const ast::FragmentSpread *>>
        m_spreads;
    std::unordered_map<const ast::OperationDefinition *,
                       std::vector<const ast::FragmentDefinition *>>
        m_referenced;
    std::unordered_map<const ast::Node *, std::vector<VariableUsage>> m_usages;
};

// A validation rule: called on entering and leaving the nodes of the kinds it asks for.
class ValidationRule
{
public:
    explicit ValidationRule(ValidationContext &context)
        : m_context(context)
    {}
    virtual ~ValidationRule() = default;

    // Return false to skip the node's children for this rule only.
    virtual bool enter(const ast::Node &) { return true; }
    virtual void leave(const ast::Node &) {}

    uint64_t enterKinds() const { return m_enterKinds; }
    uint64_t leaveKinds() const { return m_leaveKinds; }

protected:
    static constexpr uint64_t bit(ast::Kind kind) { return uint64_t(1) << int(kind); }
    void onEnter(std::initializer_list<ast::Kind> kinds)
    {
        for (ast::Kind k : kinds)
            m_enterKinds |= bit(k);
    }
    void onLeave(std::initializer_list<ast::Kind> kinds)
    {
        for (ast::Kind k : kinds)
            m_leaveKinds |= bit(k);
    }
    void onEnterAll() { m_enterKinds = ~uint64_t(0); }

    ValidationContext &m_context;

private:
    uint64_t m_enterKinds = 0;
    uint64_t m_leaveKinds = 0;
};

} // namespace subscope::graphql
