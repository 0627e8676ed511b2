#pragma once

// A sensitivity analysis as a report: the tornado and the switching values, with each
// parameter's address, a readable label and its unit.

#include "carecast/model.hpp"
#include "carecast/sensitivity.hpp"

#include <string>
#include <vector>

namespace carecast {

struct SensitivityReport
{
  std::string scenario;
  std::string title;
  std::string unit;
  std::vector<std::string> paths;  // parameter addresses by position
  std::vector<std::string> labels; // readable names by position, no two alike
  std::vector<std::string> units;  // each parameter's unit by position
  Sensitivity sensitivity;
  int top = 20; // tornado bars the table shows; CSV and JSON carry all
};

// A readable name for every parameter, by position: what the parameter is, after the
// name of the index, line, placement type or overlay it belongs to ("External
// residential: weekly cost", "Demand and complexity: growth in 2022/23"). Names are
// given without their asides in brackets, unless two labels would then be alike: those
// keep their names whole (an overlay's with its option's name) and, if still alike,
// end with the address. A parameter that belongs to nothing named is its address.
std::vector<std::string> parameter_labels(const Model& model);

// How many of the tornado's bars a table or chart shows: the largest `top` of those that
// move the metric at all (a parameter of another option moves it not at all).
std::size_t shown_bars(const SensitivityReport& report);

SensitivityReport sensitivity_report(const Model& model, const std::string& scenario,
                                     Sensitivity sensitivity, int top);

} // namespace carecast
