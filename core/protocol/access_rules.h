#pragma once

#include "access.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace subscope::protocol {

// W17 and W30 as a server's configuration (the --auth file and --require-auth):
//
//   {"tokens": {"alice-token": {"user": "alice", "groups": ["MyModelCreated", "MyModelUpdated.*"]},
//               "admin-token": {"user": "admin"}}}
//
// A known token is a user who may join the groups matching its patterns (all groups when
// "groups" is absent). A socket without a known token is anonymous: it may join any group unless
// auth is required. In a pattern `*` matches any run of characters; all else matches itself.
struct AccessRules
{
    struct User
    {
        std::string name;
        std::optional<std::vector<std::string>> groups; // nullopt: every group
    };

    std::map<std::string, User, std::less<>> tokens;
    bool requireAuth = false; // anonymous sockets may join no group

    // The rules of a JSON document; nullopt with a message naming the offending key otherwise.
    static std::optional<AccessRules> fromJson(const graphql::JsonValue &document,
                                               std::string *error);
    bool mayJoin(const std::optional<std::string> &token, std::string_view group) const;
    // A policy for SessionConfig::access that refers to these rules (keep them alive).
    AccessPolicy policy() const;
};

bool groupMatchesPattern(std::string_view pattern, std::string_view group);

} // namespace subscope::protocol
