#pragma once
// What a process has used, from /proc: the server's CPU seconds and peak memory in a run.

#include <sys/types.h>

namespace loadgen {

struct ProcUsage
{
    double cpuSeconds = 0; // user + system
    long rssKiB = 0;       // VmRSS
    long peakRssKiB = 0;   // VmHWM
    bool ok = false;       // the process was there to be read
};

ProcUsage procUsage(pid_t pid);
// This process's CPU seconds (user + system).
double selfCpuSeconds();

} // namespace loadgen
