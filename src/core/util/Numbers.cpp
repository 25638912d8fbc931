#include "Numbers.h"

#include <fast_float/fast_float.h>

#include <cmath>

namespace bfs {

bool parseFiniteDouble(std::string_view text, double& out)
{
    if (text.empty())
        return false;
    double value = 0;
    const auto [end, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return false;
    out = value;
    return true;
}

} // namespace bfs
