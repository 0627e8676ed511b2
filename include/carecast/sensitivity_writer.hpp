#pragma once

// A sensitivity analysis as text: the tornado and the switching values.

#include "carecast/sensitivity_report.hpp"

#include <string>
#include <vector>

namespace carecast {

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
