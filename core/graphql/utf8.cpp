#include "utf8.h"

#include <cstring>

namespace subscope::graphql::utf8 {

void append(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

char32_t decode(std::string_view text, size_t offset, uint32_t *length)
{
    *length = 1;
    if (offset >= text.size()) return 0xFFFD;
    const auto b0 = static_cast<unsigned char>(text[offset]);
    if (b0 < 0x80) return b0;
    int extra;
    char32_t cp;
    if ((b0 & 0xE0) == 0xC0) {
        extra = 1;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3;
        cp = b0 & 0x07;
    } else {
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; ++i) {
        if (offset + size_t(i) >= text.size()) return 0xFFFD;
        const auto b = static_cast<unsigned char>(text[offset + size_t(i)]);
        if ((b & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | char32_t(b & 0x3F);
    }
    *length = uint32_t(1 + extra);
    return cp;
}

bool isValid(std::string_view text)
{
    static constexpr char32_t minimum[] = {0, 0x80, 0x800, 0x10000};
    size_t i = 0;
    while (i < text.size()) {
        // ASCII eight bytes at a time: frames are checked on the way out, and most are ASCII.
        if (i + 8 <= text.size()) {
            uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        uint32_t length = 0;
        const char32_t cp = decode(text, i, &length);
        if (length == 1 || cp < minimum[length - 1] || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

} // namespace subscope::graphql::utf8
