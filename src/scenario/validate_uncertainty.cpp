#include "validator.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace carecast::validation {
namespace {

// A correlation matrix is symmetric and has a unit diagonal to within this much.
constexpr double k_correlation_tolerance = 1e-12;

// The settings each distribution takes; the first group is required.
struct Shape
{
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

const std::map<std::string, Shape>& shapes()
{
  static const std::map<std::string, Shape> known{
    {"uniform", {{"low", "high"}, {}}},       {"triangular", {{"low", "mode", "high"}, {}}},
    {"pert", {{"low", "mode", "high"}, {}}},  {"normal", {{"mean", "sd"}, {"low", "high"}}},
    {"lognormal", {{"median", "sigma"}, {}}},
  };
  return known;
}

std::vector<std::pair<std::string, const std::optional<Number>*>>
settings(const UncertainInput& input)
{
  return {{"low", &input.low},    {"mode", &input.mode}, {"high", &input.high},
          {"mean", &input.mean},  {"sd", &input.sd},     {"median", &input.median},
          {"sigma", &input.sigma}};
}

} // namespace

void Validator::check_uncertain_input(const UncertainInput& input)
{
  const std::string path = "uncertainty." + input.id;
  for (const UncertainInput& other : m_scenario.uncertainty) {
    if (&other == &input) {
      break;
    }
    if (other.parameter.id == input.parameter.id && !input.parameter.id.empty()) {
      error(input.parameter.pos,
            fmt::format("'{}' is already given a distribution by 'uncertainty.{}'",
                        input.parameter.id, other.id));
    }
  }
  const auto shape = shapes().find(input.distribution.id);
  if (shape == shapes().end()) {
    if (!input.distribution.id.empty()) {
      std::vector<std::string> names;
      for (const auto& [name, unused] : shapes()) {
        names.push_back(name);
      }
      error(input.distribution.pos,
            fmt::format("'{}.distribution' = \"{}\" is not a distribution (one of {}){}", path,
                        input.distribution.id, fmt::join(names, ", "),
                        did_you_mean(input.distribution.id, names)));
    }
    return;
  }
  const Shape& wanted = shape->second;
  for (const auto& [name, value] : settings(input)) {
    const bool required = std::ranges::count(wanted.required, name) > 0;
    const bool allowed = required || std::ranges::count(wanted.optional, name) > 0;
    if (*value && !allowed) {
      error((*value)->pos,
            fmt::format("'{}.{}' is not a setting of a {} distribution (it takes {})", path, name,
                        input.distribution.id, fmt::join(wanted.required, ", ")));
    } else if (!*value && required) {
      error(input.pos, fmt::format("'{}' is a {} distribution, so it needs '{}'", path,
                                   input.distribution.id, name));
    }
  }
  const auto below = [&](const std::optional<Number>& a, const std::optional<Number>& b) {
    if (a && b && a->value > b->value) {
      error(b->pos, fmt::format("'{}' = {:.15g} is below '{}' = {:.15g}", b->path, b->value,
                                a->path, a->value));
    }
  };
  below(input.low, input.mode);
  below(input.mode, input.high);
  if (!input.mode) {
    below(input.low, input.high);
  }
  for (const std::optional<Number>* spread : {&input.sd, &input.sigma}) {
    if (*spread && (*spread)->value < 0.0) {
      error((*spread)->pos,
            fmt::format("'{}' = {:.15g} must not be negative", (*spread)->path, (*spread)->value));
    }
  }
  if (input.median && input.median->value <= 0.0) {
    error(input.median->pos, fmt::format("'{}' = {:.15g} must be above 0: a lognormal value is "
                                         "always positive",
                                         input.median->path, input.median->value));
  }
}

void Validator::check_correlation(const CorrelationMatrix& correlation)
{
  std::vector<std::string> inputs;
  for (const UncertainInput& input : m_scenario.uncertainty) {
    inputs.push_back(input.id);
  }
  std::set<std::string> listed;
  for (const Reference& id : correlation.order) {
    check_reference(id, inputs, "uncertain input");
    if (!listed.insert(id.id).second) {
      error(id.pos, fmt::format("'correlation.order' lists '{}' twice", id.id));
    }
  }
  const std::size_t n = correlation.order.size();
  if (correlation.rows.size() != n) {
    error(correlation.matrix_pos,
          fmt::format("'correlation.matrix' has {} rows, but 'correlation.order' names {} inputs; "
                      "the matrix is square",
                      correlation.rows.size(), n));
    return;
  }
  for (std::size_t r = 0; r < n; ++r) {
    const auto& row = correlation.rows[r];
    if (row.size() != n) {
      error(correlation.matrix_pos,
            fmt::format("row {} of 'correlation.matrix' has {} entries, but 'correlation.order' "
                        "names {} inputs; the matrix is square",
                        r + 1, row.size(), n));
      return;
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < n; ++c) {
      const Number& cell = correlation.rows[r][c];
      if (r == c && std::abs(cell.value - 1.0) > k_correlation_tolerance) {
        error(cell.pos, fmt::format("'{}' = {:.15g}: an input's correlation with itself is 1",
                                    cell.path, cell.value));
      } else if (cell.value < -1.0 || cell.value > 1.0) {
        error(cell.pos, fmt::format("'{}' = {:.15g} is out of range: a correlation is between -1 "
                                    "and 1",
                                    cell.path, cell.value));
      } else if (c > r
                 && std::abs(cell.value - correlation.rows[c][r].value) > k_correlation_tolerance) {
        error(cell.pos, fmt::format("'{}' = {:.15g} differs from '{}' = {:.15g}: the matrix is "
                                    "symmetric",
                                    cell.path, cell.value, correlation.rows[c][r].path,
                                    correlation.rows[c][r].value));
      }
    }
  }
}

} // namespace carecast::validation
