#include "rules.h"

namespace subscope::graphql::rules {

std::vector<RulePtr> specifiedRules(ValidationContext &context)
{
    std::vector<RulePtr> list;
    for (auto make : {executableDefinitions,
                      uniqueOperationNames,
                      loneAnonymousOperation,
                      singleFieldSubscriptions,
                      knownTypeNames,
                      fragmentsOnCompositeTypes,
                      variablesAreInputTypes,
                      scalarLeafs,
                      fieldsOnCorrectType,
                      uniqueFragmentNames,
                      knownFragmentNames,
                      noUnusedFragments,
                      possibleFragmentSpreads,
                      noFragmentCycles,
                      uniqueVariableNames,
                      noUndefinedVariables,
                      noUnusedVariables,
                      knownDirectives,
                      uniqueDirectivesPerLocation,
                      knownArgumentNames,
                      uniqueArgumentNames,
                      valuesOfCorrectType,
                      providedRequiredArguments,
                      variablesInAllowedPosition,
                      overlappingFieldsCanBeMerged,
                      uniqueInputFieldNames})
        list.push_back(make(context));
    return list;
}

} // namespace subscope::graphql::rules
