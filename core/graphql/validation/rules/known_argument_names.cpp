#include "rules.h"

#include "graphql/suggestion.h"

#include <algorithm>
#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class KnownArgumentNames : public ValidationRule
{
public:
    explicit KnownArgumentNames(ValidationContext &c) : ValidationRule(c)
    {
        onEnter({ast::Kind::Directive, ast::Kind::Argument});
        for (const DirectiveDefinition *d : c.schema().directives()) {
            auto &names = m_directiveArgs[d->name];
            for (const InputValue &a : d->arguments)
                names.push_back(a.name);
        }
        for (const ast::Definition *definition : c.document().root().definitions)
            if (definition->kind == ast::Kind::DirectiveDefinition) {
                const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
                auto &names = m_directiveArgs[d->name.value];
                names.clear();
                for (const ast::InputValueDefinition *a : d->arguments)
                    names.push_back(a->name.value);
            }
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
        if (m_context.typeInfo().argument() || !field || !parentType)
            return true;
        std::vector<std::string_view> known;
        for (const InputValue &a : field->arguments)
            known.push_back(a.name);
        m_context.report("Unknown argument '" + str(argument.name.value) + "' on field '" + parentType->name
                             + "." + field->name + "'."
                             + didYouMean(suggestionList(argument.name.value, known)),
                         {argument.start});
        return true;
    }

private:
    void checkDirective(const ast::Directive &directive)
    {
        auto it = m_directiveArgs.find(directive.name.value);
        if (it == m_directiveArgs.end())
            return;
        for (const ast::Argument *argument : directive.arguments) {
            const std::string_view name = argument->name.value;
            if (std::find(it->second.begin(), it->second.end(), name) != it->second.end())
                continue;
            m_context.report("Unknown argument '" + str(name) + "' on directive '@" + str(directive.name.value)
                                 + "'." + didYouMean(suggestionList(name, it->second)),
                             {argument->start});
        }
    }

    std::unordered_map<std::string_view, std::vector<std::string_view>> m_directiveArgs;
};

} // namespace

RulePtr knownArgumentNames(ValidationContext &c) { return std::make_unique<KnownArgumentNames>(c); }

} // namespace subscope::graphql::rules
