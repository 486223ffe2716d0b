#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace subscope::graphql {

// The options close enough to `input` to suggest, closest first (graphql-core's suggestion_list:
// optimal string alignment distance on lower case, threshold 40% of the input's length + 1).
std::vector<std::string> suggestionList(std::string_view input,
                                        const std::vector<std::string_view> &options);

// " Did you mean 'a', 'b', or 'c'?" (at most five), or "" when there are no suggestions.
// `subMessage` goes between "Did you mean" and the list ("the enum value").
std::string didYouMean(const std::vector<std::string> &suggestions,
                       std::string_view subMessage = {});

// Compares names with digit runs compared by value ("field2" < "field10").
int naturalCompare(std::string_view a, std::string_view b);

// "'a', 'b', or 'c'" / "'a' or 'b'" / "'a'" as graphql-core's quoted_or_list.
std::string quotedOrList(const std::vector<std::string> &items);

} // namespace subscope::graphql
