#pragma once

// What the CSV fuzzers (csv_fuzz.cpp, ledger_fuzz.cpp) require of every reading: a
// broken promise stops the run as a crash does, so libFuzzer keeps the input.

#include "carecast/diagnostic.hpp"
#include "carecast/windows_1252.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace carecast::fuzz {

// The name the fuzzed bytes are read under.
inline const std::string k_file = "fuzz_input.csv";

inline void require(bool holds, const char* promise)
{
  if (!holds) {
    std::fprintf(stderr, "csv_fuzz: broken promise: %s\n", promise);
    std::abort();
  }
}

// What carecast prints is UTF-8, and no control character but a line end or a tab
// reaches the terminal from an input.
inline void require_shown(const std::string& text)
{
  require(!carecast::first_invalid_utf8(text), "a message is UTF-8");
  require(std::none_of(
            text.begin(), text.end(),
            [](char c) { return c != '\n' && c != '\t' && carecast::is_control_character(c); }),
          "a message has no control characters");
}

inline void require_rendered(const std::vector<carecast::Diagnostic>& diagnostics,
                      const std::vector<carecast::Diagnostic>& warnings,
                      const carecast::SourceFiles& sources)
{
  for (const carecast::Diagnostic& diagnostic : diagnostics) {
    require_shown(carecast::render(diagnostic, sources));
  }
  for (const carecast::Diagnostic& warning : warnings) {
    require_shown(carecast::render_warning(warning));
  }
}

} // namespace carecast::fuzz
