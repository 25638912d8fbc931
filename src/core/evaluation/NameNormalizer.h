#pragma once

#include <QString>

namespace bfs {

// `player_lookup` (evaluation.md): NFKD, drop combining marks, lower-case, drop the
// tokens jr/sr/ii/iii/iv, keep only a–z. "José Berríos" → "joseberrios".
// Used by the loader (betting lines) and the prediction importer alike, so both
// sides of a match are normalised by the same code.
QString normalizePlayerName(const QString& name);

} // namespace bfs
