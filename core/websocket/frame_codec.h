#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <vector>

namespace subscope::websocket {

enum class Opcode : uint8_t
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xa,
};

// Close codes of RFC 6455 §7.4.1 that the codec itself sends.
namespace close_code {
constexpr int Normal = 1000;
constexpr int ProtocolError = 1002;
constexpr int NoStatus = 1005; // a Close frame without a code (never sent)
constexpr int Abnormal = 1006; // the connection ended without a Close frame (never sent)
constexpr int InvalidPayload = 1007;
constexpr int MessageTooBig = 1009;
} // namespace close_code

// Appends one unfragmented, unmasked server frame (§5.2). Text payloads must be UTF-8.
void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload);
inline void appendTextFrame(QByteArray &out, QByteArrayView payload)
{
    appendFrame(out, Opcode::Text, payload);
}
// The payload of a Close frame: the code, big-endian, then the reason cut to fit 125 bytes at a
// UTF-8 character boundary.
QByteArray closePayload(int code, QByteArrayView reason);

// A complete message from the client, or a control frame.
struct Message
{
    Opcode opcode = Opcode::Text; // Text, Binary, Ping, Pong or Close
    QByteArray payload;           // unmasked; for Close, the reason only
    int closeCode = close_code::NoStatus;
};

// Reads client frames (§5.2–5.5): unmasks them, joins fragments, and checks what a server must.
// A violation stops decoding for good; error() then gives the close code to answer with.
class FrameDecoder
{
public:
    struct Error
    {
        int closeCode = 0; // 0: none
        QByteArray reason;
    };

    explicit FrameDecoder(quint64 maxMessageBytes)
        : m_maxMessageBytes(maxMessageBytes)
    {}

    // Consumes every complete frame at the front of `buffer` and appends the messages they
    // finish to `out`; a frame cut short stays in `buffer`. False once the stream violated the
    // protocol (nothing after the violation is decoded).
    bool decode(QByteArray &buffer, std::vector<Message> &out);
    const Error &error() const { return m_error; }
    // Holds no fragment of an unfinished message (its memory is released).
    bool idle() const { return !m_fragmented; }

private:
    bool fail(int code, QByteArray reason);

    quint64 m_maxMessageBytes;
    bool m_closed = false; // a Close frame was read
    bool m_fragmented = false;
    Opcode m_fragmentOpcode = Opcode::Text;
    QByteArray m_fragments;
    Error m_error;
};

} // namespace subscope::websocket
