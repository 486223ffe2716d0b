#include "rules.h"

namespace subscope::graphql::rules {

namespace {

// A document sent for execution holds only operations and fragments.
class ExecutableDefinitions : public ValidationRule
{
public:
    explicit ExecutableDefinitions(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Document});
    }

    bool enter(const ast::Node &node) override
    {
        for (const ast::Definition *definition :
             static_cast<const ast::Document &>(node).definitions) {
            if (ast::isExecutableDefinition(definition->kind)) continue;
            std::string name;
            if (definition->kind == ast::Kind::SchemaDefinition ||
                definition->kind == ast::Kind::SchemaExtension)
                name = "schema";
            else if (definition->kind == ast::Kind::DirectiveDefinition)
                name = "'" +
                       str(static_cast<const ast::DirectiveDefinition *>(definition)->name.value) +
                       "'";
            else
                name = "'" + str(static_cast<const ast::TypeDefinition *>(definition)->name.value) +
                       "'";
            m_context.report("The " + name + " definition is not executable.", {definition->start});
        }
        return false;
    }
};

} // namespace

RulePtr executableDefinitions(ValidationContext &c)
{
    return std::make_unique<ExecutableDefinitions>(c);
}

} // namespace subscope::graphql::rules
