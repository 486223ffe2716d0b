#include "ws_codec.h"

#include <cstring>

namespace loadgen {

std::string upgradeRequest(std::string_view host, std::string_view path,
                           std::string_view subprotocol)
{
    std::string request;
    request.reserve(256);
    request.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host);
    request.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    if (!subprotocol.empty())
        request.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
    request.append("\r\n");
    return request;
}

void appendFrame(std::string &out, Opcode opcode, std::string_view payload, uint32_t mask)
{
    const size_t size = payload.size();
    out.push_back(char(0x80 | uint8_t(opcode)));
    if (size < 126) {
        out.push_back(char(0x80 | size));
    } else if (size < 65536) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(size >> 8));
        out.push_back(char(size & 0xff));
    } else {
        out.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((uint64_t(size) >> shift) & 0xff));
    }
    const uint8_t key[4] = {uint8_t(mask >> 24), uint8_t(mask >> 16), uint8_t(mask >> 8),
                            uint8_t(mask)};
    out.append(reinterpret_cast<const char *>(key), 4);
    const size_t at = out.size();
    out.append(payload);
    for (size_t i = 0; i < size; ++i)
        out[at + i] = char(uint8_t(out[at + i]) ^ key[i & 3]);
}

Parse parseFrame(std::string_view buffer, Frame *frame)
{
    if (buffer.size() < 2) return Parse::NeedMore;
    const auto byte = [&](size_t i) { return uint8_t(buffer[i]); };
    if (byte(1) & 0x80) return Parse::Malformed; // servers never mask
    uint64_t length = byte(1) & 0x7f;
    size_t header = 2;
    if (length == 126) {
        if (buffer.size() < 4) return Parse::NeedMore;
        length = (uint64_t(byte(2)) << 8) | byte(3);
        header = 4;
    } else if (length == 127) {
        if (buffer.size() < 10) return Parse::NeedMore;
        length = 0;
        for (size_t i = 2; i < 10; ++i)
            length = (length << 8) | byte(i);
        if (length >> 63) return Parse::Malformed;
        header = 10;
    }
    if (buffer.size() - header < length) return Parse::NeedMore;
    frame->fin = byte(0) & 0x80;
    frame->opcode = Opcode(byte(0) & 0x0f);
    frame->payload = buffer.substr(header, size_t(length));
    frame->size = header + size_t(length);
    return Parse::Frame;
}

} // namespace loadgen
