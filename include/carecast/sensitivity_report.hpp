#pragma once

// A sensitivity analysis as a report: the tornado and the switching values, with the
// parameters' addresses.

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
  std::vector<std::string> paths; // parameter addresses by position
  Sensitivity sensitivity;
  int top = 15; // tornado bars the table shows; CSV and JSON carry all
};

SensitivityReport sensitivity_report(const Model& model, const std::string& scenario,
                                     Sensitivity sensitivity, int top);

} // namespace carecast
