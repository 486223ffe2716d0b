#include "open_file_limit.h"

#include "logging.h"

#include <sys/resource.h>

namespace subscope::server {

void raiseOpenFileLimit(int maxConnections)
{
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0) return;
    if (files.rlim_cur < files.rlim_max) {
        rlimit raised = files;
        raised.rlim_cur = files.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) getrlimit(RLIMIT_NOFILE, &files);
    }
    constexpr rlim_t Reserve = 64; // the listener, HTTP clients, files
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < rlim_t(maxConnections) + Reserve)
        qCWarning(lcServer).noquote()
            << "the open-file limit is" << files.rlim_cur << "(ulimit -n): fewer than"
            << maxConnections << "connections (--max-connections) can be held";
}

} // namespace subscope::server
