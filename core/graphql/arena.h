#pragma once

#include <cstring>
#include <memory_resource>
#include <string_view>
#include <type_traits>
#include <utility>

namespace subscope::graphql {

// Bump allocator for AST nodes: a document is freed all at once, so nodes are never destroyed
// one by one and must be trivially destructible.
class Arena
{
public:
    explicit Arena(size_t initialBytes = 1024)
        : m_resource(initialBytes)
    {}
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    template <class T, class... Args> T *make(Args &&...args)
    {
        static_assert(std::is_trivially_destructible_v<T>);
        return new (m_resource.allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
    }

    template <class T> T *allocateArray(size_t count)
    {
        static_assert(std::is_trivially_destructible_v<T>);
        if (count == 0) return nullptr;
        return static_cast<T *>(m_resource.allocate(sizeof(T) * count, alignof(T)));
    }

    std::string_view copy(std::string_view text)
    {
        if (text.empty()) return {};
        char *data = allocateArray<char>(text.size());
        std::memcpy(data, text.data(), text.size());
        return {data, text.size()};
    }

private:
    std::pmr::monotonic_buffer_resource m_resource;
};

} // namespace subscope::graphql
