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

// A year's approved budget: its steps, or the previous year's budget and its growth.
Explanation explain_budget(const Model& model, const Eigen::VectorXd& values, int year);

// What moves one explanation to another: for each term (matched by label), the
// later value less the earlier one; terms sum to the change of the total.
Explanation bridge(const Explanation& from, const Explanation& to);

} // namespace carecast
