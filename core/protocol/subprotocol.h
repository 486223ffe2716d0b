#pragma once

#include <QStringList>

#include <optional>
#include <string_view>

namespace subscope::protocol {

enum class Subprotocol
{
    TransportWs, // graphql-transport-ws (graphql-ws npm package, PROTOCOL.md)
    LegacyWs,    // graphql-ws (subscriptions-transport-ws npm package)
};

const char *subprotocolName(Subprotocol subprotocol);

// W1: of the values the client offers (in its order), the first one Subscope supports.
std::optional<Subprotocol> negotiateSubprotocol(const QStringList &offered);
QStringList supportedSubprotocols();

// W2: the message types of each subprotocol.
struct Vocabulary
{
    std::string_view start;     // client starts an operation
    std::string_view result;    // server result frame
    std::string_view stop;      // client stops an operation
    std::string_view keepalive; // server keepalive frame, whole
    bool errorPayloadIsList;    // operation error frame payload: list, or one error object
};
const Vocabulary &vocabulary(Subprotocol subprotocol);

// Close codes (W1, W3a, W4, W5, W7, W9, W28) and the shutdown code.
namespace close_code {
constexpr int Normal = 1000;
constexpr int GoingAway = 1001;
constexpr int ProtocolError = 1002;
constexpr int BadRequest = 4400;          // W9: invalid JSON or a binary frame
constexpr int Unauthorized = 4401;        // W5: an operation before connection_init
constexpr int InitTimeout = 4408;         // W3a
constexpr int OutboxOverflow = 4413;      // W28: close_connection
constexpr int TooManyInitRequests = 4429; // W4
} // namespace close_code

} // namespace subscope::protocol
