#pragma once

#include "odds/load/LineStage.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace bfs {

// Bounded hand-off between the parser threads and the single writer: parsers block
// when the writer falls behind (memory stays flat for any season size), the writer
// blocks when there is nothing to write. close() ends both sides' waiting.
class StagedBatchQueue {
public:
    explicit StagedBatchQueue(std::size_t capacity);

    // False when the queue was closed or `stop()` turned true while waiting.
    bool push(StagedBatch batch, const std::function<bool()>& stop);
    // Waits up to `waitMs` for a batch; nothing when none came. `closed` is set once the
    // queue is closed and empty: nothing more will come.
    std::optional<StagedBatch> pop(int waitMs, bool& closed);
    void close();

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<StagedBatch> m_items;
    std::size_t m_capacity;
    bool m_closed = false;
};

} // namespace bfs
