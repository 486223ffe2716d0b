#include "frame_codec.h"

#include "graphql/utf8.h"

#include <cstring>
#include <string_view>

namespace subscope::websocket {

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    return graphql::utf8::isValid(std::string_view(bytes.constData(), size_t(bytes.size())));
}

// §7.4: the codes a Close frame may carry; 1004–1006 and 1015 are reserved for reports.
bool isSendableCloseCode(int code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

void unmask(char *data, qsizetype size, const uchar key[4])
{
    uchar wide[8];
    for (int i = 0; i < 8; ++i)
        wide[i] = key[i & 3];
    quint64 key64;
    std::memcpy(&key64, wide, 8);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= key64;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < size; ++i)
        data[i] = char(uchar(data[i]) ^ key[i & 3]);
}

} // namespace

void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload)
{
    const quint64 size = quint64(payload.size());
    char header[10];
    int length = 0;
    header[length++] = char(0x80 | uint8_t(opcode)); // FIN
    if (size < 126) {
        header[length++] = char(size);
    } else if (size <= 0xffff) {
        header[length++] = char(126);
        header[length++] = char(size >> 8);
        header[length++] = char(size & 0xff);
    } else {
        header[length++] = char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header[length++] = char((size >> shift) & 0xff);
    }
    // resize() grows geometrically, and memcpy is cheaper than append() on this hot path.
    const qsizetype at = out.size();
    out.resize(at + length + payload.size());
    std::memcpy(out.data() + at, header, size_t(length));
    if (!payload.isEmpty())
        std::memcpy(out.data() + at + length, payload.data(), size_t(payload.size()));
}

QByteArray closePayload(int code, QByteArrayView reason)
{
    QByteArray payload;
    payload.append(char((code >> 8) & 0xff));
    payload.append(char(code & 0xff));
    qsizetype keep = std::min<qsizetype>(reason.size(), 123);
    // Cut at a character boundary: never before a continuation byte.
    while (keep > 0 && keep < reason.size() && (uchar(reason[keep]) & 0xc0) == 0x80)
        --keep;
    payload.append(reason.first(keep));
    return payload;
}

bool FrameDecoder::fail(int code, QByteArray reason)
{
    m_error = {code, std::move(reason)};
    m_fragments = QByteArray();
    m_fragmented = false;
    return false;
}

bool FrameDecoder::decode(QByteArray &buffer, std::vector<Message> &out)
{
    if (m_error.closeCode) return false;
    if (m_closed) return true; // nothing may follow a Close frame: later bytes are not read
    const auto *bytes = reinterpret_cast<const uchar *>(buffer.constData());
    const qsizetype size = buffer.size();
    qsizetype pos = 0;
    bool ok = true;
    bool closed = false;
    while (ok && !closed && size - pos >= 2) {
        const uchar *frame = bytes + pos;
        const qsizetype available = size - pos;
        const bool fin = frame[0] & 0x80;
        const auto opcode = Opcode(frame[0] & 0x0f);
        const bool masked = frame[1] & 0x80;
        quint64 length = frame[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4) break;
            length = (quint64(frame[2]) << 8) | frame[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10) break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | frame[2 + i];
            header = 10;
        }
        const bool control = uint8_t(opcode) & 0x8;
        if (frame[0] & 0x70) {
            ok = fail(close_code::ProtocolError, "Reserved bits set, but no extension agreed");
        } else if (opcode != Opcode::Continuation && opcode != Opcode::Text &&
                   opcode != Opcode::Binary && opcode != Opcode::Close && opcode != Opcode::Ping &&
                   opcode != Opcode::Pong) {
            ok = fail(close_code::ProtocolError, "Unknown opcode");
        } else if (!masked) {
            ok = fail(close_code::ProtocolError, "Frames from a client must be masked");
        } else if (control && (!fin || length > 125)) {
            ok = fail(close_code::ProtocolError,
                      "Control frames must be unfragmented, with at most 125 bytes");
        } else if (opcode == Opcode::Continuation && !m_fragmented) {
            ok =
                fail(close_code::ProtocolError, "Continuation frame without a message to continue");
        } else if (!control && opcode != Opcode::Continuation && m_fragmented) {
            ok = fail(close_code::ProtocolError, "New message before the fragmented one ended");
        } else if (!control && (length > m_maxMessageBytes ||
                                quint64(m_fragments.size()) + length > m_maxMessageBytes)) {
            ok = fail(close_code::MessageTooBig, QByteArray("Message larger than ")
                                                     .append(QByteArray::number(m_maxMessageBytes))
                                                     .append(" bytes"));
        }
        if (!ok) break;
        header += 4; // the masking key
        if (available < header || quint64(available - header) < length) break;
        QByteArray payload(reinterpret_cast<const char *>(frame + header), qsizetype(length));
        unmask(payload.data(), payload.size(), frame + header - 4);
        pos += header + qsizetype(length);

        if (opcode == Opcode::Close) {
            Message message{Opcode::Close, {}, close_code::NoStatus};
            if (payload.size() == 1) {
                ok = fail(close_code::ProtocolError, "Close frame with a one-byte payload");
            } else if (payload.size() >= 2) {
                message.closeCode = (uchar(payload[0]) << 8) | uchar(payload[1]);
                message.payload = payload.mid(2);
                if (!isSendableCloseCode(message.closeCode))
                    ok = fail(close_code::ProtocolError, "Invalid close code");
                else if (!isValidUtf8(message.payload))
                    ok = fail(close_code::InvalidPayload, "Close reason is not UTF-8");
            }
            if (ok) out.push_back(std::move(message));
            closed = m_closed = true;
            continue;
        }
        if (control) {
            out.push_back({opcode, std::move(payload)});
            continue;
        }
        Opcode messageOpcode = opcode;
        if (opcode == Opcode::Continuation) {
            m_fragments.append(payload);
            if (!fin) continue;
            payload = std::exchange(m_fragments, QByteArray());
            messageOpcode = m_fragmentOpcode;
            m_fragmented = false;
        } else if (!fin) {
            m_fragmented = true;
            m_fragmentOpcode = opcode;
            m_fragments = std::move(payload);
            continue;
        }
        if (messageOpcode == Opcode::Text && !isValidUtf8(payload)) {
            ok = fail(close_code::InvalidPayload, "Text message is not UTF-8");
            break;
        }
        out.push_back({messageOpcode, std::move(payload)});
    }
    if (pos == size)
        buffer = QByteArray(); // release the memory: an idle connection keeps no buffer
    else if (pos > 0)
        buffer.remove(0, pos);
    return ok;
}

} // namespace subscope::websocket
