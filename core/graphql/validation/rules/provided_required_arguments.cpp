#include "rules.h"

#include "graphql/printer.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class ProvidedRequiredArguments : public ValidationRule
{
public:
    explicit ProvidedRequiredArguments(ValidationContext &c) : ValidationRule(c)
    {
        onLeave({ast::Kind::Field, ast::Kind::Directive});
        for (const DirectiveDefinition *d : c.schema().directives()) {
            auto &required = m_directiveRequired[d->name];
            for (const InputValue &a : d->arguments)
                if (a.type.isNonNull() && !a.defaultValue)
                    required.push_back({a.name, a.type.toString()});
        }
        for (const ast::Definition *definition : c.document().root().definitions)
            if (definition->kind == ast::Kind::DirectiveDefinition) {
                const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
                auto &required = m_directiveRequired[d->name.value];
                required.clear();
                for (const ast::InputValueDefinition *a : d->arguments)
                    if (a->type->kind == ast::Kind::NonNullType && !a->defaultValue)
                        required.push_back({str(a->name.value), printType(*a->type)});
            }
    }

    void leave(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::Field) {
            const FieldDefinition *field = m_context.typeInfo().fieldDef();
            if (!field)
                return;
            const auto &arguments = static_cast<const ast::Field &>(node).arguments;
            for (const InputValue &a : field->arguments)
                if (a.type.isNonNull() && !a.defaultValue && !provided(arguments, a.name))
                    m_context.report("Field '" + field->name + "' argument '" + a.name + "' of type '"
                                         + a.type.toString() + "' is required, but it was not provided.",
                                     {node.start});
            return;
        }
        const auto &directive = static_cast<const ast::Directive &>(node);
        auto it = m_directiveRequired.find(directive.name.value);
        if (it == m_directiveRequired.end())
            return;
        for (const auto &[name, type] : it->second)
            if (!provided(directive.arguments, name))
                m_context.report("Directive '@" + str(directive.name.value) + "' argument '" + name + "' of type '"
                                     + type + "' is required, but it was not provided.",
                                 {node.start});
    }

private:
    static bool provided(const ast::List<ast::Argument> &arguments, std::string_view name)
    {
        for (const ast::Argument *a : arguments)
            if (a->name.value == name)
                return true;
        return false;
    }

    std::unordered_map<std::string_view, std::vector<std::pair<std::string, std::string>>> m_directiveRequired;
};

} // namespace

RulePtr providedRequiredArguments(ValidationContext &c) { return std::make_unique<ProvidedRequiredArguments>(c); }

} // namespace subscope::graphql::rules
