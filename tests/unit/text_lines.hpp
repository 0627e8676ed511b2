#pragma once

// Splitting a writer's text output into lines, for the writers' tests.

#include <sstream>
#include <string>
#include <vector>

namespace carecast::test {

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    lines.push_back(line);
  }
  return lines;
}

} // namespace carecast::test
