#pragma once

#include "frame_store.h"

#include <QByteArray>
#include <QString>

namespace subscope::ui {

// One recorded frame as a line of JSON (no newline), for File › Export and jq:
// {"n":1,"time":"2026-11-24T10:00:00.123456Z","connection":"Panel 1 · ws://...",
//  "direction":"client-to-server","subprotocol":"graphql-ws","kind":"text","type":"start",
//  "id":"1","size":123,"frame":{...}}
// "frame" is the frame itself when it is JSON (its bytes unchanged, line breaks as spaces), else
// "text" holds it as a string; a binary frame is "base64"; an open has "peer", a close "code"
// and "reason".
QByteArray frameJsonLine(const FrameStore &store, size_t record, const QString &connection,
                         const QString &subprotocol);

} // namespace subscope::ui
