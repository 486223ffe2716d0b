#pragma once

#include "graphql/json_value.h"
#include "subprotocol.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace subscope::protocol {

// The client side of both subprotocols (../shared/spec/wire-contract.md), as a pure state
// machine: the owner of the socket writes the frames it returns and feeds it the text frames it
// reads. Understands the cyparta acks (W14, W15) and null results (W13a) of the Django package and
// of Subscope, and works with any graphql-ws / subscriptions-transport-ws server.

enum class OperationState
{
    Starting,     // start frame written (or queued until connection_ack), no answer yet
    Registered,   // a register ack came (W14); events keep it here
    Unregistered, // an unregister ack (W15) or a null result (W13a) left it in no group
    Active,       // results without a register ack: a query's result, or a plain graphql-ws server
    Completed,    // stopped by the client or completed by the server; in no group
    Error, // an errors result (W12, W16, W17) or an error frame (W10) left it in no group; sticky
};
const char *operationStateName(OperationState state); // "starting", "registered", ...

struct ClientMessage // one incoming frame, classified
{
    enum class Kind
    {
        ConnectionAck,
        ConnectionError, // graphql-ws (legacy) connection_error
        Keepalive,       // graphql-ws (legacy) ka
        Ping,            // graphql-transport-ws: answered with a pong in ClientOutput::send
        Pong,
        RegisterAck,    // W14: result frame with extensions.cyparta, action "register"
        UnregisterAck,  // W15: the same with action "unregister"
        NullResult,     // W13a: {"data":{<key>:null},"errors":null} closing a request
        Event,          // W21, or any other result frame with data (a query's result)
        Errors,         // result frame with a non-empty errors list (W12, W16, W17)
        OperationError, // error frame (W10): payload a list (transport-ws) or an object (legacy)
        Complete,
        Malformed, // not JSON, not an object, no type, a result frame without id or payload
        Unknown,   // a type the negotiated subprotocol does not have
    };
    Kind kind = Kind::Unknown;
    std::string id;             // operation id, when the frame has one
    graphql::JsonValue frame;   // the whole frame as parsed (null when the text is not JSON)
    graphql::JsonValue payload; // frame.payload (or null)
    // For RegisterAck / UnregisterAck: extensions.cyparta parsed.
    std::vector<std::string> groups; // registeredGroups: the groups of that request
    bool subscribe = true;
    std::vector<std::string> notes; // deprecationNotes
    std::string action;             // "register" / "unregister"
    // Malformed / Unknown: why; Errors / OperationError / ConnectionError: the first message.
    std::string error;
};
const char *messageKindName(ClientMessage::Kind kind); // "connection_ack", "register_ack", ...

struct ClientOperation
{
    std::string id;
    std::string query;
    graphql::JsonValue variables; // null: none sent
    std::optional<std::string> operationName;
    OperationState state = OperationState::Starting;
    std::vector<std::string> groups; // registered groups now (register adds, unregister removes)
    uint64_t events = 0;             // Event messages received
    bool isQuery = false; // the chosen operation is a query or mutation: results make it Active
    bool queued = false;  // its start frame waits for connection_ack
    // The server holds it: an ack or a result came for it, and no complete, stop or refusal
    // since. A request on it that fails (W27) leaves it there.
    bool onServer = false;
    // Such a failed request's first message; cleared by the next ack or by the end.
    std::string lastError;
};

struct ClientOutput
{
    // Frames to write now: a pong, or on connection_ack the start frames queued before it.
    std::vector<QByteArray> send;
    std::vector<ClientMessage> messages;
};

// State rules: Starting -> Registered on a register ack; a register ack adds its groups, an
// unregister ack removes them (-> Unregistered when none is left, else stays Registered); an Event
// moves Starting to Active and is counted; a NullResult leaves an operation in no group
// Unregistered; Errors / OperationError -> Error, except for an operation the server holds (a
// failed W27 request: the server keeps it), which keeps its state and records lastError, unless
// a null result then says the server forgot it (W17: left in no group) -> Error;
// Complete -> Completed (groups cleared). Error is sticky: a later Complete, NullResult, Event or
// stop() leaves it, so a failed operation stays visible; starting the id again resets it (to
// Starting, or, W27, when it is still in groups, at its next ack). Frames for ids this session did
// not start are classified but change nothing.
//
// A result frame {"data":{<key>:null},"errors":null} is a NullResult when it closes a request
// (after an unregister ack or an errors result, or for an operation in no group); for an operation
// that is in groups it is an Event whose value is null (a trigger with value null, as the Django
// server sends it), and for a query it is the query's result.
class ClientSession
{
public:
    // initPayload null: the connection_init frame has no payload key.
    ClientSession(Subprotocol subprotocol, graphql::JsonValue initPayload);

    // The connection_init frame; write it once the socket is connected.
    // {"type":"connection_init"} or {"type":"connection_init","payload":<initPayload>}
    QByteArray open();
    // A text frame from the server. Never throws, whatever the text.
    ClientOutput received(const QByteArray &text);

    // Starts an operation (or, W27, adds to / removes from the groups of the operation `id` names)
    // and returns its frame, id and type first as the npm clients write them:
    // {"id":"1","type":"subscribe"|"start",
    //  "payload":{"query":...,"variables":...,"operationName":...}}
    // "variables" is left out when `variables` is null, "operationName" when there is none. Ids
    // are "1","2",... (skipping ids in use) unless `id` is given; *idOut (may be null) gets it.
    // Before connection_ack the frame is queued, as graphql clients allow subscribing before the
    // ack: this returns an empty array and received() returns the queued frames, in order, in
    // ClientOutput::send of the connection_ack.
    QByteArray subscribe(const std::string &query, const graphql::JsonValue &variables,
                         const std::optional<std::string> &operationName, std::string *idOut,
                         std::optional<std::string> id = {});
    // The complete / stop frame, {"id":<id>,"type":"complete"|"stop"}; the operation becomes
    // Completed (unless in Error) with no group. For an operation whose start frame is still
    // queued, that frame is dropped and this returns an empty array (nothing to write). An id
    // this session does not know still gets its frame (W8, W26).
    QByteArray stop(const std::string &id);
    // graphql-ws (legacy) only: {"type":"connection_terminate"}; empty for graphql-transport-ws.
    QByteArray terminate();

    bool acknowledged() const { return m_acknowledged; }
    Subprotocol subprotocol() const { return m_subprotocol; }
    // Every operation started, by id (std::map order: "10" sorts before "2"); startOrder() lists
    // the ids in the order they were first started.
    const std::map<std::string, ClientOperation> &operations() const { return m_operations; }
    const std::vector<std::string> &startOrder() const { return m_startOrder; }
    const ClientOperation *operation(const std::string &id) const;

private:
    std::string nextId();
    ClientMessage classify(const graphql::JsonValue &frame, ClientOutput &out);
    void classifyResult(ClientMessage &message);
    bool isNullResult(const ClientMessage &message) const;
    void apply(const ClientMessage &message);
    void applyAck(ClientOperation &op, const ClientMessage &message);
    void releaseQueue(ClientOutput &out);

    Subprotocol m_subprotocol;
    graphql::JsonValue m_initPayload;
    bool m_acknowledged = false;
    uint64_t m_nextId = 1;
    std::map<std::string, ClientOperation> m_operations;
    std::vector<std::string> m_startOrder;
    std::vector<std::pair<std::string, QByteArray>> m_queue; // (id, start frame) until the ack
    std::set<std::string> m_awaitingNullResult; // after an unregister ack or errors (W13a, W15)
};

} // namespace subscope::protocol
