#include "traffic_filter.h"

#include <algorithm>

namespace subscope::ui {

namespace {
char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}
} // namespace

bool containsIgnoringAsciiCase(QByteArrayView haystack, QByteArrayView needle)
{
    if (needle.isEmpty()) return true;
    const auto found = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                   [](char a, char b) { return lower(a) == lower(b); });
    return found != haystack.end();
}

} // namespace subscope::ui
