#include "validator.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>

namespace carecast::validation {
namespace {

constexpr int k_periods = 12;

} // namespace

void Validator::check_ledger(const LedgerMap& ledger)
{
  if (!ledger.unit.empty() && !pounds_per_unit(ledger.unit)) {
    error(ledger.unit_pos, fmt::format("'ledger.unit' = \"{}\" is not a unit carecast converts: "
                                       "write \"£\", \"£k\" or \"£m\"",
                                       ledger.unit));
  }
  if (ledger.amber && ledger.red
      && !(ledger.amber->value >= 0.0 && ledger.amber->value < ledger.red->value)) {
    error(ledger.amber->pos,
          fmt::format("'ledger.rag.amber' = {:.15g} must be at least 0 and below "
                      "'ledger.rag.red' = {:.15g}: they are the shares of a line's budget by "
                      "which a forecast overspend turns amber, then red (0.01 is 1%)",
                      ledger.amber->value, ledger.red->value));
  }
  for (const LedgerLine& line : ledger.lines) {
    check_ledger_line(line);
  }
  check_ledger_codes(ledger);
  for (const LedgerBudgetYear& budgets : ledger.budgets) {
    check_line_budgets(budgets);
  }
}

void Validator::check_ledger_line(const LedgerLine& line)
{
  check_reference(line.line, m_lines, "line");
  const std::string path = "ledger.lines." + line.line.id;
  if (line.codes.empty()) {
    error(line.line.pos, fmt::format("'{}.codes' lists no cost code: name the ledger's codes "
                                     "(or patterns such as \"CSC3*\") that post to the line",
                                     path));
  }
  if (line.reason.empty()) {
    error(line.method_pos, fmt::format("'{}.reason' is empty: say why the {} method suits the line",
                                       path, method_name(line.method)));
  }
  if (line.periods) {
    const double periods = line.periods->value;
    if (line.method != OutturnMethod::run_rate) {
      error(line.periods->pos, fmt::format("'{}.periods' is set, but only the run_rate method "
                                           "averages periods; the line's method is {}",
                                           path, method_name(line.method)));
    } else if (periods != std::floor(periods) || periods < 1 || periods > k_periods) {
      error(line.periods->pos,
            fmt::format("'{}.periods' = {:.15g} must be a whole number of periods from 1 to 12",
                        path, periods));
    }
  }
  const bool has_profile = line.profile_pos != line.line.pos;
  if (has_profile && line.method != OutturnMethod::profile) {
    error(line.profile_pos, fmt::format("'{}.profile' is set, but the line's method is {}, not "
                                        "profile",
                                        path, method_name(line.method)));
  } else if (line.method == OutturnMethod::profile) {
    double sum = 0.0;
    for (const Number& weight : line.profile) {
      if (weight.value < 0.0) {
        error(weight.pos, fmt::format("'{}' = {:.15g} must not be negative: it is the share of the "
                                      "year's budget spent in its month",
                                      weight.path, weight.value));
      }
      sum += weight.value;
    }
    if (line.profile.size() != k_periods || sum <= 0.0) {
      error(line.profile_pos,
            fmt::format("'{}.profile' must hold 12 weights, April to March, that add up to more "
                        "than 0 (it has {}); each month's share of the budget is its weight over "
                        "their sum",
                        path, line.profile.size()));
    }
  }
}

// A code or pattern in two lines' lists would post the same money to both.
void Validator::check_ledger_codes(const LedgerMap& ledger)
{
  std::map<std::string, std::string> line_of;
  for (const LedgerLine& line : ledger.lines) {
    for (const CodePattern& code : line.codes) {
      const auto [first, added] = line_of.emplace(code.text, line.line.id);
      if (!added) {
        error(code.pos, fmt::format("cost code '{}' is listed for line '{}' and for line '{}': a "
                                    "code posts to one line",
                                    code.text, first->second, line.line.id));
      }
    }
  }
}

void Validator::check_line_budgets(const LedgerBudgetYear& budgets)
{
  check_year(budgets.year, budgets.pos, "'ledger.budgets' year");
  for (const LineBudget& budget : budgets.lines) {
    check_reference(budget.line, m_lines, "line");
  }
}

} // namespace carecast::validation
