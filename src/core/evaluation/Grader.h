#pragma once

#include <QString>

#include <optional>

namespace bfs {

enum class Recommendation { Over, Under, Pass };
// One result per prediction; the enum order is the precedence (evaluation.md phase 4).
enum class BetResult { NoLine, Pass, Ungraded, Win, Loss, Push };

// Phase 4: the edge against a line, the recommendation derived from it, and the
// result of a prediction. Pure functions, shared by the overall grade, the
// per-bookmaker grade and the threshold sweep so they can never disagree.
class Grader {
public:
    static constexpr double DefaultMinEdge = 0.5;

    // OVER when edge ≥ minEdge, UNDER when edge ≤ −minEdge, else PASS.
    static Recommendation recommend(double edge, double minEdge);
    // First match wins: NO_LINE, PASS, UNGRADED, then WIN / LOSS / PUSH.
    static BetResult grade(std::optional<double> line, Recommendation recommendation, std::optional<int> actual);

    static QString name(Recommendation recommendation);
    static QString name(BetResult result);
    // "OVER"/"UNDER"/"PASS", case-insensitive; nullopt for anything else.
    static std::optional<Recommendation> parseRecommendation(const QString& text);
};

} // namespace bfs
