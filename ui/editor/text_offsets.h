#pragma once

#include <QString>

#include <cstdint>

namespace subscope::ui {

// The engine counts UTF-8 bytes; Qt's text widgets count UTF-16 code units.
qsizetype positionFromUtf8Offset(const QString &text, uint32_t offset);
uint32_t utf8OffsetFromPosition(const QString &text, qsizetype position);

} // namespace subscope::ui
