// Included first in every file of the Windows build that uses toml++ (tomlplusplusConfig.cmake):
// the parser's internal assertions off, as in the release build of the library that the
// Linux build links.
#pragma once
#define TOML_ASSERT(expr) static_assert(true)
