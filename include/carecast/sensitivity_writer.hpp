#pragma once

// A sensitivity analysis as text: the tornado and the switching values.

#include "carecast/sensitivity.hpp"

#include <string>

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

// CSV header: scenario,metric,subject,kind,parameter,input,base_value,low_value,
// high_value,metric_low,metric_high,swing,switching_value,becomes_cheapest,range_low,
// range_high; `kind` is `tornado` (the tornado columns filled) or `switching`.
std::string write_csv(const SensitivityReport& report);
std::string write_json(const SensitivityReport& report);
std::string write_terminal(const SensitivityReport& report);

} // namespace carecast
