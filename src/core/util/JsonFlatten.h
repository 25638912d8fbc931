#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace bfs {

// Every leaf of a JSON value with its dotted path ("evaluation.by_side.0.hit_rate"),
// in document order: the CSV report's rows and the Runs screen's comparison.
std::vector<std::pair<std::string, nlohmann::json>> flattenJson(const nlohmann::json& value);

} // namespace bfs
