#include "access_rules.h"

#include <algorithm>

namespace subscope::protocol {

namespace {

bool allows(const AccessRules::User &user, std::string_view group)
{
    return !user.groups ||
           std::any_of(user.groups->begin(), user.groups->end(), [&](const std::string &pattern) {
               return groupMatchesPattern(pattern, group);
           });
}

} // namespace

bool groupMatchesPattern(std::string_view pattern, std::string_view group)
{
    // Iterative wildcard match with backtracking to the last star: linear in practice.
    size_t p = 0, g = 0, star = std::string_view::npos, resume = 0;
    while (g < group.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = g;
        } else if (p < pattern.size() && pattern[p] == group[g]) {
            ++p;
            ++g;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            g = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::optional<AccessRules> AccessRules::fromJson(const graphql::JsonValue &document,
                                                 std::string *error)
{
    const auto fail = [&](std::string message) {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    if (!document.isObject()) return fail("the rules must be a JSON object");
    AccessRules rules;
    for (const auto &[key, value] : document.members()) {
        if (key != "tokens") return fail("unknown key \"" + key + "\" (expected \"tokens\")");
        if (!value.isObject())
            return fail(
                "\"tokens\" must be an object of token: {\"user\": ..., \"groups\": [...]}");
        for (const auto &[token, entry] : value.members()) {
            const std::string where = "token \"" + token + "\"";
            if (token.empty()) return fail("a token must not be empty");
            if (!entry.isObject())
                return fail(where + " must map to {\"user\": ..., \"groups\": [...]}");
            User user;
            for (const auto &[field, v] : entry.members()) {
                if (field == "user") {
                    if (!v.isString() || v.toString().empty())
                        return fail(where + ": \"user\" must be a non-empty string");
                    user.name = v.toString();
                } else if (field == "groups") {
                    if (!v.isArray())
                        return fail(where + ": \"groups\" must be a list of group patterns");
                    user.groups.emplace();
                    for (const graphql::JsonValue &pattern : v.items()) {
                        if (!pattern.isString() || pattern.toString().empty())
                            return fail(where + ": \"groups\" must be a list of group patterns");
                        user.groups->push_back(pattern.toString());
                    }
                } else {
                    return fail(where + ": unknown key \"" + field +
                                "\" (expected \"user\" and \"groups\")");
                }
            }
            if (user.name.empty()) return fail(where + ": \"user\" is missing");
            rules.tokens[token] = std::move(user);
        }
    }
    return rules;
}

bool AccessRules::mayJoin(const std::optional<std::string> &token, std::string_view group) const
{
    if (token) {
        auto it = tokens.find(*token);
        if (it != tokens.end()) return allows(it->second, group);
    }
    return !requireAuth;
}

AccessPolicy AccessRules::policy() const
{
    AccessPolicy policy;
    policy.mayJoin = [this](const std::optional<std::string> &token, const std::string &group) {
        return mayJoin(token, group);
    };
    policy.knowsToken = [this](const std::string &token) { return tokens.count(token) != 0; };
    return policy;
}

} // namespace subscope::protocol
