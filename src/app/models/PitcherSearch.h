#pragma once

#include <QString>

namespace bfs::app {

// What a pitcher search box matches, for every table that has one: the text as typed (trimmed)
// against the name as written, case-insensitively, and the text normalised as the engine
// normalises names against the lookup, so "berrios" finds "José Berríos".
class PitcherSearch {
public:
    // False when the text is the same as before (trimmed): the filter need not run again.
    bool set(const QString& text);
    QString text() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }
    bool matches(const QString& name, const QString& lookup) const;

private:
    QString m_text;
    QString m_lookup;
};

} // namespace bfs::app
