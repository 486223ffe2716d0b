#include "rules.h"

#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class VariablesInAllowedPosition : public ValidationRule
{
public:
    explicit VariablesInAllowedPosition(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition, ast::Kind::VariableDefinition});
        onLeave({ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::OperationDefinition) {
            m_definitions.clear();
        } else {
            const auto *d = static_cast<const ast::VariableDefinition *>(&node);
            m_definitions[d->variable->name.value] = d;
        }
        return true;
    }

    void leave(const ast::Node &node) override
    {
        const Schema &schema = m_context.schema();
        for (const VariableUsage &usage : m_context.recursiveVariableUsages(
                 static_cast<const ast::OperationDefinition *>(&node))) {
            const std::string_view name = usage.node->name.value;
            auto it = m_definitions.find(name);
            if (it == m_definitions.end() || !usage.type) continue;
            const ast::VariableDefinition *definition = it->second;
            const TypeRef varType = typeFromAst(schema, *definition->type);
            if (!varType || allowed(schema, varType, definition->defaultValue, usage)) continue;
            m_context.report("Variable '$" + str(name) + "' of type '" + varType.toString() +
                                 "' used in position expecting type '" + usage.type.toString() +
                                 "'.",
                             {definition->start, usage.node->start});
        }
    }

private:
    // A nullable variable may stand where a non-null value is expected when it or the location
    // has a default value.
    static bool allowed(const Schema &schema, TypeRef varType, const ast::Value *varDefault,
                        const VariableUsage &usage)
    {
        const TypeRef locationType = usage.type;
        if (locationType.isNonNull() && !varType.isNonNull()) {
            const bool hasNonNullVariableDefault =
                varDefault && varDefault->kind != ast::Kind::NullValue;
            const bool hasLocationDefault = usage.defaultOwner != nullptr;
            if (!hasNonNullVariableDefault && !hasLocationDefault) return false;
            return schema.isTypeSubTypeOf(varType, locationType.ofType());
        }
        return schema.isTypeSubTypeOf(varType, locationType);
    }

    std::unordered_map<std::string_view, const ast::VariableDefinition *> m_definitions;
};

} // namespace

RulePtr variablesInAllowedPosition(ValidationContext &c)
{
    return std::make_unique<VariablesInAllowedPosition>(c);
}

} // namespace subscope::graphql::rules
