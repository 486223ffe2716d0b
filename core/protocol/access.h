#pragma once

#include "graphql/json_value.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace subscope::protocol {

// What the handshake tells about the client (W30).
struct ConnectionInfo
{
    std::optional<std::string> authorization;               // the Authorization header
    std::vector<std::pair<std::string, std::string>> query; // the URL's query string
    std::string peer;                                       // address:port, for logs
};

// W30: the token of a connection: the "Authorization: Token <key>" header first, else the query
// keys token, auth, authToken, accessToken, else (beyond) the connection_init payload keys
// authToken, token, Authorization. "Token " and "Bearer " prefixes are removed.
std::optional<std::string> connectionToken(const ConnectionInfo &info,
                                           const graphql::JsonValue &initPayload);

// W17: who may join which groups. Without rules everyone may join everything.
struct AccessPolicy
{
    // token: the connection's token when the policy knows it (an authenticated user), else
    // nullopt (anonymous). Return false to refuse the group.
    std::function<bool(const std::optional<std::string> &token, const std::string &group)> mayJoin;
    // Tokens the policy knows; an unknown token is anonymous (W30).
    std::function<bool(const std::string &token)> knowsToken;
};

} // namespace subscope::protocol
