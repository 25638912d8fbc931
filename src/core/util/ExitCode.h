#pragma once

namespace bfs {

// The CLI's exit codes (cli.md), also what a job's outcome maps to.
enum ExitCode : int {
    ExitOk = 0,
    ExitPartialFailure = 1, // finished, some partitions failed
    ExitUsage = 2, // bad input or usage; nothing written
    ExitFatal = 3, // key rejected, quota/budget exhausted, database unusable
    ExitCancelled = 130, // SIGINT/SIGTERM: in-flight work ended, state saved
};

} // namespace bfs
