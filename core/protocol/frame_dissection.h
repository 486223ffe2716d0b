#pragma once

#include <string>
#include <string_view>

namespace subscope::protocol {

// What the traffic inspector shows of one frame, read on its own (no session needed): its
// message type, its operation id and a one-line summary in the words of the wire contract.
struct FrameDissection
{
    std::string type; // "subscribe", "next", "connection_init", ...; "(not JSON)", "(no type)"
    std::string id;   // the operation id, or empty
    // One line, at most SummaryLength bytes (cut on a character boundary, with "…"), e.g.
    //   subscribe   OnCreated · subscription OnCreated { myModelCreated { id } }
    //   next        register ack · MyModelCreated · subscribe: true
    //   next        errors: Cannot query field 'nope' on type 'MyModelType'.
    //   next        {"myModelCreated":{"id":"1"}}
    //   error       Invalid message: missing query.
    std::string summary;
};

constexpr size_t SummaryLength = 240;

FrameDissection dissectFrame(std::string_view frame);

} // namespace subscope::protocol
