#pragma once

#include <string_view>

namespace bfs {

// A decimal number that is the whole of `text` ("12", "-0.5", "1e3"; no sign '+', no spaces,
// no hex), parsed the same in every locale and with every standard library (fast_float: Apple's
// libc++ has no std::from_chars for double before LLVM 20). False for anything else, and for a
// value that is not finite ("inf", "nan", or a magnitude past double's range).
bool parseFiniteDouble(std::string_view text, double& out);

} // namespace bfs
