#pragma once

#include "OddsSnapshot.h"

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace bfs {

// A parsed raw file on its way from a parser worker to the writer.
struct ParsedFile {
    qint64 index = 0; // into the loader's file list
    OddsSnapshot snapshot;
};

// Bounded hand-off between the parser workers and the single writer: parsers block
// when the writer falls behind (memory stays flat for any season size), the writer
// blocks when there is nothing to write. close() ends both sides' waiting.
class ParsedFileQueue {
public:
    explicit ParsedFileQueue(std::size_t capacity);

    // False when the queue was closed or `stop()` turned true while waiting.
    bool push(std::unique_ptr<ParsedFile> item, const std::function<bool()>& stop);
    // Waits up to `waitMs` for an item; nullptr when none came. `closed` is set once the
    // queue is closed and empty: nothing more will come.
    std::unique_ptr<ParsedFile> pop(int waitMs, bool& closed);
    void close();

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<std::unique_ptr<ParsedFile>> m_items;
    std::size_t m_capacity;
    bool m_closed = false;
};

} // namespace bfs
