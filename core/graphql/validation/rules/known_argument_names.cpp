#include "graphql/suggestion.h"
#include "rules.h"

#include <algorithm>
#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class KnownArgumentNames : public ValidationRule
{
public:
    explicit KnownArgumentNames(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Directive, ast::Kind::Argument});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::Directive) {
            checkDirective(static_cast<const ast::Directive &>(node));
            return false; // directive arguments are checked here, not by the Argument visitor
        }
        const auto &argument = static_cast<const ast::Argument &>(node);
        const FieldDefinition *field = m_context.typeInfo().fieldDef();
        const NamedType *parentType = m_context.typeInfo().parentType();
        if (m_context.typeInfo().argument() || !field || !parentType) return true;
        std::vector<std::string_view> known;
        for (const InputValue &a : field->arguments)
            known.push_back(a.name);
        m_context.report("Unknown argument '" + str(argument.name.value) + "' on field '" +
                             parentType->name + "." + field->name + "'." +
                             didYouMean(suggestionList(argument.name.value, known)),
                         {argument.start});
        return true;
    }

private:
    void checkDirective(const ast::Directive &directive)
    {
        std::vector<std::string_view> known;
        if (const ast::DirectiveDefinition *d = m_context.documentDirective(directive.name.value)) {
            for (const ast::InputValueDefinition *a : d->arguments)
                known.push_back(a->name.value);
        } else if (const DirectiveDefinition *d =
                       m_context.schema().directive(directive.name.value)) {
            for (const InputValue &a : d->arguments)
                known.push_back(a.name);
        } else {
            return;
        }
        for (const ast::Argument *argument : directive.arguments) {
            const std::string_view name = argument->name.value;
            if (std::find(known.begin(), known.end(), name) != known.end()) continue;
            m_context.report("Unknown argument '" + str(name) + "' on directive '@" +
                                 str(directive.name.value) + "'." +
                                 didYouMean(suggestionList(name, known)),
                             {argument->start});
        }
    }
};

} // namespace

RulePtr knownArgumentNames(ValidationContext &c)
{
    return std::make_unique<KnownArgumentNames>(c);
}

} // namespace subscope::graphql::rules
