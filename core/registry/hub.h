#pragma once

#include "event_shaping.h"
#include "group_index.h"
#include "ids.h"
#include "outbox.h"

#include <QByteArray>

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace subscope::registry {

// An operation of a socket as the registry keeps it (W27: a reused id adds to it).
struct OperationRecord
{
    std::string responseKey;                  // of the latest registration
    std::vector<std::string> requestedFields; // all registrations together (W23)
    std::vector<std::string> groups;          // the groups it is in now
};

struct HubCounters
{
    uint64_t triggers = 0;     // events published
    uint64_t deliveries = 0;   // event frames queued
    uint64_t framesQueued = 0; // all frames queued (acks, results, events, keepalives)
    uint64_t dropsByStrategy[3] = {0, 0, 0}; // indexed by OverflowStrategy
};

// The server-wide registry: sockets with their operations and outboxes, and the group index.
// Sessions register and unregister operations here; triggers publish events here; adapters
// drain the outboxes. No sockets, no timers: the server/ adapters do that.
struct HubConfig
{
    size_t outboxCapacity = 256;
    OverflowStrategy overflow = OverflowStrategy::DropNewest;
};

class Hub
{
public:
    using Config = HubConfig;
    explicit Hub(HubConfig config = HubConfig());

    // `resultType` is the subprotocol's result frame type: "next" or "data" (W2).
    SocketId addSocket(std::string resultType);
    // Removes the socket's operations from every group (W26: closing removes all).
    void removeSocket(SocketId socket);
    bool hasSocket(SocketId socket) const { return m_sockets.count(socket) != 0; }
    size_t socketCount() const { return m_sockets.size(); }

    const OperationRecord *operation(SocketId socket, const std::string &id) const;
    size_t operationCount(SocketId socket) const;
    size_t operationCount() const;
    // Creates the operation or, for an id still active, updates it (W27); returns the record.
    OperationRecord &upsertOperation(SocketId socket, const std::string &id,
                                     const std::string &responseKey,
                                     const std::vector<std::string> &requestedFields);
    // Joins groups (W13); returns those of `groups` the operation is in afterwards.
    std::vector<std::string> join(SocketId socket, const std::string &id,
                                  const std::vector<std::string> &groups);
    // Leaves groups (W15); the operation stays, possibly in no group (W27).
    void leave(SocketId socket, const std::string &id, const std::vector<std::string> &groups);
    // Forgets the operation and takes it out of all its groups (W26); false if it did not exist.
    bool removeOperation(SocketId socket, const std::string &id);

    // W20-W23: one frame per member operation of `group`, shaped once per distinct response key
    // and field filter. Returns the number of frames queued.
    size_t publish(const std::string &group, const JsonValue &value);

    // Queues a frame on the socket's outbox (W28).
    void send(SocketId socket, QByteArray frame);
    Outbox *outbox(SocketId socket);
    // Sockets whose outbox overflowed under close_connection (W28), each reported once.
    std::vector<SocketId> takeSocketsToClose();
    // Called (with the socket) whenever frames were queued: the adapter wakes its writer.
    std::function<void(SocketId)> onFramesQueued;
    // Called after every change of who is in which group, or of an operation's response key:
    // the explorer's groups view follows it.
    std::function<void()> onMembershipChanged;

    const GroupIndex &groups() const { return m_groups; }
    GroupIndex &groups() { return m_groups; }
    const HubCounters &counters() const { return m_counters; }
    uint64_t drops() const;
    const Config &config() const { return m_config; }

private:
    struct Socket
    {
        std::string resultType;
        std::map<std::string, OperationRecord> operations;
        Outbox outbox;
    };

    void membershipChanged()
    {
        if (onMembershipChanged) onMembershipChanged();
    }
    void leaveAllGroups(SocketId id, Socket &socket);

    Config m_config;
    SocketId m_nextSocket = 1;
    std::unordered_map<SocketId, Socket> m_sockets;
    GroupIndex m_groups;
    HubCounters m_counters;
    std::vector<SocketId> m_toClose;
    // While publish() walks a group, sockets to close leave their groups only after the walk.
    bool m_publishing = false;
    std::vector<SocketId> m_leaveAfterPublish;
};

} // namespace subscope::registry
