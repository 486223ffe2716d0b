#include "access.h"

namespace subscope::protocol {

namespace {

std::string withoutScheme(const std::string &value)
{
    for (const char *prefix : {"Token ", "Bearer "}) {
        const std::string p(prefix);
        if (value.compare(0, p.size(), p) == 0) return value.substr(p.size());
    }
    return value;
}

} // namespace

std::optional<std::string> connectionToken(const ConnectionInfo &info,
                                           const graphql::JsonValue &initPayload)
{
    if (info.authorization && info.authorization->rfind("Token ", 0) == 0)
        return info.authorization->substr(6);
    for (const char *key : {"token", "auth", "authToken", "accessToken"})
        for (const auto &[name, value] : info.query)
            if (name == key && !value.empty()) return value;
    if (initPayload.isObject())
        for (const char *key : {"authToken", "token", "Authorization"})
            if (const graphql::JsonValue *v = initPayload.find(key);
                v && v->isString() && !v->toString().empty())
                return withoutScheme(v->toString());
    return std::nullopt;
}

} // namespace subscope::protocol
