#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

// A non-repeatable directive is used at most once per location; a type's definition and its
// extensions count as one location.
class UniqueDirectivesPerLocation : public ValidationRule
{
public:
    explicit UniqueDirectivesPerLocation(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnterAll();
    }

    bool enter(const ast::Node &node) override
    {
        const ast::List<ast::Directive> *directives = directivesOf(node);
        if (!directives || directives->empty()) return true;
        Seen local;
        Seen *seen = &local;
        if (node.kind == ast::Kind::SchemaDefinition || node.kind == ast::Kind::SchemaExtension)
            seen = &m_schemaDirectives;
        else if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind))
            seen = &m_typeDirectives[static_cast<const ast::TypeDefinition &>(node).name.value];
        for (const ast::Directive *directive : *directives) {
            const std::string_view name = directive->name.value;
            if (!isUnique(name)) continue;
            auto [it, inserted] = seen->emplace(name, directive->start);
            if (!inserted)
                m_context.report("The directive '@" + str(name) +
                                     "' can only be used once at this location.",
                                 {it->second, directive->start});
        }
        return true;
    }

private:
    bool isUnique(std::string_view name) const
    {
        if (const ast::DirectiveDefinition *d = m_context.documentDirective(name))
            return !d->repeatable;
        const DirectiveDefinition *d = m_context.schema().directive(name);
        return d && !d->repeatable;
    }

    using Seen = std::unordered_map<std::string_view, uint32_t>;
    Seen m_schemaDirectives;
    std::unordered_map<std::string_view, Seen> m_typeDirectives;
};

} // namespace

RulePtr uniqueDirectivesPerLocation(ValidationContext &c)
{
    return std::make_unique<UniqueDirectivesPerLocation>(c);
}

} // namespace subscope::graphql::rules
