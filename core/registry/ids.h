#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace subscope::registry {

using SocketId = uint64_t;

// One operation of one socket: what a group holds.
struct Member
{
    SocketId socket = 0;
    std::string operation; // the id the client chose

    friend bool operator==(const Member &, const Member &) = default;
    friend bool operator<(const Member &a, const Member &b)
    {
        return a.socket != b.socket ? a.socket < b.socket : a.operation < b.operation;
    }
};

} // namespace subscope::registry

template <> struct std::hash<subscope::registry::Member>
{
    size_t operator()(const subscope::registry::Member &m) const noexcept
    {
        return std::hash<uint64_t>()(m.socket) * 31 + std::hash<std::string>()(m.operation);
    }
};
