#include "validator.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace carecast::validation {
namespace {

// A correlation matrix is symmetric and has a unit diagonal to within this much.
constexpr double k_correlation_tolerance = 1e-12;

// The distributions' names, in alphabetical order, for messages.
std::vector<std::string> distribution_names()
{
  std::vector<std::string> names;
  for (const DistributionType& type : distribution_types()) {
    names.emplace_back(type.name);
  }
  std::ranges::sort(names);
  return names;
}

std::vector<std::string> setting_names(const std::vector<Setting>& settings)
{
  std::vector<std::string> names;
  for (const Setting setting : settings) {
    names.emplace_back(setting_name(setting));
  }
  return names;
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
  const DistributionType* type = find_distribution_type(input.distribution.id);
  if (!type) {
    if (!input.distribution.id.empty()) {
      const std::vector<std::string> names = distribution_names();
      error(input.distribution.pos,
            fmt::format("'{}.distribution' = \"{}\" is not a distribution (one of {}){}", path,
                        input.distribution.id, fmt::join(names, ", "),
                        did_you_mean(input.distribution.id, names)));
    }
    return;
  }
  Distribution distribution;
  std::vector<Setting> given;
  for (const Setting setting : k_settings) {
    const std::optional<Number>& value = input.setting(setting);
    const bool required = std::ranges::count(type->required, setting) > 0;
    const bool allowed = required || std::ranges::count(type->optional, setting) > 0;
    if (value && !allowed) {
      error(value->pos, fmt::format("'{}.{}' is not a setting of a {} distribution (it takes {})",
                                    path, setting_name(setting), type->name,
                                    fmt::join(setting_names(type->required), ", ")));
    } else if (!value && required) {
      error(input.pos, fmt::format("'{}' is a {} distribution, so it needs '{}'", path, type->name,
                                   setting_name(setting)));
    } else if (value) {
      distribution[setting] = value->value;
      given.push_back(setting);
    }
  }
  const auto path_of = [&](Setting setting) { return input.setting(setting)->path; };
  for (const SettingProblem& problem : setting_problems(distribution, given, path_of)) {
    error(input.setting(problem.setting)->pos, problem.message);
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
