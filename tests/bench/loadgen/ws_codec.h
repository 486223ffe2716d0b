#pragma once
// The client side of RFC 6455, as much as a load generator needs: the upgrade request, masked
// frames out, unmasked frames in. No Qt: the generator must cost less than what it measures.

#include <cstdint>
#include <string>
#include <string_view>

namespace loadgen {

std::string upgradeRequest(std::string_view host, std::string_view path,
                           std::string_view subprotocol);

// Appends a masked client frame (FIN set) to `out`.
enum class Opcode : uint8_t
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};
void appendFrame(std::string &out, Opcode opcode, std::string_view payload, uint32_t mask);

// A server frame read from the front of a buffer.
struct Frame
{
    Opcode opcode = Opcode::Text;
    bool fin = true;
    std::string_view payload; // into the buffer
    size_t size = 0;          // header and payload: what to consume
};
enum class Parse
{
    Frame,     // *frame is set
    NeedMore,  // the buffer holds part of a frame
    Malformed, // a masked server frame or a length over 2^63
};
Parse parseFrame(std::string_view buffer, Frame *frame);

} // namespace loadgen
