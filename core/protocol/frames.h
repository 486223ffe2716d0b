#pragma once

#include "graphql/error.h"
#include "graphql/json_value.h"
#include "subprotocol.h"

#include <QByteArray>

#include <string>
#include <vector>

namespace subscope::protocol {

using graphql::JsonValue;

// The server's frames, byte for byte as the Django package writes them (key order included).
QByteArray connectionAckFrame();                    // {"type":"connection_ack"}
QByteArray keepaliveFrame(Subprotocol subprotocol); // {"type":"ping"} / {"type":"ka"}
QByteArray pongFrame();                             // {"type":"pong"}
QByteArray completeFrame(const std::string &id);    // {"type":"complete","id":<id>}

// W10: an operation error frame: payload a list (graphql-transport-ws) or one object (graphql-ws).
QByteArray operationErrorFrame(Subprotocol subprotocol, const std::string &id,
                               const std::string &message, const std::string &code);
// A result frame (next / data) with a payload given as JSON text.
QByteArray resultFrame(Subprotocol subprotocol, const std::string &id,
                       const std::string &payloadJson);

// Payloads (JSON text) of the result frames:
// W12, W16, W17: {"data":null,"errors":[...]}
std::string errorsPayload(const graphql::GraphQLErrors &errors);
// W13a, W15: {"data":{<responseKey>:null},"errors":null}
std::string nullResultPayload(const std::string &responseKey);
// W14, W15: {"data":null,"errors":null,"extensions":{"cyparta":{...}}}
std::string groupAckPayload(const std::vector<std::string> &groups, bool subscribe,
                            bool deprecationNotes);
// Query results (W11 beyond): {"data":...,"errors":null|[...]}
std::string executionPayload(const JsonValue &data, const graphql::GraphQLErrors &errors);

extern const char *const SubscripeDeprecationNote; // W14, that exact string

} // namespace subscope::protocol
