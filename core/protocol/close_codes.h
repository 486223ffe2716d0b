#pragma once

#include <QString>

namespace subscope::protocol {

// What a WebSocket close code means, in words for a status line: the codes of the wire contract
// (W1, W3a, W4, W5, W7, W9, W28), of RFC 6455 / the IANA registry, and of graphql-ws' CloseCode
// enum (plus its client-side 4499). Unknown codes get a generic text by range.
QString closeCodeMeaning(int code);

} // namespace subscope::protocol
