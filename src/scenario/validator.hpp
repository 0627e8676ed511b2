#pragma once

// The checks of a loaded scenario, shared by the files that check each part of the
// format. Only validation includes this.

#include "carecast/scenario.hpp"
#include "carecast/validate.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace carecast::validation {

constexpr double k_share_tolerance = 1e-9;

template <typename Item>
std::vector<std::string> ids_of(const std::vector<Item>& items)
{
  std::vector<std::string> ids;
  for (const Item& item : items) {
    ids.push_back(item.id);
  }
  return ids;
}

class Validator
{
public:
  explicit Validator(const Scenario& scenario)
    : m_scenario(scenario),
      m_lines(ids_of(scenario.lines)),
      m_indices(ids_of(scenario.indices)),
      m_options(ids_of(scenario.options)),
      m_placements(scenario.ladder ? ids_of(scenario.ladder->types) : std::vector<std::string>{})
  {}

  std::vector<Diagnostic> run();

private:
  void error(const SourcePos& pos, std::string message)
  {
    m_diagnostics.push_back({pos, std::move(message)});
  }

  bool years_known() const;
  bool grid_ok() const;
  void check_reference(const Reference& ref, const std::vector<std::string>& ids,
                       std::string_view kind);
  void check_month(const MonthRef& month, std::string_view what);
  void check_year(FinancialYear year, const SourcePos& pos, std::string_view what);
  void check_rate(const Number& rate);
  void check_fraction(const Number& number);
  void check_index(const Index& index);
  void check_step_month(const Index& index);
  void check_line(const Line& line);
  void check_budget(const Budget& budget);
  void check_budget_step(const BudgetStep& step);
  void check_roll_forward(const Budget& budget);
  void check_option(const Option& option);
  void check_overlay(const Overlay& overlay, const std::string& path);
  void check_cost_overlay(const Overlay& overlay, const std::string& path);
  void check_extends_cycles();
  void check_appraisal(const Appraisal& appraisal);
  void check_ladder_overlay(const Overlay& overlay, const std::string& path);
  void check_ladder(const Ladder& ladder);
  void check_ladder_line(const Ladder& ladder);
  void check_placement_type(const PlacementType& type);
  void check_order(const Ladder& ladder);
  void check_moves(const Ladder& ladder);
  void check_lines_have_base();
  bool is_ladder_line(const Line& line) const;
  void check_uncertain_input(const UncertainInput& input);
  void check_correlation(const CorrelationMatrix& correlation);
  void check_ledger(const LedgerMap& ledger);
  void check_ledger_line(const LedgerLine& line);
  void check_ledger_codes(const LedgerMap& ledger);
  void check_line_budgets(const LedgerBudgetYear& budgets);

  const Scenario& m_scenario;
  std::vector<std::string> m_lines;
  std::vector<std::string> m_indices;
  std::vector<std::string> m_options;
  std::vector<std::string> m_placements;
  std::vector<Diagnostic> m_diagnostics;
};

} // namespace carecast::validation
