#include "graphql/collect_fields.h"
#include "rules.h"

namespace subscope::graphql::rules {

namespace {

// A subscription selects exactly one root field, which is not an introspection field.
class SingleFieldSubscriptions : public ValidationRule
{
public:
    explicit SingleFieldSubscriptions(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::OperationDefinition});
    }

    bool enter(const ast::Node &node) override
    {
        const auto &operation = static_cast<const ast::OperationDefinition &>(node);
        if (operation.operation != ast::OperationType::Subscription) return true;
        const NamedType *subscriptionType = m_context.schema().subscriptionType();
        if (!subscriptionType) return true;
        const std::string subject = operation.name.empty()
                                        ? std::string("Anonymous Subscription")
                                        : "Subscription '" + str(operation.name.value) + "'";
        const FragmentMap fragments = fragmentsOf(m_context.document().root());
        const JsonValue noVariables = JsonValue::object();
        CollectedFields fields =
            collectFields(m_context.schema(), m_context.document(), fragments, noVariables,
                          subscriptionType, *operation.selectionSet);
        if (fields.error)
            throw *fields.error; // graphql-core raises this out of validate(); see validate.cpp
        if (fields.groups.size() > 1) {
            std::vector<uint32_t> extra;
            for (size_t i = 1; i < fields.groups.size(); ++i)
                for (const ast::Field *f : fields.groups[i].second)
                    extra.push_back(f->start);
            m_context.report(subject + " must select only one top level field.", extra);
        }
        for (const auto &[key, nodes] : fields.groups) {
            if (nodes.front()->name.value.substr(0, 2) == "__") {
                std::vector<uint32_t> offsets;
                for (const ast::Field *f : nodes)
                    offsets.push_back(f->start);
                m_context.report(subject + " must not select an introspection top level field.",
                                 offsets);
            }
        }
        return true;
    }
};

} // namespace

RulePtr singleFieldSubscriptions(ValidationContext &c)
{
    return std::make_unique<SingleFieldSubscriptions>(c);
}

} // namespace subscope::graphql::rules
