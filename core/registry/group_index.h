#pragma once

#include "ids.h"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace subscope::registry {

// Server-wide: which operations are in which channel group. Delivering to a group costs in
// proportion to its members, never to the number of sockets (W20).
class GroupIndex
{
public:
    // True when the member was not in the group yet.
    bool join(const std::string &group, const Member &member);
    // True when the member was in the group.
    bool leave(const std::string &group, const Member &member);

    // In the order they joined.
    const std::vector<Member> &members(std::string_view group) const;
    size_t groupCount() const { return m_groups.size(); }
    size_t membershipCount() const { return m_memberships; }
    std::vector<std::string> groupNames() const;

    // A group got its first member / lost its last (a channel layer across processes follows
    // them). Called after the change.
    std::function<void(const std::string &group)> onGroupOpened;
    std::function<void(const std::string &group)> onGroupClosed;

private:
    struct StringHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept
        {
            return std::hash<std::string_view>()(s);
        }
    };
    std::unordered_map<std::string, std::vector<Member>, StringHash, std::equal_to<>> m_groups;
    size_t m_memberships = 0;
};

} // namespace subscope::registry
