#pragma once

// The starter scenario that `carecast init` writes: a small, complete scenario of an
// imaginary council that teaches the format by example and runs as written.

#include <string_view>

namespace carecast {

// The starter's TOML text. Every number in it carries an illustrative `assumption`, so
// a reader can see at once which figures still need a real source.
std::string_view starter_scenario();

} // namespace carecast
