#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

// A non-repeatable directive is used at most once per location; a type's definition and its
// extensions count as one location.
class UniqueDirectivesPerLocation : public ValidationRule
{
public:
    explicit UniqueDirectivesPerLocation(ValidationContext &c) : ValidationRule(c)
    {
        onEnterAll();
        for (const DirectiveDefinition *d : c.schema().directives())
            m_unique[d->name] = !d->repeatable;
        for (const ast::Definition *definition : c.document().root().definitions)
            if (definition->kind == ast::Kind::DirectiveDefinition) {
                const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
                m_unique[d->name.value] = !d->repeatable;
            }
    }

    bool enter(const ast::Node &node) override
    {
        const ast::List<ast::Directive> *directives = directivesOf(node);
        if (!directives)
            return true;
        Seen local;
        Seen *seen = &local;
        if (node.kind == ast::Kind::SchemaDefinition || node.kind == ast::Kind::SchemaExtension)
            seen = &m_schemaDirectives;
        else if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind))
            seen = &m_typeDirectives[static_cast<const ast::TypeDefinition &>(node).name.value];
        for (const ast::Directive *directive : *directives) {
            const std::string_view name = directive->name.value;
            auto unique = m_unique.find(name);
            if (unique == m_unique.end() || !unique->second)
                continue;
            auto [it, inserted] = seen->emplace(name, directive->start);
            if (!inserted)
                m_context.report("The directive '@" + str(name) + "' can only be used once at this location.",
                                 {it->second, directive->start});
        }
        return true;
    }

private:
    using Seen = std::unordered_map<std::string_view, uint32_t>;
    std::unordered_map<std::string_view, bool> m_unique;
    Seen m_schemaDirectives;
    std::unordered_map<std::string_view, Seen> m_typeDirectives;
};

} // namespace

RulePtr uniqueDirectivesPerLocation(ValidationContext &c) { return std::make_unique<UniqueDirectivesPerLocation>(c); }

} // namespace subscope::graphql::rules
