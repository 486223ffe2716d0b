#include "rules.h"

#include <optional>
#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class KnownDirectives : public ValidationRule
{
public:
    explicit KnownDirectives(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Directive});
    }

    bool enter(const ast::Node &node) override
    {
        const std::string_view name = static_cast<const ast::Directive &>(node).name.value;
        std::vector<DirectiveLocation> documentLocations;
        const std::vector<DirectiveLocation> *locations = nullptr;
        if (const ast::DirectiveDefinition *d = m_context.documentDirective(name)) {
            for (const ast::Name *location : d->locations)
                if (auto l = directiveLocationFromName(location->value))
                    documentLocations.push_back(*l);
            locations = &documentLocations;
        } else if (const DirectiveDefinition *d = m_context.schema().directive(name)) {
            locations = &d->locations;
        }
        if (!locations) {
            m_context.report("Unknown directive '@" + str(name) + "'.", {node.start});
            return true;
        }
        const std::optional<DirectiveLocation> candidate = locationOfPath();
        if (candidate &&
            std::find(locations->begin(), locations->end(), *candidate) == locations->end())
            m_context.report("Directive '@" + str(name) + "' may not be used on " +
                                 directiveLocationText(*candidate) + ".",
                             {node.start});
        return true;
    }

private:
    std::optional<DirectiveLocation> locationOfPath() const
    {
        using K = ast::Kind;
        using L = DirectiveLocation;
        const auto &ancestors = m_context.ancestors();
        if (ancestors.empty()) return std::nullopt;
        const ast::Node *appliedTo = ancestors.back();
        switch (appliedTo->kind) {
        case K::OperationDefinition:
            switch (static_cast<const ast::OperationDefinition *>(appliedTo)->operation) {
            case ast::OperationType::Query:
                return L::Query;
            case ast::OperationType::Mutation:
                return L::Mutation;
            case ast::OperationType::Subscription:
                return L::Subscription;
            }
            return std::nullopt;
        case K::Field:
            return L::Field;
        case K::FragmentSpread:
            return L::FragmentSpread;
        case K::InlineFragment:
            return L::InlineFragment;
        case K::FragmentDefinition:
            return L::FragmentDefinition;
        case K::VariableDefinition:
            return L::VariableDefinition;
        case K::SchemaDefinition:
        case K::SchemaExtension:
            return L::Schema;
        case K::ScalarTypeDefinition:
        case K::ScalarTypeExtension:
            return L::Scalar;
        case K::ObjectTypeDefinition:
        case K::ObjectTypeExtension:
            return L::Object;
        case K::FieldDefinition:
            return L::FieldDefinition;
        case K::InterfaceTypeDefinition:
        case K::InterfaceTypeExtension:
            return L::Interface;
        case K::UnionTypeDefinition:
        case K::UnionTypeExtension:
            return L::Union;
        case K::EnumTypeDefinition:
        case K::EnumTypeExtension:
            return L::Enum;
        case K::EnumValueDefinition:
            return L::EnumValue;
        case K::InputObjectTypeDefinition:
        case K::InputObjectTypeExtension:
            return L::InputObject;
        case K::InputValueDefinition: {
            const ast::Node *parent =
                ancestors.size() >= 2 ? ancestors[ancestors.size() - 2] : nullptr;
            return parent && parent->kind == K::InputObjectTypeDefinition ? L::InputFieldDefinition
                                                                          : L::ArgumentDefinition;
        }
        default:
            return std::nullopt;
        }
    }
};

} // namespace

RulePtr knownDirectives(ValidationContext &c)
{
    return std::make_unique<KnownDirectives>(c);
}

} // namespace subscope::graphql::rules
