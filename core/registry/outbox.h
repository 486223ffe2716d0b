#pragma once

#include <QByteArray>

#include <cstdint>
#include <deque>
#include <optional>

namespace subscope::registry {

// What a full outbox does with one more frame (W28).
enum class OverflowStrategy
{
    DropNewest,      // the new frame is dropped (default)
    DropOldest,      // the oldest queued frame makes room
    CloseConnection, // the socket is closed, once, with 4413
};
const char *overflowStrategyName(OverflowStrategy strategy); // "drop_newest", ...
std::optional<OverflowStrategy> overflowStrategyFromName(const QString &name);

// A socket's bounded queue of outgoing frames, drained by its one sender (W28).
class Outbox
{
public:
    enum class Push
    {
        Queued,
        DroppedNew,
        DroppedOld,
        MustClose, // this frame overflowed under close_connection: the socket must close
        Refused    // the socket is already closing; not counted as a drop
    };

    explicit Outbox(size_t capacity = 256, OverflowStrategy strategy = OverflowStrategy::DropNewest)
        : m_capacity(capacity)
        , m_strategy(strategy)
    {}

    Push push(QByteArray frame);
    std::optional<QByteArray> pop();
    bool empty() const { return m_frames.empty(); }
    size_t size() const { return m_frames.size(); }
    size_t capacity() const { return m_capacity; }
    OverflowStrategy strategy() const { return m_strategy; }
    uint64_t drops() const { return m_drops; }
    bool closing() const { return m_closing; } // overflowed under close_connection

private:
    std::deque<QByteArray> m_frames;
    size_t m_capacity;
    OverflowStrategy m_strategy;
    uint64_t m_drops = 0;
    bool m_closing = false;
};

} // namespace subscope::registry
