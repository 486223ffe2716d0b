#include "outbox.h"

#include <QString>

namespace subscope::registry {

const char *overflowStrategyName(OverflowStrategy strategy)
{
    switch (strategy) {
    case OverflowStrategy::DropNewest:
        return "drop_newest";
    case OverflowStrategy::DropOldest:
        return "drop_oldest";
    case OverflowStrategy::CloseConnection:
        return "close_connection";
    }
    return "";
}

std::optional<OverflowStrategy> overflowStrategyFromName(const QString &name)
{
    for (OverflowStrategy s : {OverflowStrategy::DropNewest, OverflowStrategy::DropOldest,
                               OverflowStrategy::CloseConnection})
        if (name == QLatin1String(overflowStrategyName(s))) return s;
    return std::nullopt;
}

Outbox::Push Outbox::push(QByteArray frame)
{
    if (m_closing) return Push::Refused;
    if (m_frames.size() < m_capacity) {
        m_frames.push_back(std::move(frame));
        return Push::Queued;
    }
    ++m_drops;
    switch (m_strategy) {
    case OverflowStrategy::DropNewest:
        return Push::DroppedNew;
    case OverflowStrategy::DropOldest:
        m_frames.pop_front();
        m_frames.push_back(std::move(frame));
        return Push::DroppedOld;
    case OverflowStrategy::CloseConnection:
        m_closing = true;
        return Push::MustClose;
    }
    return Push::DroppedNew;
}

std::optional<QByteArray> Outbox::pop()
{
    if (m_frames.empty()) return std::nullopt;
    QByteArray frame = std::move(m_frames.front());
    m_frames.pop_front();
    return frame;
}

} // namespace subscope::registry
