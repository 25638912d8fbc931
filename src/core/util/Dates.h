#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace bfs {

// Strict YYYY-MM-DD parsing: "2024-5-3" or "2024-02-30" are errors, not guesses.
std::optional<QDate> parseIsoDate(const QString& text);

// Days since 1970-01-01 for a strict YYYY-MM-DD in UTF-8 bytes; -1 when invalid.
// Allocation-free: the feature reader calls it for every race.
int isoDayNumber(const char* text, int length);

} // namespace bfs
