#pragma once

// How one figure is built: the terms that add up to a line's cost, or to a year's
// budget, each tied to the parameter that sets it.

#include "carecast/model.hpp"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace carecast {

struct Term
{
  std::string label;
  double value = 0.0;
  int parameter = k_none; // the parameter behind the term, when one is
  std::string caption;    // a short name for a chart's axis: "Stop: duplicated_overheads"
};

struct Explanation
{
  std::string line; // a line id; empty for the budget
  double total = 0.0;
  std::vector<Term> terms; // they sum to `total`
};

// A line's cost for an option in a financial year (indices into the model's lines,
// options and years): base amount, demand effect, each price index's effect, each
// stop, each overlay.
Explanation explain_cost(const Model& model, const Eigen::VectorXd& values, int option, int line,
                         int year);

// What makes a line's cost in a year under `option` differ from its cost under `vs`
// (indices into the model's options), credited to the overlays the two do not share:
// each with what it changes on its own (vs's own overlays taken one at a time from
// vs, the option's added one at a time to the overlays both share), on the line the
// care ladder feeds split into the ladder's volume, mix and price effects; and
// "Interaction of the overlays above": what they change together beyond their own
// effects, which no one parameter sets (only the rounding of the sums unless two or
// more of them move the line). The terms sum to `total`, the option's cost less vs's.
Explanation explain_gap(const Model& model, const Eigen::VectorXd& values, int option, int vs,
                        int line, int year);

// A year's approved budget: its steps, or the previous year's budget and its growth.
Explanation explain_budget(const Model& model, const Eigen::VectorXd& values, int year);

// What moves one explanation to another: for each term (matched by label), the
// later value less the earlier one; terms sum to the change of the total.
Explanation bridge(const Explanation& from, const Explanation& to);

} // namespace carecast
