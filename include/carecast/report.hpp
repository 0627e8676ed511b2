#pragma once

// Reports: typed, unrounded tables computed once from an evaluation and rendered by
// the writers. Rows are tidy: one value per option, year, line and measure.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"

#include <string>
#include <vector>

namespace carecast {

inline constexpr std::string_view k_total_line = "total";
// The year of a figure that covers the whole horizon (net present cost).
inline constexpr std::string_view k_all_years = "all";

struct ReportRow
{
  std::string option;
  std::string year;
  std::string line;
  std::string measure;
  double value = 0.0;
};

struct Label
{
  std::string id;
  std::string name;
};

enum class ReportKind { compare, run, diff, summary };

struct Report
{
  ReportKind kind = ReportKind::run;
  std::string scenario; // a short id, the scenario file's stem
  std::string title;
  std::string unit;
  std::vector<Label> options;
  std::vector<Label> lines;
  std::vector<Label> placements; // the care ladder's placement types, if any
  std::vector<std::string> years;
  std::vector<ReportRow> rows;
  std::string appraisal;  // how net present cost was discounted, for people
  std::string price_year; // the prices real costs are in; empty without a deflator
  // Where the savings target comes from, for people; empty without savings rows.
  std::string savings_basis;

  // The value of one row, or nullptr when the report has none.
  const double* find(std::string_view option, std::string_view year, std::string_view line,
                     std::string_view measure) const;
};

// A report of `kind` with the model's title, unit, lines and years, and no options or
// rows yet; `outcome` must be yearly.
Report empty_report(ReportKind kind, const Model& model, const Outcome& outcome,
                    const std::string& scenario);

// Every line's cost per year of the chosen options (all when `options` is empty),
// with the total, the budget and the variance, and the care ladder's figures; from
// draw `draw` of the outcome.
Report run_report(const Model& model, const Outcome& outcome, const std::string& scenario,
                  const std::vector<int>& options, int draw = 0);

// The options side by side per year: total cost, difference from the first option,
// cumulative cost, budget and variance, and the care ladder's figures.
Report compare_report(const Model& model, const Outcome& outcome, const std::string& scenario,
                      int draw = 0);

} // namespace carecast
