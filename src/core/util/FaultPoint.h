#pragma once

namespace bfs {

// A named place where a test can kill the process exactly, as `kill -9` would: when the
// environment variable BFS_KILL_AT is "NAME" or "NAME:N", the N-th (default first) time this
// process passes faultPoint("NAME") it sends itself SIGKILL — no destructor, no flush, no
// rollback runs. Without the variable it is one comparison. Points in use:
//   load-commit   LineLoader, right after a batch of rows and loaded_files is committed
void faultPoint(const char* name);

} // namespace bfs
