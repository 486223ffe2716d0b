#pragma once

#include <algorithm>
#include <vector>

namespace subscope::graphql {

// Sorts as TimSort does (V8's Array.prototype.sort and CPython's sorted) for lists shorter than
// 64: the leading run is found (and reversed when strictly descending), then the rest is placed
// by binary insertion. With a comparator that is not a total order (graphql-js's ordering of
// suggested types) only the same algorithm gives the same result. `less(a, b)` is cmp(a, b) < 0.
template <class T, class Less> void timsortSmall(std::vector<T> &items, Less less)
{
    const size_t n = items.size();
    if (n < 2) return;
    if (n >= 64) {
        std::stable_sort(items.begin(), items.end(), less);
        return;
    }
    size_t run = 2;
    if (less(items[1], items[0])) {
        while (run < n && less(items[run], items[run - 1]))
            ++run;
        std::reverse(items.begin(), items.begin() + run);
    } else {
        while (run < n && !less(items[run], items[run - 1]))
            ++run;
    }
    for (size_t i = run; i < n; ++i) {
        T pivot = items[i];
        size_t left = 0, right = i;
        while (left < right) {
            const size_t middle = left + (right - left) / 2;
            if (less(pivot, items[middle]))
                right = middle;
            else
                left = middle + 1;
        }
        std::move_backward(items.begin() + left, items.begin() + i, items.begin() + i + 1);
        items[left] = pivot;
    }
}

} // namespace subscope::graphql
