#pragma once

// The medium-term financial strategy view of one option, as councillors read it: per
// financial year, the budget built up by kind of step, the option's projected cost and
// the gap between them.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"
#include "carecast/report.hpp"

#include <Eigen/Core>
#include <string>

namespace carecast {

// Rows (line total) per year of `option` (an index into the model's options):
// base_budget, demand_pressures, inflation, other_pressures, savings and net_budget
// (their sum) where the year has a budget; projected_cost every year; and gap
// (projected cost less net budget, positive when the budget falls short) where both
// are known. A year whose budget grows from the year before has the previous net
// budget as its base and the growth as inflation; a year rolled forward has what it
// rolls forward as base. The option's savings against target follow (savings.hpp).
// `outcome` is the yearly evaluation of the parameter values `values`.
Report summary_report(const Model& model, const Outcome& outcome, const Eigen::VectorXd& values,
                      const std::string& scenario, int option);

} // namespace carecast
