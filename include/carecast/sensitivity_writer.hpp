#pragma once

// A sensitivity analysis as text: the tornado and the switching values.

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

// CSV header: scenario,metric,subject,kind,parameter,input,base_value,low_value,
// high_value,metric_low,metric_high,swing,preferred,switching_value,becomes_cheapest,
// range_low,range_high; `kind` is `tornado` (low_value to swing filled) or `switching`
// (preferred to range_high filled; switching_value and becomes_cheapest empty when
// there is none within range); `input` names the parameter's uncertain input, if any.
// Values are unrounded.
std::string write_csv(const SensitivityReport& report);
std::string write_json(const SensitivityReport& report);
std::string write_terminal(const SensitivityReport& report);

} // namespace carecast
