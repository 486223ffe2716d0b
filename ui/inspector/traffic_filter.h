#pragma once

#include "frame_store.h"

#include <QString>

#include <optional>

namespace subscope::ui {

// Which frames the inspector shows. Every part that is set must match.
struct TrafficFilter
{
    QString text; // in the frame's bytes or its connection's name, ignoring ASCII case
    QString type; // the message type exactly ("subscribe", "next", "close", ...)
    std::optional<uint32_t> connection;
    std::optional<FrameDirection> direction;

    bool isEmpty() const { return text.isEmpty() && type.isEmpty() && !connection && !direction; }
    friend bool operator==(const TrafficFilter &, const TrafficFilter &) = default;
};

// Whether `haystack` contains `needle` (UTF-8), ASCII letters compared without case.
bool containsIgnoringAsciiCase(QByteArrayView haystack, QByteArrayView needle);

} // namespace subscope::ui
