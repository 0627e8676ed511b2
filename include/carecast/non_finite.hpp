#pragma once

// Figures that are not finite numbers. A scenario whose figures are each valid can still
// overflow (a cost of 1e300 grown for years), and so can a draw of an uncertain input
// from a wide distribution. Such a figure is reported, located at the parameter behind
// it, and never written to an output.

#include "carecast/diagnostic.hpp"
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

// The earliest column, over every block an analysis evaluates on any thread, whose
// figures are not all finite, with the parameter values that gave them.
class NonFiniteWatch
{
public:
  // Checks the yearly `outcome` of `parameters`, whose first column is column `first`
  // of the analysis.
  void check(const Outcome& outcome, const Eigen::Ref<const ParameterRows>& parameters,
             std::int64_t first);

  // The problem found, if any: `noun` names a column ("draw"). It names the figure
  // and the parameter the analysis moved furthest from the model's value (or to a
  // value that is not finite) in that column, and is located at that parameter.
  std::optional<Diagnostic> problem(const Model& model, const std::string& noun) const;

private:
  mutable std::mutex m_mutex;
  std::optional<NonFiniteFigure> m_figure; // draw counted over the whole analysis
  std::vector<double> m_values;            // the parameters of that column
};

} // namespace carecast
