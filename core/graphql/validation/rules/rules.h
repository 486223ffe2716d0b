#pragma once

#include "graphql/validation/validation_context.h"

#include <memory>
#include <vector>

namespace subscope::graphql::rules {

using RulePtr = std::unique_ptr<ValidationRule>;

// graphql-js's specifiedRules, in the spec's order; messages as graphql-core 3.2 words them.
RulePtr executableDefinitions(ValidationContext &);
RulePtr uniqueOperationNames(ValidationContext &);
RulePtr loneAnonymousOperation(ValidationContext &);
RulePtr singleFieldSubscriptions(ValidationContext &);
RulePtr knownTypeNames(ValidationContext &);
RulePtr fragmentsOnCompositeTypes(ValidationContext &);
RulePtr variablesAreInputTypes(ValidationContext &);
RulePtr scalarLeafs(ValidationContext &);
RulePtr fieldsOnCorrectType(ValidationContext &);
RulePtr uniqueFragmentNames(ValidationContext &);
RulePtr knownFragmentNames(ValidationContext &);
RulePtr noUnusedFragments(ValidationContext &);
RulePtr possibleFragmentSpreads(ValidationContext &);
RulePtr noFragmentCycles(ValidationContext &);
RulePtr uniqueVariableNames(ValidationContext &);
RulePtr noUndefinedVariables(ValidationContext &);
RulePtr noUnusedVariables(ValidationContext &);
RulePtr knownDirectives(ValidationContext &);
RulePtr uniqueDirectivesPerLocation(ValidationContext &);
RulePtr knownArgumentNames(ValidationContext &);
RulePtr uniqueArgumentNames(ValidationContext &);
RulePtr valuesOfCorrectType(ValidationContext &);
RulePtr providedRequiredArguments(ValidationContext &);
RulePtr variablesInAllowedPosition(ValidationContext &);
RulePtr overlappingFieldsCanBeMerged(ValidationContext &);
RulePtr uniqueInputFieldNames(ValidationContext &);

std::vector<RulePtr> specifiedRules(ValidationContext &context);

// Helpers shared by several rules.
inline std::string str(std::string_view s)
{
    return std::string(s);
}
inline const ast::List<ast::Directive> *directivesOf(const ast::Node &node)
{
    using K = ast::Kind;
    switch (node.kind) {
    case K::OperationDefinition:
        return &static_cast<const ast::OperationDefinition &>(node).directives;
    case K::VariableDefinition:
        return &static_cast<const ast::VariableDefinition &>(node).directives;
    case K::Field:
    case K::FragmentSpread:
    case K::InlineFragment:
        return &static_cast<const ast::Selection &>(node).directives;
    case K::FragmentDefinition:
        return &static_cast<const ast::FragmentDefinition &>(node).directives;
    case K::SchemaDefinition:
    case K::SchemaExtension:
        return &static_cast<const ast::SchemaDefinition &>(node).directives;
    case K::FieldDefinition:
        return &static_cast<const ast::FieldDefinition &>(node).directives;
    case K::InputValueDefinition:
        return &static_cast<const ast::InputValueDefinition &>(node).directives;
    case K::EnumValueDefinition:
        return &static_cast<const ast::EnumValueDefinition &>(node).directives;
    default:
        if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind))
            return &static_cast<const ast::TypeDefinition &>(node).directives;
        return nullptr;
    }
}

} // namespace subscope::graphql::rules
