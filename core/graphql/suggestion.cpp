#include "suggestion.h"

#include <algorithm>
#include <optional>

namespace subscope::graphql {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

std::optional<int> lexicalDistance(std::string_view input, const std::string &inputLower,
                                   std::string_view option, int threshold)
{
    if (input == option) return 0;
    const std::string optionLower = lower(option);
    if (inputLower == optionLower) return 1; // any case change counts as a single edit
    std::string_view a = optionLower, b = inputLower;
    if (a.size() < b.size()) std::swap(a, b);
    const int aLength = int(a.size()), bLength = int(b.size());
    if (aLength - bLength > threshold) return std::nullopt;
    std::vector<int> rows[3];
    for (auto &row : rows)
        row.assign(size_t(bLength + 1), 0);
    for (int j = 0; j <= bLength; ++j)
        rows[0][size_t(j)] = j;
    for (int i = 1; i <= aLength; ++i) {
        std::vector<int> &up = rows[(i - 1) % 3];
        std::vector<int> &current = rows[i % 3];
        int smallest = current[0] = i;
        for (int j = 1; j <= bLength; ++j) {
            const int cost = a[size_t(i - 1)] == b[size_t(j - 1)] ? 0 : 1;
            int cell =
                std::min({up[size_t(j)] + 1, current[size_t(j - 1)] + 1, up[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[size_t(i - 1)] == b[size_t(j - 2)] &&
                a[size_t(i - 2)] == b[size_t(j - 1)])
                cell = std::min(cell, rows[(i - 2) % 3][size_t(j - 2)] + 1); // transposition
            smallest = std::min(smallest, cell);
            current[size_t(j)] = cell;
        }
        if (smallest > threshold) return std::nullopt;
    }
    const int distance = rows[aLength % 3][size_t(bLength)];
    if (distance <= threshold) return distance;
    return std::nullopt;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

// graphql-core's natural_comparison_key: re.split(r"(\d+)", name), digit runs as (value, digits).
static std::vector<std::string_view> naturalKey(std::string_view s)
{
    std::vector<std::string_view> parts; // text, digits, text, ..., text (as re.split gives)
    size_t i = 0;
    bool digits = false;
    while (true) {
        size_t j = i;
        while (j < s.size() && isDigit(s[j]) == digits)
            ++j;
        parts.push_back(s.substr(i, j - i));
        if (j == s.size()) break;
        i = j;
        digits = !digits;
    }
    if (parts.size() % 2 == 0) parts.push_back({});
    return parts;
}

static int comparePart(std::string_view x, std::string_view y, bool digits)
{
    if (digits) {
        std::string_view xs = x, ys = y;
        while (xs.size() > 1 && xs[0] == '0')
            xs.remove_prefix(1);
        while (ys.size() > 1 && ys[0] == '0')
            ys.remove_prefix(1);
        if (xs.size() != ys.size()) return xs.size() < ys.size() ? -1 : 1;
        if (int c = xs.compare(ys)) return c < 0 ? -1 : 1;
    }
    const int c = x.compare(y);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int naturalCompare(std::string_view a, std::string_view b)
{
    const std::vector<std::string_view> x = naturalKey(a), y = naturalKey(b);
    for (size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = comparePart(x[i], y[i], i % 2 == 1)) return c;
    return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
}

std::vector<std::string> suggestionList(std::string_view input,
                                        const std::vector<std::string_view> &options)
{
    const std::string inputLower = lower(input);
    const int threshold = int(input.size() * 0.4) + 1;
    std::vector<std::pair<int, std::string_view>> found;
    for (std::string_view option : options) {
        if (std::any_of(found.begin(), found.end(),
                        [&](const auto &f) { return f.second == option; }))
            continue;
        if (auto distance = lexicalDistance(input, inputLower, option, threshold))
            found.emplace_back(*distance, option);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto &x, const auto &y) {
        if (x.first != y.first) return x.first < y.first;
        return naturalCompare(x.second, y.second) < 0;
    });
    std::vector<std::string> result;
    result.reserve(found.size());
    for (const auto &f : found)
        result.emplace_back(f.second);
    return result;
}

std::string quotedOrList(const std::vector<std::string> &items)
{
    std::string out;
    const size_t count = std::min<size_t>(items.size(), 5);
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) out += count > 2 ? ", " : " ";
        if (i > 0 && i == count - 1) out += "or ";
        out += '\'' + items[i] + '\'';
    }
    return out;
}

std::string didYouMean(const std::vector<std::string> &suggestions, std::string_view subMessage)
{
    if (suggestions.empty()) return {};
    std::string message = " Did you mean ";
    if (!subMessage.empty()) {
        message += subMessage;
        message += ' ';
    }
    return message + quotedOrList(suggestions) + "?";
}

} // namespace subscope::graphql
