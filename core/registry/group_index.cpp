#include "group_index.h"

#include <algorithm>

namespace subscope::registry {

bool GroupIndex::join(const std::string &group, const Member &member)
{
    std::vector<Member> &members = m_groups[group];
    if (std::find(members.begin(), members.end(), member) != members.end()) return false;
    members.push_back(member);
    ++m_memberships;
    if (members.size() == 1 && onGroupOpened) onGroupOpened(group);
    return true;
}

bool GroupIndex::leave(const std::string &group, const Member &member)
{
    auto it = m_groups.find(group);
    if (it == m_groups.end()) return false;
    std::vector<Member> &members = it->second;
    auto found = std::find(members.begin(), members.end(), member);
    if (found == members.end()) return false;
    members.erase(found);
    --m_memberships;
    if (members.empty()) {
        m_groups.erase(it);
        if (onGroupClosed) onGroupClosed(group);
    }
    return true;
}

const std::vector<Member> &GroupIndex::members(std::string_view group) const
{
    static const std::vector<Member> none;
    auto it = m_groups.find(group);
    return it == m_groups.end() ? none : it->second;
}

std::vector<std::string> GroupIndex::groupNames() const
{
    std::vector<std::string> names;
    names.reserve(m_groups.size());
    for (const auto &[name, members] : m_groups)
        names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace subscope::registry
