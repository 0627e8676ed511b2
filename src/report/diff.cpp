#include "carecast/diff.hpp"

#include <cassert>
#include <utility>

namespace carecast {
namespace {

using Pairs = std::vector<std::pair<int, int>>; // (position in A, position in B)

Pairs common_options(const Model& a, const Model& b)
{
  Pairs pairs;
  for (std::size_t o = 0; o < a.options().size(); ++o) {
    if (const std::optional<int> found = b.find_option(a.options()[o].id)) {
      pairs.emplace_back(static_cast<int>(o), *found);
    }
  }
  return pairs;
}

// The scenarios may start or end in different years; only the years both project
// have a change of cost.
Pairs common_years(const Grid& a, const Grid& b)
{
  Pairs pairs;
  for (int y = 0; y < a.years(); ++y) {
    if (const std::optional<int> found = b.year_index(a.year(y))) {
      pairs.emplace_back(y, *found);
    }
  }
  return pairs;
}

Report cost_changes(const DiffSide& a, const DiffSide& b, int draw)
{
  Report report;
  report.kind = ReportKind::diff;
  report.scenario = a.id + ".." + b.id;
  report.title = "From " + a.id + " (A) to " + b.id + " (B)";
  report.unit = a.model.unit();
  const Pairs years = common_years(a.model.grid(), b.model.grid());
  for (const auto& year : years) {
    report.years.push_back(to_string(a.model.grid().year(year.first)));
  }
  for (const auto& [in_a, in_b] : common_options(a.model, b.model)) {
    const ModelOption& option = a.model.options()[in_a];
    report.options.push_back({option.id, option.name});
    for (std::size_t y = 0; y < years.size(); ++y) {
      const double change =
        b.outcome.total(in_b, years[y].second)[draw] - a.outcome.total(in_a, years[y].first)[draw];
      report.rows.push_back(
        {option.id, report.years[y], std::string(k_total_line), "cost_change", change});
    }
  }
  return report;
}

} // namespace

std::vector<ParameterChange> parameter_changes(const Model& a, const Model& b)
{
  std::vector<ParameterChange> changes;
  for (const Parameter& before : a.parameters()) {
    const std::optional<int> found = b.find_parameter(before.path);
    if (!found) {
      changes.push_back({before.path, before.unit, before.value, std::nullopt});
      continue;
    }
    const Parameter& after = b.parameters()[*found];
    if (after.value != before.value) {
      changes.push_back({before.path, after.unit, before.value, after.value});
    }
  }
  for (const Parameter& after : b.parameters()) {
    if (!a.find_parameter(after.path)) {
      changes.push_back({after.path, after.unit, std::nullopt, after.value});
    }
  }
  return changes;
}

ScenarioDiff diff_report(const DiffSide& a, const DiffSide& b, int draw)
{
  assert(a.outcome.periods() == a.model.grid().years()
         && b.outcome.periods() == b.model.grid().years()
         && "diffs are built from yearly outcomes");
  return {{a.id, a.model.name()},
          {b.id, b.model.name()},
          parameter_changes(a.model, b.model),
          cost_changes(a, b, draw)};
}

} // namespace carecast
