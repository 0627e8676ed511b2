#pragma once

// A validated scenario compiled for evaluation: every number becomes an entry of one
// parameter vector, and lines, indices, budget and options refer to entries by
// position. The evaluator is a pure function of that vector.

#include "carecast/calendar.hpp"
#include "carecast/loader.hpp"
#include "carecast/distribution.hpp"
#include "carecast/figure_range.hpp"
#include "carecast/scenario.hpp"

#include <Eigen/Core>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

struct Parameter
{
  std::string path;
  std::string label; // a name for people where the scenario gives one (budget steps)
  std::string unit;
  SourcePos pos;
  Provenance provenance;
  double value = 0.0;
  // Computed from other parameters (a roll-forward year's start), not an input: the
  // evaluator works it out for each draw, and `value` is what the scenario's own
  // values give.
  bool derived = false;
  // The values validation accepts for it; every draw stays inside.
  FigureRange domain = k_any_amount;
};

// Entries below are positions in the parameter vector; k_none marks an absent one.
inline constexpr int k_none = -1;

struct ModelIndex
{
  std::string id;
  std::string name;
  std::vector<int> rate_by_year; // k_none for the base year, whose average level is 1
  IndexTiming timing = IndexTiming::annual;
  int step = 0; // an annual index's step: months after April (0 for April, 6 for October)
};

struct ModelLine
{
  std::string id;
  std::string name;
  int base = k_none; // k_none on the line the care ladder feeds
  int demand_index = k_none;
  std::vector<std::pair<int, int>> prices; // (index, share parameter)
  int end_month = 0;                       // first month without cost
  int optimism_bias = k_none;              // an uplift on the whole line
};

struct ModelOverlay
{
  std::string id;
  std::string name;
  OverlayKind kind = OverlayKind::recurring;
  int target = k_none; // a line, an index for index_rate, or a placement type
  int value = k_none;
  int first_month = 0;
  int end_month = 0; // exclusive
  int indexed_by = k_none;
  int optimism_bias = k_none;    // an uplift on the overlay's amounts
  std::vector<int> ramp_by_year; // fraction parameter in force each year, or k_none
  int counterpart = k_none;      // the placement type shifted into, or filled from
  bool delivers_saving = false;  // counts towards the budget's savings target
};

struct ModelOption
{
  std::string id;
  std::string name;
  std::string description;
  // The option's own overlays after those it extends, an override replacing the
  // inherited overlay of the same id.
  std::vector<ModelOverlay> overlays;
};

// Where a year's budget comes from: nowhere; its own steps; the year before's budget
// rolled forward, with its steps on top; or the year before's budget grown.
enum class BudgetSource { none, stated, rolled_forward, grown };

struct ModelBudget
{
  std::vector<BudgetSource> source_by_year;
  std::vector<std::vector<int>> steps_by_year;
  std::vector<std::vector<BudgetStepKind>> kinds_by_year; // the kind of each step above
  std::vector<std::vector<bool>> one_off_by_year;         // whether each step above is one-off
  // The derived parameter a roll-forward year starts from, k_none in other years.
  std::vector<int> rolled_forward;
  // Whether a roll-forward year adds growth on what it rolls forward (it has no
  // inflation step of its own).
  std::vector<bool> adds_growth;
  int growth = k_none;
};

struct ModelPlacement
{
  std::string id;
  std::string name;
  int weekly_cost = k_none;
  int price_index = k_none;
  int children = k_none;
  int entry_share = k_none;
  int exit_rate = k_none;
  std::vector<int> moves; // the annual rate to each type, in ladder order
};

// The children in each placement type, in ladder order, at the start of a month: the
// care ladder starts again from them there (outturn's children at the period's end).
struct LadderReset
{
  int month = 0;
  std::vector<double> children;
};

struct ModelLadder
{
  int line = k_none; // k_none when the scenario has no ladder
  std::vector<ModelPlacement> types;
  int entries = k_none;
  int growth = k_none;       // a rate parameter, or
  int growth_index = k_none; // an index entries grow with
  double money_scale = 1.0;  // pounds to the scenario's unit
  std::optional<LadderReset> reset;
};

struct ModelAppraisal
{
  int discount_rate = k_none;
  int first_year = 0; // grid year of t = 0
  int deflator = k_none;
  int price_year = 0;
};

// Calibration to the known base-year total: a line of its own, (known / the base
// year's modelled baseline total - 1) x each month's baseline total.
struct ModelCalibration
{
  int known = k_none; // the known total's parameter; k_none without calibration
  int line = k_none;  // the line base_year_calibration, the last line
};

// The ledger's codes of a model line and how its outturn is forecast ([ledger.lines]).
struct ModelLedgerLine
{
  int line = k_none;
  std::vector<std::string> codes; // exact codes or patterns
  OutturnMethod method = OutturnMethod::projection;
  std::string reason;
  int periods = 3;             // run_rate's periods averaged
  std::vector<double> profile; // profile's twelve weights, April to March
};

// [ledger], for budget monitoring; `lines` is empty when the scenario has none.
struct ModelLedger
{
  SourcePos pos;             // the [ledger] table
  std::string unit;          // the ledger file's unit
  double scale = 1.0;        // the ledger's amounts to the scenario's unit
  double amber = 0.01;       // RAG thresholds: shares of the budget overspent
  double red = 0.05;
  std::vector<ModelLedgerLine> lines;
  // Per grid year, per model line: the line's budget where [ledger.budgets] states
  // it. Monitoring reads them; they are not parameters, as no projection uses them.
  std::vector<std::vector<std::optional<double>>> budget_by_year;
};

// An uncertain parameter: its distribution, for sampled analyses.
struct ModelInput
{
  std::string id;
  int parameter = k_none;
  Distribution distribution;
  SourcePos pos;
  Provenance provenance;
};

class Model
{
public:
  // The scenario must have passed validate().
  explicit Model(const Scenario& scenario);

  const std::string& name() const { return m_name; }
  const std::string& unit() const { return m_unit; }
  const Grid& grid() const { return m_grid; }
  const std::vector<Parameter>& parameters() const { return m_parameters; }
  Eigen::VectorXd values() const;
  // Replaces a parameter's value, e.g. for a what-if given on the command line.
  void set_value(int parameter, double value);
  std::optional<int> find_parameter(std::string_view path) const;

  const std::vector<ModelIndex>& indices() const { return m_indices; }
  const std::vector<ModelLine>& lines() const { return m_lines; }
  const std::vector<ModelOption>& options() const { return m_options; }
  const ModelBudget& budget() const { return m_budget; }
  const ModelAppraisal& appraisal() const { return m_appraisal; }
  const ModelLadder& ladder() const { return m_ladder; }
  bool has_ladder() const { return m_ladder.line != k_none; }
  const ModelCalibration& calibration() const { return m_calibration; }
  const ModelLedger& ledger() const { return m_ledger; }
  // Starts the care ladder again from `children` (ladder order) at the start of grid
  // month `month`, for every option and draw.
  void reset_ladder(int month, std::vector<double> children);
  const std::vector<ModelInput>& inputs() const { return m_inputs; }
  // The correlations between inputs (identity where the scenario states none); empty
  // when the scenario has no [correlation].
  const Eigen::MatrixXd& correlation() const { return m_correlation; }
  const SourcePos& correlation_pos() const { return m_correlation_pos; }
  std::optional<int> find_option(std::string_view id) const;

private:
  int add(const Number& number, const FigureRange& domain, std::string label = {});
  int month_index(Month month) const;
  int index_position(const std::string& id) const;
  int line_position(const std::string& id) const;
  ModelOverlay compile(const Overlay& overlay);
  void compile_options(const std::vector<Option>& options);
  void compile_budget(const Budget& budget);
  void compile_budget_year(const BudgetYear& year, bool roll_forward);
  void refresh_derived();
  void compile_appraisal(const Appraisal& appraisal);
  void compile_ladder(const Ladder& ladder);
  void compile_uncertainty(const Scenario& scenario);
  void compile_calibration(const Number& known);
  void compile_ledger(const LedgerMap& ledger);
  int placement_position(const std::string& id) const;

  std::string m_name;
  std::string m_unit;
  Grid m_grid;
  std::vector<Parameter> m_parameters;
  std::vector<ModelIndex> m_indices;
  std::vector<ModelLine> m_lines;
  std::vector<ModelOption> m_options;
  ModelBudget m_budget;
  ModelAppraisal m_appraisal;
  ModelLadder m_ladder;
  ModelCalibration m_calibration;
  ModelLedger m_ledger;
  std::vector<ModelInput> m_inputs;
  Eigen::MatrixXd m_correlation;
  SourcePos m_correlation_pos;
};

struct ModelLoad
{
  std::unique_ptr<Model> model; // absent when there is any problem
  std::vector<Diagnostic> diagnostics;
  SourceFiles sources;
};

// Reads, validates and compiles a scenario, and checks what only the compiled model
// can: that every uncertain input names one of its parameters.
ModelLoad read_model(const std::filesystem::path& path);
ModelLoad read_model_text(std::string text, const std::string& file_name);

} // namespace carecast
