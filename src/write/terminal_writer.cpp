#include "carecast/savings.hpp"
#include "carecast/text_table.hpp"
#include "carecast/unit_format.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace carecast {

std::string two_decimals(double value)
{
  return fmt::format("{:.2f}", std::abs(value) < 0.005 ? 0.0 : value);
}

std::string signed_amount(double value)
{
  const std::string text = two_decimals(value);
  return text.front() == '-' ? text : "+" + text;
}

namespace {

using Align = TextTable::Align;

std::string money_or_blank(const double* value)
{
  return value ? two_decimals(*value) : std::string{};
}

std::string heading(const Report& report, std::size_t width)
{
  return wrapped(report.title, 0, 0, width)
         + wrapped(fmt::format("Amounts in {}; financial years run April to March.", report.unit),
                   0, 0, width);
}

std::string option_legend(const Report& report, std::size_t width)
{
  TextTable table;
  table.add_column("Option", Align::left, TextTable::Fit::shorten);
  table.add_column("Name", Align::left, TextTable::Fit::wrap);
  for (const Label& option : report.options) {
    table.add_row({option.id, option.name});
  }
  return table.render(width);
}

// One section of the comparison: a year per row, a chosen set of options per column.
std::string option_section(const Report& report, std::string_view title, std::string_view measure,
                           std::size_t first_option, bool with_budget, bool with_total,
                           std::size_t width)
{
  TextTable table;
  table.add_column("Year", Align::left);
  if (with_budget) {
    table.add_column("Budget", Align::right);
  }
  for (std::size_t o = first_option; o < report.options.size(); ++o) {
    table.add_column(report.options[o].id, Align::right);
  }
  std::vector<double> totals(report.options.size(), 0.0);
  for (const std::string& year : report.years) {
    const std::string& first = report.options.front().id;
    if (measure == "variance" && !report.find(first, year, k_total_line, "budget")) {
      continue;
    }
    std::vector<std::string> cells{year};
    if (with_budget) {
      cells.push_back(money_or_blank(report.find(first, year, k_total_line, "budget")));
    }
    for (std::size_t o = first_option; o < report.options.size(); ++o) {
      const double* value = report.find(report.options[o].id, year, k_total_line, measure);
      totals[o] += value ? *value : 0.0;
      cells.push_back(money_or_blank(value));
    }
    table.add_row(std::move(cells));
  }
  if (with_total) {
    table.add_rule();
    std::vector<std::string> cells{"Total"};
    if (with_budget) {
      cells.emplace_back();
    }
    for (std::size_t o = first_option; o < report.options.size(); ++o) {
      cells.push_back(two_decimals(totals[o]));
    }
    table.add_row(std::move(cells));
  }
  return "\n" + wrapped(std::string(title), 0, 0, width) + table.render(width);
}

// Whether and from when an option's savings meet their target, from its savings rows.
std::string savings_status(const Report& report, const std::string& option)
{
  bool has_target = false;
  for (const std::string& year : report.years) {
    if (report.find(option, year, k_total_line, "savings_met_from")) {
      return "met from " + year;
    }
    has_target = has_target || report.find(option, year, k_total_line, "savings_met");
  }
  return has_target ? "not met within horizon" : "no savings target";
}

// Options ranked by net present cost, the cheapest first.
std::string appraisal_section(const Report& report, std::size_t width)
{
  std::vector<std::pair<double, const Label*>> ranked;
  for (const Label& option : report.options) {
    if (const double* npc = report.find(option.id, k_all_years, k_total_line, "npc")) {
      ranked.emplace_back(*npc, &option);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  TextTable table;
  table.add_column("Rank", Align::right);
  table.add_column("Option", Align::left);
  table.add_column("Net present cost", Align::right);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    table.add_row({std::to_string(i + 1), ranked[i].second->id, two_decimals(ranked[i].first)});
  }
  const std::string prices =
    report.price_year.empty() ? "" : fmt::format(", in {} prices", report.price_year);
  return "\n" + wrapped(fmt::format("Net present cost ({}{})", report.appraisal, prices), 0, 0, width)
         + table.render(width);
}

// The years in which any option has a savings target.
std::vector<std::string> savings_years(const Report& report)
{
  std::vector<std::string> years;
  for (const std::string& year : report.years) {
    for (const Label& option : report.options) {
      if (report.find(option.id, year, k_total_line, "savings_target")) {
        years.push_back(year);
        break;
      }
    }
  }
  return years;
}

// Target, delivered and shortfall per year: the budget's target once, as every option
// shares it, or each option's own.
std::string savings_by_year(const Report& report, const std::vector<std::string>& years,
                            std::size_t width)
{
  TextTable table;
  table.add_column("", Align::left);
  for (const std::string& year : years) {
    table.add_column(year, Align::right);
  }
  const auto add = [&](const std::string& label, const std::string& option,
                       std::string_view measure) {
    std::vector<std::string> cells{label};
    for (const std::string& year : years) {
      cells.push_back(money_or_blank(report.find(option, year, k_total_line, measure)));
    }
    table.add_row(std::move(cells));
  };
  const bool shared = report.savings_basis == describe(SavingsBasis::budget);
  if (shared) {
    add("Target", report.options.front().id, "savings_target");
  }
  for (const Label& option : report.options) {
    if (savings_status(report, option.id) == "no savings target") {
      continue;
    }
    table.add_row({option.id});
    if (!shared) {
      add("  target", option.id, "savings_target");
    }
    add("  delivered", option.id, "savings_delivered");
    add("  shortfall", option.id, "savings_shortfall");
  }
  return table.render(width);
}

std::string savings_section(const Report& report, std::size_t width)
{
  TextTable table;
  table.add_column("Option", Align::left, TextTable::Fit::shorten);
  table.add_column("Savings target", Align::left, TextTable::Fit::wrap);
  table.add_column("Shortfall over horizon", Align::right);
  for (const Label& option : report.options) {
    double shortfall = 0.0;
    bool any = false;
    for (const std::string& year : report.years) {
      if (const double* value = report.find(option.id, year, k_total_line, "savings_shortfall")) {
        shortfall += *value;
        any = true;
      }
    }
    table.add_row({option.id, savings_status(report, option.id),
                   any ? two_decimals(shortfall) : std::string{}});
  }
  const std::vector<std::string> years = savings_years(report);
  if (years.empty()) {
    return "\nSavings against target\n" + table.render(width);
  }
  return "\n"
         + wrapped(fmt::format("Savings against target: {}", report.savings_basis), 0, 0, width)
         + wrapped("Shortfall = target - delivered, part of the variance above (not added to it)",
                   0, 0, width)
         + savings_by_year(report, years, width) + "\n" + table.render(width);
}

// A table with a column per year after the first, of row labels.
TextTable year_columns(const Report& report, std::string first)
{
  TextTable table;
  table.add_column(std::move(first), Align::left);
  for (const std::string& year : report.years) {
    table.add_column(year, Align::right);
  }
  return table;
}

// A number of children as tables show it: whole children.
std::string children_or_blank(const double* value)
{
  return value ? fmt::format("{:.0f}", std::abs(*value) < 0.5 ? 0.0 : *value) : std::string{};
}

// One measure of an option across the years; left out when no year has it.
void add_measure_row(TextTable& table, const Report& report, const Label& option,
                     const std::string& label, std::string_view line, std::string_view measure,
                     std::string (*format)(const double*) = money_or_blank)
{
  std::vector<std::string> cells{label};
  bool any = false;
  for (const std::string& year : report.years) {
    const double* value = report.find(option.id, year, line, measure);
    any = any || value;
    cells.push_back(format(value));
  }
  if (any) {
    table.add_row(std::move(cells));
  }
}

std::string option_lines(const Report& report, const Label& option, std::size_t width)
{
  TextTable table = year_columns(report, "Line");
  const auto add = [&](const std::string& label, std::string_view line, std::string_view measure) {
    add_measure_row(table, report, option, label, line, measure);
  };
  for (const Label& line : report.lines) {
    add(line.id, line.id, "cost");
  }
  table.add_rule();
  add("Total", k_total_line, "cost");
  add("Budget", k_total_line, "budget");
  add("Variance", k_total_line, "variance");
  return "\n" + wrapped(fmt::format("{} [{}]", option.name, option.id), 0, 0, width)
         + table.render(width);
}

// The care ladder of one option: children at each year's end and cost per placement.
std::string ladder_section(const Report& report, const Label& option, std::size_t width)
{
  if (report.placements.empty()) {
    return {};
  }
  TextTable children = year_columns(report, "Children at year end");
  TextTable cost = year_columns(report, fmt::format("Cost ({})", report.unit));
  for (const Label& type : report.placements) {
    add_measure_row(children, report, option, type.id, type.id, "children_end", children_or_blank);
    add_measure_row(cost, report, option, type.id, type.id, "cost");
  }
  children.add_rule();
  add_measure_row(children, report, option, "All placements", k_total_line, "children_end",
                  children_or_blank);
  return "\n" + wrapped(fmt::format("Care ladder: {} [{}]", option.name, option.id), 0, 0, width)
         + children.render(width) + "\n" + cost.render(width);
}

std::string compare_text(const Report& report, std::size_t width)
{
  std::string text = heading(report, width) + "\n" + option_legend(report, width);
  text += option_section(report, "Cost", "cost", 0, true, true, width);
  if (report.options.size() > 1) {
    text += option_section(
      report, fmt::format("Difference from {} (negative = cheaper)", report.options.front().id),
      "difference", 1, false, true, width);
  }
  text += option_section(report, "Cumulative cost", "cumulative", 0, false, false, width);
  text += option_section(report, "Variance against budget (positive = overspend)", "variance", 0,
                         false, true, width);
  if (!report.price_year.empty()) {
    text += option_section(report, fmt::format("Real cost (in {} prices)", report.price_year),
                           "real_cost", 0, false, true, width);
  }
  text += appraisal_section(report, width) + savings_section(report, width);
  for (const Label& option : report.options) {
    text += ladder_section(report, option, width);
  }
  return text;
}

// The medium-term financial strategy: the budget built up by kind, then the option's
// cost and the gap.
std::string summary_text(const Report& report, std::size_t width)
{
  const Label& option = report.options.front();
  TextTable table = year_columns(report, "");
  const auto add = [&](const std::string& label, std::string_view measure) {
    add_measure_row(table, report, option, label, k_total_line, measure);
  };
  add("Base budget", "base_budget");
  add("Demand pressures", "demand_pressures");
  add("Inflation", "inflation");
  add("Other pressures", "other_pressures");
  add("Savings", "savings");
  table.add_rule();
  add("Net budget", "net_budget");
  add("Projected cost", "projected_cost");
  table.add_rule();
  add("Gap", "gap");
  std::string savings;
  if (!savings_years(report).empty()) {
    table.add_rule();
    add("Savings target", "savings_target");
    add("Savings delivered", "savings_delivered");
    add("Savings shortfall", "savings_shortfall");
    savings = wrapped(fmt::format("Savings against target ({}): {}.", report.savings_basis,
                                  savings_status(report, option.id)),
                      0, 0, width)
              + wrapped("The shortfall is part of the gap above, not added to it.", 0, 0, width);
  }
  return heading(report, width) + "\n"
         + wrapped(fmt::format("Medium-term financial strategy: {} [{}]", option.name, option.id),
                   0, 0, width)
         + wrapped("Gap = projected cost - net budget (positive = the budget falls short)", 0, 0,
                   width)
         + table.render(width) + savings;
}

std::string run_text(const Report& report, std::size_t width)
{
  std::string text = heading(report, width);
  for (const Label& option : report.options) {
    text += option_lines(report, option, width) + ladder_section(report, option, width);
  }
  return text;
}

std::string cost_change_section(const Report& report, std::size_t width)
{
  const std::string_view title = "Cost change, B - A (positive = B costs more)";
  if (report.options.empty() || report.years.empty()) {
    return fmt::format("\n{}\nThe scenarios share no option, or no year.\n", title);
  }
  return option_section(report, title, "cost_change", 0, false, true, width);
}

std::string optional_value(const std::optional<double>& value, const std::string& unit)
{
  return value ? unit_text_in_full(*value, unit) : std::string{};
}

// Values to six figures: a change of a rate from 3.25% to 3.3% must not read 3.3% twice.
std::string parameter_section(const std::vector<ParameterChange>& changes, std::size_t width)
{
  if (changes.empty()) {
    return "\nParameters that differ\nNone.\n";
  }
  TextTable table;
  table.add_column("Key", Align::left, TextTable::Fit::wrap);
  table.add_column("A", Align::right);
  table.add_column("B", Align::right);
  table.add_column("Unit", Align::left);
  for (const ParameterChange& change : changes) {
    table.add_row(
      {change.path, optional_value(change.before, change.unit),
       optional_value(change.after, change.unit), change.unit});
  }
  return "\n" + wrapped("Parameters that differ (blank: not in that scenario)", 0, 0, width)
         + table.render(width);
}

} // namespace

std::string write_terminal(const Report& report, std::size_t width)
{
  if (report.kind == ReportKind::diff) {
    return heading(report, width) + cost_change_section(report, width);
  }
  if (report.kind == ReportKind::summary) {
    return summary_text(report, width);
  }
  return report.kind == ReportKind::compare ? compare_text(report, width)
                                            : run_text(report, width);
}

std::string write_terminal(const ScenarioDiff& diff, std::size_t width)
{
  return heading(diff.cost, width) + parameter_section(diff.parameters, width)
         + cost_change_section(diff.cost, width);
}

} // namespace carecast
