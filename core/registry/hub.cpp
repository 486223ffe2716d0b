#include "hub.h"

#include <algorithm>
#include <tuple>

namespace subscope::registry {

Hub::Hub(Config config)
    : m_config(config)
{}

SocketId Hub::addSocket(std::string resultType)
{
    const SocketId id = m_nextSocket++;
    m_sockets.emplace(
        id, Socket{std::move(resultType), {}, Outbox(m_config.outboxCapacity, m_config.overflow)});
    return id;
}

void Hub::removeSocket(SocketId socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end()) return;
    bool grouped = false;
    for (auto &[id, record] : it->second.operations)
        for (const std::string &group : record.groups)
            grouped |= m_groups.leave(group, Member{socket, id});
    m_sockets.erase(it);
    if (grouped) membershipChanged();
}

size_t Hub::operationCount(SocketId socket) const
{
    auto s = m_sockets.find(socket);
    return s == m_sockets.end() ? 0 : s->second.operations.size();
}

const OperationRecord *Hub::operation(SocketId socket, const std::string &id) const
{
    auto s = m_sockets.find(socket);
    if (s == m_sockets.end()) return nullptr;
    auto op = s->second.operations.find(id);
    return op == s->second.operations.end() ? nullptr : &op->second;
}

size_t Hub::operationCount() const
{
    size_t count = 0;
    for (const auto &[id, socket] : m_sockets)
        count += socket.operations.size();
    return count;
}

OperationRecord &Hub::upsertOperation(SocketId socket, const std::string &id,
                                      const std::string &responseKey,
                                      const std::vector<std::string> &requestedFields)
{
    OperationRecord &record = m_sockets.at(socket).operations[id];
    const bool keyChanged = record.responseKey != responseKey;
    record.responseKey = responseKey;
    for (const std::string &field : requestedFields)
        if (std::find(record.requestedFields.begin(), record.requestedFields.end(), field) ==
            record.requestedFields.end())
            record.requestedFields.push_back(field);
    if (keyChanged && !record.groups.empty()) membershipChanged();
    return record;
}

std::vector<std::string> Hub::join(SocketId socket, const std::string &id,
                                   const std::vector<std::string> &groups)
{
    OperationRecord &record = m_sockets.at(socket).operations.at(id);
    bool joined = false;
    for (const std::string &group : groups) {
        joined |= m_groups.join(group, Member{socket, id});
        if (std::find(record.groups.begin(), record.groups.end(), group) == record.groups.end())
            record.groups.push_back(group);
    }
    if (joined) membershipChanged();
    return groups;
}

void Hub::leave(SocketId socket, const std::string &id, const std::vector<std::string> &groups)
{
    OperationRecord &record = m_sockets.at(socket).operations.at(id);
    bool left = false;
    for (const std::string &group : groups) {
        left |= m_groups.leave(group, Member{socket, id});
        record.groups.erase(std::remove(record.groups.begin(), record.groups.end(), group),
                            record.groups.end());
    }
    if (left) membershipChanged();
}

bool Hub::removeOperation(SocketId socket, const std::string &id)
{
    auto s = m_sockets.find(socket);
    if (s == m_sockets.end()) return false;
    auto op = s->second.operations.find(id);
    if (op == s->second.operations.end()) return false;
    const bool grouped = !op->second.groups.empty();
    for (const std::string &group : op->second.groups)
        m_groups.leave(group, Member{socket, id});
    s->second.operations.erase(op);
    if (grouped) membershipChanged();
    return true;
}

size_t Hub::publish(const std::string &group, const JsonValue &value)
{
    ++m_counters.triggers;
    // The group is walked in place: nothing changes it until the walk ends (sockets to close
    // leave their groups afterwards).
    const std::vector<Member> &members = m_groups.members(group);
    // One payload per distinct (response key, requested fields), keyed by the first operation
    // that has it: compared by value, never copied.
    struct SameShape
    {
        bool operator()(const OperationRecord *a, const OperationRecord *b) const
        {
            return std::tie(a->responseKey, a->requestedFields) <
                   std::tie(b->responseKey, b->requestedFields);
        }
    };
    std::map<const OperationRecord *, std::string, SameShape> payloads;
    size_t queued = 0;
    m_publishing = true;
    for (const Member &member : members) {
        auto s = m_sockets.find(member.socket);
        if (s == m_sockets.end()) continue;
        auto op = s->second.operations.find(member.operation);
        if (op == s->second.operations.end()) continue;
        const OperationRecord &record = op->second;
        auto payload = payloads.find(&record);
        if (payload == payloads.end())
            payload =
                payloads
                    .emplace(&record,
                             resultPayload(record.responseKey,
                                           filterRequestedFields(value, record.requestedFields)))
                    .first;
        const size_t before = s->second.outbox.drops();
        send(member.socket,
             operationFrame(member.operation, s->second.resultType, payload->second));
        if (s->second.outbox.drops() == before) ++queued;
    }
    m_publishing = false;
    for (SocketId id : std::exchange(m_leaveAfterPublish, {})) {
        auto s = m_sockets.find(id);
        if (s != m_sockets.end()) leaveAllGroups(id, s->second);
    }
    m_counters.deliveries += queued;
    return queued;
}

void Hub::leaveAllGroups(SocketId id, Socket &socket)
{
    for (auto &[operation, record] : socket.operations) {
        for (const std::string &group : record.groups)
            m_groups.leave(group, Member{id, operation});
        record.groups.clear();
    }
}

void Hub::send(SocketId socket, QByteArray frame)
{
    auto s = m_sockets.find(socket);
    if (s == m_sockets.end()) return;
    switch (s->second.outbox.push(std::move(frame))) {
    case Outbox::Push::Queued:
        ++m_counters.framesQueued;
        break;
    case Outbox::Push::DroppedOld:
        ++m_counters.framesQueued;
        ++m_counters.dropsByStrategy[int(OverflowStrategy::DropOldest)];
        break;
    case Outbox::Push::DroppedNew:
        ++m_counters.dropsByStrategy[int(s->second.outbox.strategy())];
        return;
    case Outbox::Push::MustClose:
        ++m_counters.dropsByStrategy[int(OverflowStrategy::CloseConnection)];
        m_toClose.push_back(socket);
        // The socket is as good as closed: later events must not reach or cost it anything.
        if (m_publishing)
            m_leaveAfterPublish.push_back(socket);
        else
            leaveAllGroups(socket, s->second);
        return;
    case Outbox::Push::Refused:
        return;
    }
    if (onFramesQueued) onFramesQueued(socket);
}

Outbox *Hub::outbox(SocketId socket)
{
    auto s = m_sockets.find(socket);
    return s == m_sockets.end() ? nullptr : &s->second.outbox;
}

std::vector<SocketId> Hub::takeSocketsToClose()
{
    return std::exchange(m_toClose, {});
}

uint64_t Hub::drops() const
{
    return m_counters.dropsByStrategy[0] + m_counters.dropsByStrategy[1] +
           m_counters.dropsByStrategy[2];
}

} // namespace subscope::registry
