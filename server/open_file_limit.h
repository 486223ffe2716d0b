#pragma once

namespace subscope::server {

// Each connection takes a descriptor: the soft limit (often 1024) goes up to the hard one, and a
// limit below `maxConnections` is said at start, not discovered at the 1,000th client.
void raiseOpenFileLimit(int maxConnections);

} // namespace subscope::server
