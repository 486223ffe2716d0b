#include "rules.h"

namespace subscope::graphql::rules {

namespace {

// Leaf fields have no selection; composite fields must have one.
class ScalarLeafs : public ValidationRule
{
public:
    explicit ScalarLeafs(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Field});
    }

    bool enter(const ast::Node &node) override
    {
        const auto &field = static_cast<const ast::Field &>(node);
        const TypeRef type = m_context.typeInfo().type();
        if (!type) return true;
        const std::string name = str(field.name.value);
        if (type.named()->isLeafType()) {
            if (field.selectionSet)
                m_context.report("Field '" + name + "' must not have a selection since type '" +
                                     type.toString() + "' has no subfields.",
                                 {field.selectionSet->start});
        } else if (!field.selectionSet) {
            m_context.report("Field '" + name + "' of type '" + type.toString() +
                                 "' must have a selection of subfields. Did you mean '" + name +
                                 " { ... }'?",
                             {field.start});
        }
        return true;
    }
};

} // namespace

RulePtr scalarLeafs(ValidationContext &c)
{
    return std::make_unique<ScalarLeafs>(c);
}

} // namespace subscope::graphql::rules
