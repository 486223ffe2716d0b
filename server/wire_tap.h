#pragma once

#include "protocol/subprotocol.h"
#include "registry/ids.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace subscope::server {

// One thing that happened on a WebSocket of the server, as the explorer's traffic inspector
// records it: a connection opened, a text or binary frame read or written, the connection closed.
// Headless, no tap is set and each frame costs one check.
struct WireEvent
{
    enum class Kind
    {
        Opened, // data: the peer's address:port
        Text,   // data: the frame as read from or written to the wire
        Binary, // data: the frame (W9: the session answers it with 4400)
        Closed, // data: the close reason; closeCode set
    };
    Kind kind = Kind::Text;
    registry::SocketId socket = 0; // 0: a connection refused at the handshake (W1)
    std::optional<protocol::Subprotocol> subprotocol;
    bool fromClient = false; // Closed: the client closed first
    QByteArray data;
    int closeCode = 0;
};

using WireTap = std::function<void(const WireEvent &event)>;

} // namespace subscope::server
