#include "JsonFlatten.h"

namespace bfs {

namespace {
void flatten(
    const nlohmann::json& value, const std::string& prefix, std::vector<std::pair<std::string, nlohmann::json>>& out)
{
    if (value.is_object() && !value.empty()) {
        for (const auto& [key, child] : value.items())
            flatten(child, prefix.empty() ? key : prefix + "." + key, out);
    } else if (value.is_array() && !value.empty()) {
        for (size_t i = 0; i < value.size(); ++i)
            flatten(value[i], prefix + "." + std::to_string(i), out);
    } else {
        out.emplace_back(prefix, value);
    }
}
} // namespace

std::vector<std::pair<std::string, nlohmann::json>> flattenJson(const nlohmann::json& value)
{
    std::vector<std::pair<std::string, nlohmann::json>> out;
    flatten(value, {}, out);
    return out;
}

} // namespace bfs
