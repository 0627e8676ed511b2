#include "carecast/non_finite.hpp"

#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

std::string figure_of(const Model& model, const NonFiniteFigure& figure)
{
  const std::string option = model.options()[figure.option].id;
  if (figure.line == k_none) {
    return fmt::format("option '{}' a net present cost of {}", option, figure.value);
  }
  return fmt::format("option '{}' a cost of {} on line '{}' in {}", option, figure.value,
                     model.lines()[figure.line].id, to_string(model.grid().year(figure.period)));
}

} // namespace

std::optional<NonFiniteFigure> first_non_finite(const Outcome& outcome)
{
  const auto find = [&](const auto& row) -> std::optional<std::pair<std::int64_t, double>> {
    // A sum that is a finite number has only finite terms: one pass, where allFinite()
    // takes two. A sum that is not may still have (its terms overflowed): look.
    if (std::isfinite(row.sum())) {
      return std::nullopt;
    }
    for (Eigen::Index d = 0; d < row.size(); ++d) {
      if (!std::isfinite(row[d])) {
        return std::pair{static_cast<std::int64_t>(d), row[d]};
      }
    }
    return std::nullopt;
  };
  for (int o = 0; o < outcome.options(); ++o) {
    for (int l = 0; l < outcome.lines(); ++l) {
      for (int p = 0; p < outcome.periods(); ++p) {
        if (const auto found = find(outcome.cost(o, l, p))) {
          return NonFiniteFigure{o, l, p, found->first, found->second};
        }
      }
    }
    if (const auto found = find(outcome.net_present_cost(o))) {
      return NonFiniteFigure{o, k_none, 0, found->first, found->second};
    }
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_finite(const Model& model, const Outcome& outcome)
{
  const std::optional<NonFiniteFigure> figure = first_non_finite(outcome);
  if (!figure) {
    return std::nullopt;
  }
  const std::vector<Parameter>& parameters = model.parameters();
  int culprit = figure->line == k_none ? k_none : model.lines()[figure->line].base;
  if (culprit == k_none) {
    culprit = 0;
    for (int p = 1; p < static_cast<int>(parameters.size()); ++p) {
      if (std::abs(parameters[p].value) > std::abs(parameters[culprit].value)) {
        culprit = p;
      }
    }
  }
  return Diagnostic{
    parameters[culprit].pos,
    fmt::format("the scenario gives {}, which is not a finite number: its figures are too large "
                "to compute with (the largest is '{}' = {})",
                figure_of(model, *figure), parameters[culprit].path, parameters[culprit].value)};
}

DrawWatch::DrawWatch(const Model& model)
  : m_model(model),
    m_rules(joint_rules(model))
{}

bool DrawWatch::check_rules(const Eigen::Ref<const ParameterRows>& parameters, std::int64_t first)
{
  std::optional<BrokenRule> broken = first_broken_rule(m_model, m_rules, parameters);
  if (!broken) {
    return true;
  }
  broken->column += first;
  const std::lock_guard lock(m_mutex);
  if (!m_broken || broken->column < m_broken->column) {
    m_broken = std::move(broken);
  }
  return false;
}

void DrawWatch::check(const Outcome& outcome, const Eigen::Ref<const ParameterRows>& parameters,
                      std::int64_t first)
{
  std::optional<NonFiniteFigure> figure = first_non_finite(outcome);
  if (!figure) {
    return;
  }
  figure->draw += first;
  const std::lock_guard lock(m_mutex);
  if (!m_figure || figure->draw < m_figure->draw) {
    const Eigen::VectorXd column = parameters.col(figure->draw - first);
    m_values.assign(column.begin(), column.end());
    m_figure = figure;
  }
}

std::optional<Diagnostic> DrawWatch::problem(const std::string& noun) const
{
  const std::lock_guard lock(m_mutex);
  const Model& model = m_model;
  if (m_broken) {
    const Parameter& parameter = model.parameters()[m_broken->parameter];
    return Diagnostic{parameter.pos,
                      fmt::format("{} {} is not a scenario carecast accepts, so nothing is "
                                  "written: {}; narrow the distributions that draw it",
                                  noun, m_broken->column + 1, m_broken->why)};
  }
  if (!m_figure) {
    return std::nullopt;
  }
  // Of the parameters the analysis moved, one that is not finite outright, else the
  // one furthest out: its size as a multiple of its value in the model (or of 1, for a
  // value smaller than that, such as a rate).
  const std::vector<Parameter>& parameters = model.parameters();
  int culprit = 0;
  double furthest = -1.0;
  for (int p = 0; p < static_cast<int>(parameters.size()); ++p) {
    const double base = parameters[p].value;
    if (m_values[p] == base) {
      continue;
    }
    const double moved =
      std::isfinite(m_values[p]) ? std::abs(m_values[p]) / std::max(std::abs(base), 1.0) : HUGE_VAL;
    if (moved > furthest) {
      culprit = p;
      furthest = moved;
    }
  }
  return Diagnostic{
    parameters[culprit].pos,
    fmt::format("{} {} gives {}, which is not a finite number, so nothing is written: '{}'{} "
                "is {} in that {} (its value in the scenario is {}); narrow its range",
                noun, m_figure->draw + 1, figure_of(model, *m_figure), parameters[culprit].path,
                input_note(model, culprit), m_values[culprit], noun, parameters[culprit].value)};
}

} // namespace carecast
