#include "ParsedFileQueue.h"

#include <chrono>

namespace bfs {

ParsedFileQueue::ParsedFileQueue(std::size_t capacity)
    : m_capacity(capacity)
{
}

bool ParsedFileQueue::push(std::unique_ptr<ParsedFile> item, const std::function<bool()>& stop)
{
    std::unique_lock lock(m_mutex);
    // Timed waits so a cancel (an atomic flag, no notification) is seen promptly.
    while (!m_closed && m_items.size() >= m_capacity) {
        if (stop())
            return false;
        m_notFull.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (m_closed)
        return false;
    m_items.push_back(std::move(item));
    m_notEmpty.notify_one();
    return true;
}

std::unique_ptr<ParsedFile> ParsedFileQueue::pop(int waitMs, bool& closed)
{
    std::unique_lock lock(m_mutex);
    if (m_items.empty() && !m_closed)
        m_notEmpty.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return !m_items.empty() || m_closed; });
    closed = m_closed && m_items.empty();
    if (m_items.empty())
        return nullptr;
    auto item = std::move(m_items.front());
    m_items.pop_front();
    m_notFull.notify_one();
    return item;
}

void ParsedFileQueue::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_notEmpty.notify_all();
    m_notFull.notify_all();
}

} // namespace bfs
