#include "text_offsets.h"

namespace subscope::ui {

namespace {
uint32_t utf8Length(char32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// Calls step(position, bytes) for each code point; stops when it returns false.
template <typename Step> void walk(const QString &text, Step step)
{
    uint32_t bytes = 0;
    for (qsizetype i = 0; i < text.size();) {
        if (!step(i, bytes)) return;
        char32_t c = text[i].unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            units = 2;
        }
        bytes += utf8Length(c);
        i += units;
    }
    step(text.size(), bytes);
}
} // namespace

qsizetype positionFromUtf8Offset(const QString &text, uint32_t offset)
{
    qsizetype result = text.size();
    walk(text, [&](qsizetype position, uint32_t bytes) {
        if (bytes < offset) return true;
        result = position;
        return false;
    });
    return result;
}

uint32_t utf8OffsetFromPosition(const QString &text, qsizetype position)
{
    uint32_t result = 0;
    walk(text, [&](qsizetype at, uint32_t bytes) {
        result = bytes;
        return at < position;
    });
    return result;
}

} // namespace subscope::ui
