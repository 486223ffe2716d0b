#pragma once
// WebSocket frames as raw clients in tests write them (RFC 6455 §5.2).

#include <QByteArray>

namespace subscope::test {

// A WebSocket frame as a client sends it: masked unless told otherwise.
inline QByteArray wsFrame(quint8 first, const QByteArray &payload, bool masked = true)
{
    QByteArray frame;
    frame.append(char(first));
    const quint8 mask = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        frame.append(char(mask | payload.size()));
    } else if (payload.size() <= 0xffff) {
        frame.append(char(mask | 126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xff));
    } else {
        frame.append(char(mask | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    if (!masked) return frame + payload;
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ key[i & 3]));
    return frame;
}
} // namespace subscope::test
