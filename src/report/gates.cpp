#include "carecast/gates.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace carecast {
namespace {

bool has_option(const Report& report, const std::string& id)
{
  return std::any_of(report.options.begin(), report.options.end(),
                     [&](const Label& option) { return option.id == id; });
}

bool has_budget(const Report& report, const std::string& year)
{
  return std::any_of(report.options.begin(), report.options.end(), [&](const Label& option) {
    return report.find(option.id, year, k_total_line, "budget") != nullptr;
  });
}

// The years the variance gate checks: those asked for, or every year with a budget.
std::vector<std::string> variance_years(const Report& report, const Gates& gates)
{
  if (!gates.years.empty()) {
    return gates.years;
  }
  std::vector<std::string> years;
  std::copy_if(report.years.begin(), report.years.end(), std::back_inserter(years),
               [&](const std::string& year) { return has_budget(report, year); });
  return years;
}

std::string ids(const std::vector<Label>& labels)
{
  std::vector<std::string> found;
  for (const Label& label : labels) {
    found.push_back(label.id);
  }
  return fmt::format("{}", fmt::join(found, ", "));
}

} // namespace

std::vector<std::string> gate_problems(const Report& report, const Gates& gates)
{
  std::vector<std::string> problems;
  for (const std::string& year : gates.years) {
    if (std::find(report.years.begin(), report.years.end(), year) == report.years.end()) {
      problems.push_back(fmt::format("--year {}: the scenario's years are {} to {}", year,
                                     report.years.front(), report.years.back()));
    } else if (!has_budget(report, year)) {
      problems.push_back(
        fmt::format("--year {}: the scenario has no budget for {}, so it has no variance", year,
                    year));
    }
  }
  if (!gates.years.empty() && !gates.max_variance) {
    problems.push_back("--year chooses the years of --max-variance, which is not given");
  }
  if (gates.cheapest && !has_option(report, *gates.cheapest)) {
    problems.push_back(fmt::format("--require-cheapest {}: the scenario's options are {}",
                                   *gates.cheapest, ids(report.options)));
  }
  return problems;
}

std::vector<std::string> failed_gates(const Report& report, const Gates& gates)
{
  std::vector<std::string> failures;
  if (gates.max_variance) {
    const std::vector<std::string> years = variance_years(report, gates);
    for (const Label& option : report.options) {
      for (const std::string& year : years) {
        const double* variance = report.find(option.id, year, k_total_line, "variance");
        if (variance && *variance > *gates.max_variance) {
          failures.push_back(fmt::format(
            "--max-variance {:g}: option {} in {}: variance {:.2f} (cost {:.2f} against a budget "
            "of {:.2f}, {})",
            *gates.max_variance, option.id, year, *variance,
            *report.find(option.id, year, k_total_line, "cost"),
            *report.find(option.id, year, k_total_line, "budget"), report.unit));
        }
      }
    }
  }
  if (gates.cheapest) {
    const std::string all(k_all_years);
    const double required = *report.find(*gates.cheapest, all, k_total_line, "npc");
    for (const Label& option : report.options) {
      const double npc = *report.find(option.id, all, k_total_line, "npc");
      if (npc < required) {
        failures.push_back(
          fmt::format("--require-cheapest {}: option {} has a net present cost of {:.2f}, below "
                      "{}'s {:.2f} ({})",
                      *gates.cheapest, option.id, npc, *gates.cheapest, required, report.unit));
      }
    }
  }
  return failures;
}

} // namespace carecast
