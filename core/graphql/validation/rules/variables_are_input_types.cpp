#include "graphql/printer.h"
#include "rules.h"

namespace subscope::graphql::rules {

namespace {

class VariablesAreInputTypes : public ValidationRule
{
public:
    explicit VariablesAreInputTypes(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::VariableDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        const auto &definition = static_cast<const ast::VariableDefinition &>(node);
        const TypeRef type = typeFromAst(m_context.schema(), *definition.type);
        if (type && !type.named()->isInputType())
            m_context.report("Variable '$" + str(definition.variable->name.value) +
                                 "' cannot be non-input type '" + printType(*definition.type) +
                                 "'.",
                             {definition.type->start});
        return true;
    }
};

} // namespace

RulePtr variablesAreInputTypes(ValidationContext &c)
{
    return std::make_unique<VariablesAreInputTypes>(c);
}

} // namespace subscope::graphql::rules
