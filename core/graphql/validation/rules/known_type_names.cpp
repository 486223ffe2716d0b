#include "graphql/suggestion.h"
#include "rules.h"

#include <unordered_set>

namespace subscope::graphql::rules {

namespace {

constexpr std::string_view StandardTypeNames[] = {
    "String",    "Int",      "Float",        "Boolean",
    "ID",        "__Schema", "__Directive",  "__DirectiveLocation",
    "__Type",    "__Field",  "__InputValue", "__EnumValue",
    "__TypeKind"};

class KnownTypeNames : public ValidationRule
{
public:
    explicit KnownTypeNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::NamedType});
        for (const ast::Definition *d : c.document().root().definitions)
            if (ast::isTypeDefinition(d->kind))
                m_defined.push_back(static_cast<const ast::TypeDefinition *>(d)->name.value);
    }

    bool enter(const ast::Node &node) override
    {
        const std::string_view name = static_cast<const ast::NamedType &>(node).name.value;
        if (m_context.schema().type(name) ||
            std::find(m_defined.begin(), m_defined.end(), name) != m_defined.end())
            return true;
        // The definition the name is in: the second ancestor (after the document).
        const auto &ancestors = m_context.ancestors();
        const ast::Node *definition = ancestors.size() > 1 ? ancestors[1] : nullptr;
        const bool isSdl = definition && ast::isTypeSystemDefinitionOrExtension(definition->kind);
        const bool isStandard =
            std::find(std::begin(StandardTypeNames), std::end(StandardTypeNames), name) !=
            std::end(StandardTypeNames);
        if (isSdl && isStandard) return true;
        std::vector<std::string_view> options;
        if (isSdl) options.assign(std::begin(StandardTypeNames), std::end(StandardTypeNames));
        for (const NamedType *t : m_context.schema().types())
            options.push_back(t->name);
        options.insert(options.end(), m_defined.begin(), m_defined.end());
        m_context.report("Unknown type '" + str(name) + "'." +
                             didYouMean(suggestionList(name, options)),
                         {node.start});
        return true;
    }

private:
    std::vector<std::string_view> m_defined; // type names the document defines (SDL)
};

} // namespace

RulePtr knownTypeNames(ValidationContext &c)
{
    return std::make_unique<KnownTypeNames>(c);
}

} // namespace subscope::graphql::rules
