#pragma once

#include <QtGlobal>

#include <optional>

namespace bfs {

// When to try a failed request again (odds-api.md): honour Retry-After when the API
// sends it, otherwise exponential backoff with full jitter — a uniform wait in
// [0, min(cap, base · 2^attempt)] — so workers that failed together do not retry
// together. The base is configurable so tests run in milliseconds.
class RetryPolicy {
public:
    RetryPolicy(int maxRetries = 5, int baseMs = 1000, int capMs = 60000);

    int maxRetries() const { return m_maxRetries; }
    // attempt: 0 for the first retry.
    int delayMs(int attempt, std::optional<int> retryAfterSeconds = std::nullopt) const;
    // The backoff ceiling of an attempt, without jitter (for tests and the plan).
    int ceilingMs(int attempt) const;

private:
    int m_maxRetries;
    int m_baseMs;
    int m_capMs;
};

} // namespace bfs
