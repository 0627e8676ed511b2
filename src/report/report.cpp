#include "carecast/report.hpp"

#include <cassert>
#include <cmath>
#include <fmt/format.h>

namespace carecast {

Report empty_report(ReportKind kind, const Model& model, const Outcome& outcome,
                    const std::string& scenario)
{
  assert(outcome.periods() == model.grid().years() && "reports are built from yearly outcomes");
  Report report{kind, scenario, model.name(), model.unit(), {}, {}, {}, {}, {}, {}, {}, {}};
  for (const ModelLine& line : model.lines()) {
    report.lines.push_back({line.id, line.name.empty() ? line.id : line.name});
  }
  for (const ModelPlacement& type : model.ladder().types) {
    report.placements.push_back({type.id, type.name});
  }
  for (int y = 0; y < model.grid().years(); ++y) {
    report.years.push_back(to_string(model.grid().year(y)));
  }
  return report;
}

namespace {

void add_label(Report& report, const ModelOption& option)
{
  report.options.push_back({option.id, option.name});
}

// Budget and variance rows of one option's year, when the budget is known.
void add_budget_rows(Report& report, const Outcome& outcome, const std::string& option, int year,
                     double cost, int draw)
{
  const double budget = outcome.budget(year)[draw];
  if (std::isnan(budget)) { // no budget stated for this year, nor one to grow from
    return;
  }
  report.rows.push_back({option, report.years[year], std::string(k_total_line), "budget", budget});
  report.rows.push_back(
    {option, report.years[year], std::string(k_total_line), "variance", cost - budget});
}

// The care ladder's rows of an option's year: children (average and at the year's
// end) and cost per placement type, with the placement type's id as the line, and
// the children in all placements as `total`.
void add_ladder_rows(Report& report, const Outcome& outcome, const std::string& option, int o,
                     int year, int draw)
{
  if (report.placements.empty()) {
    return;
  }
  const std::string& label = report.years[year];
  double average = 0.0;
  double end = 0.0;
  for (int j = 0; j < outcome.placements(); ++j) {
    const std::string& type = report.placements[j].id;
    average += outcome.children_avg(o, j, year)[draw];
    end += outcome.children_end(o, j, year)[draw];
    report.rows.push_back(
      {option, label, type, "children_avg", outcome.children_avg(o, j, year)[draw]});
    report.rows.push_back(
      {option, label, type, "children_end", outcome.children_end(o, j, year)[draw]});
    report.rows.push_back({option, label, type, "cost", outcome.placement_cost(o, j, year)[draw]});
  }
  report.rows.push_back({option, label, std::string(k_total_line), "children_avg", average});
  report.rows.push_back({option, label, std::string(k_total_line), "children_end", end});
}

std::string appraisal_note(const Model& model)
{
  const ModelAppraisal& appraisal = model.appraisal();
  const double rate = model.parameters()[appraisal.discount_rate].value;
  return fmt::format("discounted at {:g}% a year from {}", rate * 100.0,
                     to_string(model.grid().year(appraisal.first_year)));
}

} // namespace

const double* Report::find(std::string_view option, std::string_view year, std::string_view line,
                           std::string_view measure) const
{
  for (const ReportRow& row : rows) {
    if (row.option == option && row.year == year && row.line == line && row.measure == measure) {
      return &row.value;
    }
  }
  return nullptr;
}

Report run_report(const Model& model, const Outcome& outcome, const std::string& scenario,
                  const std::vector<int>& options, int draw)
{
  Report report = empty_report(ReportKind::run, model, outcome, scenario);
  std::vector<int> chosen = options;
  if (chosen.empty()) {
    for (int o = 0; o < outcome.options(); ++o) {
      chosen.push_back(o);
    }
  }
  for (const int o : chosen) {
    const ModelOption& option = model.options()[o];
    add_label(report, option);
    for (int y = 0; y < outcome.periods(); ++y) {
      for (int l = 0; l < outcome.lines(); ++l) {
        report.rows.push_back(
          {option.id, report.years[y], report.lines[l].id, "cost", outcome.cost(o, l, y)[draw]});
      }
      const double total = outcome.total(o, y)[draw];
      report.rows.push_back({option.id, report.years[y], std::string(k_total_line), "cost", total});
      add_budget_rows(report, outcome, option.id, y, total, draw);
      add_ladder_rows(report, outcome, option.id, o, y, draw);
    }
  }
  return report;
}

Report compare_report(const Model& model, const Outcome& outcome, const std::string& scenario,
                      int draw)
{
  Report report = empty_report(ReportKind::compare, model, outcome, scenario);
  const std::string total_line(k_total_line);
  for (int o = 0; o < outcome.options(); ++o) {
    const ModelOption& option = model.options()[o];
    add_label(report, option);
    double cumulative = 0.0;
    for (int y = 0; y < outcome.periods(); ++y) {
      const double cost = outcome.total(o, y)[draw];
      cumulative += cost;
      const std::string& year = report.years[y];
      report.rows.push_back({option.id, year, total_line, "cost", cost});
      report.rows.push_back(
        {option.id, year, total_line, "difference", cost - outcome.total(0, y)[draw]});
      report.rows.push_back({option.id, year, total_line, "cumulative", cumulative});
      add_budget_rows(report, outcome, option.id, y, cost, draw);
      if (model.appraisal().deflator != k_none) {
        report.rows.push_back(
          {option.id, year, total_line, "real_cost", cost / outcome.deflator(y)[draw]});
      }
      add_ladder_rows(report, outcome, option.id, o, y, draw);
    }
    report.rows.push_back(
      {option.id, std::string(k_all_years), total_line, "npc", outcome.net_present_cost(o)[draw]});
  }
  report.appraisal = appraisal_note(model);
  if (model.appraisal().deflator != k_none) {
    report.price_year = to_string(model.grid().year(model.appraisal().price_year));
  }
  return report;
}

} // namespace carecast
