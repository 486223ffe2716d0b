#include "graphql/printer.h"
#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class ProvidedRequiredArguments : public ValidationRule
{
public:
    explicit ProvidedRequiredArguments(ValidationContext &c)
        : ValidationRule(c)
    {
        onLeave({ast::Kind::Field, ast::Kind::Directive});
    }

    void leave(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::Field) {
            const FieldDefinition *field = m_context.typeInfo().fieldDef();
            if (!field) return;
            const auto &arguments = static_cast<const ast::Field &>(node).arguments;
            for (const InputValue &a : field->arguments)
                if (a.type.isNonNull() && !a.defaultValue && !provided(arguments, a.name))
                    m_context.report("Field '" + field->name + "' argument '" + a.name +
                                         "' of type '" + a.type.toString() +
                                         "' is required, but it was not provided.",
                                     {node.start});
            return;
        }
        const auto &directive = static_cast<const ast::Directive &>(node);
        auto missing = [&](std::string_view name, const std::string &type) {
            m_context.report("Directive '@" + str(directive.name.value) + "' argument '" +
                                 str(name) + "' of type '" + type +
                                 "' is required, but it was not provided.",
                             {node.start});
        };
        if (const ast::DirectiveDefinition *d = m_context.documentDirective(directive.name.value)) {
            for (const ast::InputValueDefinition *a : d->arguments)
                if (a->type->kind == ast::Kind::NonNullType && !a->defaultValue &&
                    !provided(directive.arguments, a->name.value))
                    missing(a->name.value, printType(*a->type));
        } else if (const DirectiveDefinition *d =
                       m_context.schema().directive(directive.name.value)) {
            for (const InputValue &a : d->arguments)
                if (a.type.isNonNull() && !a.defaultValue && !provided(directive.arguments, a.name))
                    missing(a.name, a.type.toString());
        }
    }

private:
    static bool provided(const ast::List<ast::Argument> &arguments, std::string_view name)
    {
        for (const ast::Argument *a : arguments)
            if (a->name.value == name) return true;
        return false;
    }
};

} // namespace

RulePtr providedRequiredArguments(ValidationContext &c)
{
    return std::make_unique<ProvidedRequiredArguments>(c);
}

} // namespace subscope::graphql::rules
