#pragma once

// What changes from one scenario (A) to another (B): every parameter whose value
// differs, matched by address, and the change in each option's cost per year.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"
#include "carecast/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

struct ParameterChange
{
  std::string path;
  std::string unit;
  std::optional<double> before; // absent when only B has the parameter
  std::optional<double> after;  // absent when only A has it
};

// One side of a diff: a model, its evaluation, and the short id reports name it by.
struct DiffSide
{
  const Model& model;
  const Outcome& outcome;
  std::string id;
};

struct ScenarioDiff
{
  Label a; // id: the scenario's short id; name: its title
  Label b;
  std::vector<ParameterChange> parameters;
  // Kind `diff`, scenario "A..B": the measure `cost_change` (B - A) of the line
  // `total`, for each option and year both scenarios have.
  Report cost;
};

// Every parameter whose value differs, in A's order, then those only B has in B's
// order. Only values count: a parameter whose source or assumption alone changed is
// not listed.
std::vector<ParameterChange> parameter_changes(const Model& a, const Model& b);

// The parameter changes and the change of each common option's total cost per common
// year, from draw `draw` of both outcomes. Options and years follow A's order.
ScenarioDiff diff_report(const DiffSide& a, const DiffSide& b, int draw = 0);

} // namespace carecast
