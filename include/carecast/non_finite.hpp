#pragma once

// Figures that are not finite numbers. A scenario whose figures are each valid can still
// overflow (a cost of 1e300 grown for years), and so can a draw of an uncertain input
// from a wide distribution. Such a figure is reported, located at the parameter behind
// it, and never written to an output.

#include "carecast/diagnostic.hpp"
#include "carecast/draw_rules.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// Where an outcome holds an infinity or a NaN: the first by option, then line (k_none
// for the net present cost, checked after the lines), period and draw.
struct NonFiniteFigure
{
  int option = 0;
  int line = k_none;
  int period = 0;
  std::int64_t draw = 0; // counted from the outcome's first column
  double value = 0.0;
};

std::optional<NonFiniteFigure> first_non_finite(const Outcome& outcome);

// The problem with a model whose own values give a figure that is not finite, located
// at the line's base, or at the largest value of the model when the line has none.
// `outcome` is the model's evaluation by year.
std::optional<Diagnostic> check_finite(const Model& model, const Outcome& outcome);

// What goes wrong first over every block an analysis evaluates on any thread: the
// earliest column whose parameters break a rule of validation (draw_rules.hpp), else
// the earliest whose figures are not all finite, with the parameter values that gave
// them.
class DrawWatch
{
public:
  explicit DrawWatch(const Model& model);

  // Checks `parameters`, whose first column is column `first` of the analysis, before
  // they are evaluated: false when a column breaks a rule, and the block is then not
  // to be evaluated.
  bool check_rules(const Eigen::Ref<const ParameterRows>& parameters, std::int64_t first);

  // Checks the yearly `outcome` of `parameters`.
  void check(const Outcome& outcome, const Eigen::Ref<const ParameterRows>& parameters,
             std::int64_t first);

  // The problem found, if any: `noun` names a column ("draw"). A broken rule is named
  // with the parameter it is located at. A figure that is not finite is named with the
  // parameter the analysis moved furthest from the model's value (or to a value that
  // is not finite) in that column, and is located at that parameter.
  std::optional<Diagnostic> problem(const std::string& noun) const;

private:
  const Model& m_model;
  std::vector<JointRule> m_rules;
  mutable std::mutex m_mutex;
  std::optional<BrokenRule> m_broken;      // column counted over the whole analysis
  std::optional<NonFiniteFigure> m_figure; // draw counted over the whole analysis
  std::vector<double> m_values;            // the parameters of that column
};

} // namespace carecast
