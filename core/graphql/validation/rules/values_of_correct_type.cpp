#include "graphql/printer.h"
#include "graphql/scalars.h"
#include "graphql/suggestion.h"
#include "rules.h"

namespace subscope::graphql::rules {

namespace {

// Every literal value fits the input type expected where it is written.
class ValuesOfCorrectType : public ValidationRule
{
public:
    explicit ValuesOfCorrectType(ValidationContext &c)
        : ValidationRule(c)
    {
        using K = ast::Kind;
        onEnter({K::ListValue, K::ObjectValue, K::ObjectField, K::NullValue, K::EnumValue,
                 K::IntValue, K::FloatValue, K::StringValue, K::BooleanValue});
    }

    bool enter(const ast::Node &node) override
    {
        const TypeInfo &info = m_context.typeInfo();
        switch (node.kind) {
        case ast::Kind::ListValue:
            if (!info.parentInputType().nullable().isList()) {
                checkLeaf(node);
                return false;
            }
            return true;
        case ast::Kind::ObjectValue: {
            const TypeRef type = info.inputType();
            if (!type || type.named()->kind != TypeKind::InputObject) {
                checkLeaf(node);
                return false;
            }
            const NamedType &object = *type.named();
            const auto &value = static_cast<const ast::ObjectValue &>(node);
            for (const InputValue &field : object.inputFields) {
                bool provided = false;
                for (const ast::ObjectField *f : value.fields)
                    provided = provided || f->name.value == field.name;
                if (!provided && field.type.isNonNull() && !field.defaultValue)
                    m_context.report("Field '" + object.name + "." + field.name +
                                         "' of required type '" + field.type.toString() +
                                         "' was not provided.",
                                     {node.start});
            }
            return true;
        }
        case ast::Kind::ObjectField: {
            const TypeRef parent = info.parentInputType();
            if (!info.inputType() && parent && parent.named()->kind == TypeKind::InputObject) {
                const std::string_view name =
                    static_cast<const ast::ObjectField &>(node).name.value;
                std::vector<std::string_view> names;
                for (const InputValue &f : parent.named()->inputFields)
                    names.push_back(f.name);
                m_context.report("Field '" + str(name) + "' is not defined by type '" +
                                     parent.named()->name + "'." +
                                     didYouMean(suggestionList(name, names)),
                                 {node.start});
            }
            return true;
        }
        case ast::Kind::NullValue: {
            const TypeRef type = info.inputType();
            if (type.isNonNull())
                m_context.report("Expected value of type '" + type.toString() + "', found null.",
                                 {node.start});
            return true;
        }
        default:
            checkLeaf(node);
            return true;
        }
    }

private:
    // A scalar or enum decides with its parse_literal whether a literal is valid.
    void checkLeaf(const ast::Node &node)
    {
        const TypeRef locationType = m_context.typeInfo().inputType();
        if (!locationType) return;
        const auto &value = static_cast<const ast::Value &>(node);
        const NamedType &type = *locationType.named();
        if (!type.isLeafType()) {
            m_context.report("Expected value of type '" + locationType.toString() + "', found " +
                                 printValue(value) + ".",
                             {node.start});
            return;
        }
        const Coercion result = parseLiteral(type, value, nullptr);
        if (result.ok) return;
        if (!result.error.empty())
            m_context.report(result.error, {node.start});
        else
            m_context.report("Expected value of type '" + locationType.toString() + "', found " +
                                 printValue(value) + ".",
                             {node.start});
    }
};

} // namespace

RulePtr valuesOfCorrectType(ValidationContext &c)
{
    return std::make_unique<ValuesOfCorrectType>(c);
}

} // namespace subscope::graphql::rules
