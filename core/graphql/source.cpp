#include "source.h"

#include <algorithm>

namespace subscope::graphql {

Source::Source(QByteArray body, QString name)
    : m_body(std::move(body))
    , m_name(std::move(name))
{}

void Source::indexLineBreaks() const
{
    m_indexed = true;
    const auto *data = reinterpret_cast<const unsigned char *>(m_body.constData());
    const uint32_t size = uint32_t(m_body.size());
    for (uint32_t i = 0; i < size; ++i) {
        const unsigned char c = data[i];
        uint32_t length = 0;
        if (c == '\r')
            length = (i + 1 < size && data[i + 1] == '\n') ? 2 : 1;
        else if (c == '\n' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E)
            length = 1;
        else if (c == 0xC2 && i + 1 < size && data[i + 1] == 0x85)
            length = 2; // U+0085
        else if (c == 0xE2 && i + 2 < size && data[i + 1] == 0x80 &&
                 (data[i + 2] == 0xA8 || data[i + 2] == 0xA9))
            length = 3; // U+2028, U+2029
        if (length) {
            m_breaks.push_back({i, i + length});
            i += length - 1;
        }
    }
}

int Source::codePoints(uint32_t from, uint32_t to) const
{
    int count = 0;
    for (uint32_t i = from; i < to; ++i)
        if ((uchar(m_body[i]) & 0xC0) != 0x80) ++count;
    return count;
}

SourceLocation Source::location(uint32_t offset) const
{
    if (!m_indexed) indexLineBreaks();
    offset = std::min<uint32_t>(offset, uint32_t(m_body.size()));
    // The breaks inside body[:offset]; a \r\n cut in half by the offset is a \r break there.
    auto it = std::lower_bound(m_breaks.begin(), m_breaks.end(), offset,
                               [](const LineBreak &b, uint32_t o) { return b.start < o; });
    const size_t count = size_t(it - m_breaks.begin());
    if (count == 0) return {1, codePoints(0, offset) + 1};
    const LineBreak &last = m_breaks[count - 1];
    const uint32_t lastEnd = std::min(last.end, offset);
    if (lastEnd == offset) {
        // The text ends with a line break: splitlines() drops the empty line after it.
        const uint32_t lineStart = count >= 2 ? m_breaks[count - 2].end : 0;
        return {int(count), codePoints(lineStart, last.start) + 1};
    }
    return {int(count) + 1, codePoints(lastEnd, offset) + 1};
}

SourceLocation Source::editorLocation(uint32_t offset) const
{
    offset = std::min<uint32_t>(offset, uint32_t(m_body.size()));
    int line = 1;
    uint32_t lineStart = 0;
    for (uint32_t i = 0; i < offset; ++i) {
        const char c = m_body[i];
        if (c == '\n' ||
            (c == '\r' && (i + 1 >= uint32_t(m_body.size()) || m_body[i + 1] != '\n'))) {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, codePoints(lineStart, offset) + 1};
}

} // namespace subscope::graphql
