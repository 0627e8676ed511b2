#pragma once

// What `carecast validate` found in each scenario file: valid, with its span and size,
// or invalid, with every located problem.

#include "carecast/diagnostic.hpp"
#include "carecast/model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace carecast {

// A problem is located at a file (the scenario, or a file it extends), a line and a
// column; line and column are 0 for a file that cannot be read.
struct ScenarioCheck
{
  std::string file;
  bool valid = false;
  // Of a valid scenario only: its first and last financial years ("2021/22") and its
  // numbers of lines and options.
  std::string first_year;
  std::string last_year;
  std::size_t lines = 0;
  std::size_t options = 0;
  std::vector<Diagnostic> errors; // as read_model gives them; empty when valid
};

// `file`'s check from its load (read_model).
ScenarioCheck scenario_check(const std::string& file, const ModelLoad& loaded);

// The checks of every file validate was given, in the order given.
struct ValidationReport
{
  std::vector<ScenarioCheck> scenarios;
};

} // namespace carecast
