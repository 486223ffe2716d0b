// Bytes from a WebSocket client after the handshake: decoded into messages and control frames or
// refused with a close code, never a crash, never a message over the limit.
#include "fuzz_support.h"
#include "websocket/frame_codec.h"

using namespace subscope;
#include "graphql/utf8.h"

namespace {

struct Decoded
{
    std::vector<websocket::Message> messages;
    bool ok = true;
    int closeCode = 0;
};

// Decodes `bytes` fed in pieces of `step` bytes (0: all at once).
Decoded decodeInSteps(const QByteArray &bytes, qsizetype step, quint64 limit)
{
    websocket::FrameDecoder decoder(limit);
    Decoded d;
    QByteArray buffer;
    for (qsizetype at = 0; at < bytes.size() && d.ok;) {
        const qsizetype n = step ? std::min(step, bytes.size() - at) : bytes.size();
        buffer.append(bytes.constData() + at, n);
        at += n;
        d.ok = decoder.decode(buffer, d.messages);
    }
    d.closeCode = decoder.error().closeCode;
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    const qsizetype step = data[0] % 17;
    const quint64 limit = 125 + data[1] * 16;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    const Decoded whole = decodeInSteps(bytes, 0, limit);
    const Decoded split = decodeInSteps(bytes, step, limit);
    if (whole.ok != split.ok || whole.closeCode != split.closeCode ||
        whole.messages.size() != split.messages.size())
        fuzz::finding("decoding depends on how the bytes arrive",
                      bytes.toHex() + "\nwhole: " + QByteArray::number(whole.ok) + ' ' +
                          QByteArray::number(whole.closeCode) + ' ' +
                          QByteArray::number(qsizetype(whole.messages.size())) + "\nsplit: " +
                          QByteArray::number(split.ok) + ' ' + QByteArray::number(split.closeCode) +
                          ' ' + QByteArray::number(qsizetype(split.messages.size())));
    for (size_t i = 0; i < whole.messages.size(); ++i) {
        const websocket::Message &m = whole.messages[i];
        if (m.payload != split.messages[i].payload || m.opcode != split.messages[i].opcode)
            fuzz::finding("a message differs with how the bytes arrive", bytes.toHex());
        if (quint64(m.payload.size()) > limit) fuzz::finding("a message over the limit");
        if (m.opcode == websocket::Opcode::Text &&
            !graphql::utf8::isValid(std::string_view(m.payload.constData(), m.payload.size())))
            fuzz::finding("a text message that is not UTF-8", bytes.toHex());
    }
    if (!whole.ok &&
        !(whole.closeCode == 1002 || whole.closeCode == 1007 || whole.closeCode == 1009))
        fuzz::finding("a violation without a close code to answer", bytes.toHex());
    return 0;
}
