#pragma once

// Every parameter of a scenario by its address: the list `carecast params` shows, so
// that any number can be found, overridden or given a distribution.

#include "carecast/distribution.hpp"
#include "carecast/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

struct ParameterEntry
{
  std::string path;
  double value = 0.0;
  std::string unit;
  std::string location; // file:line where it is set; empty for a default
  std::string source;
  std::string assumption;
  std::optional<Distribution> distribution; // the input's, when the parameter is uncertain
  bool derived = false;     // computed from other parameters, not an input (Parameter::derived)
};

struct ParameterList
{
  std::string scenario;
  std::vector<ParameterEntry> entries;
};

ParameterList parameter_list(const Model& model, const std::string& scenario);

} // namespace carecast
