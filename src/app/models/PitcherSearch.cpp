#include "PitcherSearch.h"

#include "evaluation/NameNormalizer.h"

namespace bfs::app {

bool PitcherSearch::set(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return false;
    m_text = trimmed;
    m_lookup = normalizePlayerName(trimmed);
    return true;
}

bool PitcherSearch::matches(const QString& name, const QString& lookup) const
{
    if (m_text.isEmpty() || name.contains(m_text, Qt::CaseInsensitive))
        return true;
    return !m_lookup.isEmpty() && lookup.contains(m_lookup);
}

} // namespace bfs::app
