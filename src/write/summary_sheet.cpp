#include "carecast/summary_sheet.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace carecast {

namespace {

// A column's letters: A to Z, then AA.
std::string column_name(int column)
{
  std::string letters;
  for (int c = column + 1; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters;
}

} // namespace

std::string cell_name(int row, int column)
{
  return fmt::format("{}{}", column_name(column), row + 1);
}

namespace {

using Values = std::vector<std::optional<double>>; // one per year

SheetCell amount(double value)
{
  return {"", value, false, CellStyle::amount};
}

SheetCell formula(std::string text, double value, CellStyle style = CellStyle::amount)
{
  return {std::move(text), value, true, style};
}

std::string name_of(const Label& label)
{
  return label.name.empty() ? label.id : label.name;
}

// The sheet as it is built, a row at a time, each block kept whole on a page.
class Builder
{
public:
  explicit Builder(const Report& report)
    : m_report(report),
      m_years(static_cast<int>(report.years.size()))
  {
    m_sheet.years = m_years;
    std::vector<SheetCell> header{{report.unit, {}, false, CellStyle::header}};
    for (const std::string& year : report.years) {
      header.push_back({year, {}, false, CellStyle::figure_header});
    }
    header.push_back({"Total", {}, false, CellStyle::figure_header});
    m_sheet.rows.push_back(std::move(header));
  }

  // A measure of the report's total line for each year, none where it has no row.
  Values measure(const std::string& option, const std::string& name) const
  {
    Values values;
    for (const std::string& year : m_report.years) {
      const double* value = m_report.find(option, year, k_total_line, name);
      values.push_back(value ? std::optional<double>(*value) : std::nullopt);
    }
    return values;
  }

  const Report& report() const { return m_report; }
  int years() const { return m_years; }
  int next_row() const { return static_cast<int>(m_sheet.rows.size()); }
  int total_column() const { return m_years + 1; }

  // The reference of year `year`'s cell in row `row`.
  std::string at(int row, int year) const { return cell_name(row, year + 1); }

  // A block's title, with the page kept for it and its `rows` rows.
  void begin_block(const std::string& title, int rows)
  {
    m_sheet.pages.keep_together(next_row(), rows + 1);
    add_row(title, CellStyle::title);
  }
  void end_block() { add_row(""); }

  int add_row(const std::string& label, CellStyle style = CellStyle::plain)
  {
    m_sheet.rows.emplace_back(static_cast<std::size_t>(m_years + 2));
    m_sheet.rows.back()[0] = {label, {}, false, style};
    m_labels.push_back(style == CellStyle::plain ? label : "");
    return next_row() - 1;
  }

  // A cell, the row lengthened to reach it.
  void set(int row, int column, SheetCell cell)
  {
    std::vector<SheetCell>& cells = m_sheet.rows[row];
    cells.resize(std::max(cells.size(), static_cast<std::size_t>(column) + 1));
    cells[column] = std::move(cell);
  }

  // A row of numbers, one per year where there is a value, and their total.
  int add_numbers(const std::string& label, const Values& values)
  {
    const int row = add_row(label);
    for (int y = 0; y < m_years; ++y) {
      if (values[y]) {
        set(row, y + 1, amount(*values[y]));
      }
    }
    add_total(row, values);
    return row;
  }

  // The horizon's total of a row: the sum of its years, added in order as carecast adds
  // them.
  void add_total(int row, const Values& values)
  {
    double total = 0.0;
    for (const std::optional<double>& value : values) {
      total += value.value_or(0.0);
    }
    set(row, total_column(),
        formula(fmt::format("SUM({}:{})", at(row, 0), at(row, m_years - 1)), total));
  }

  void chart_line(const std::string& name, int row, bool budget, const Values& values)
  {
    m_sheet.lines.push_back({name, row, budget});
    for (const std::optional<double>& value : values) {
      if (value) {
        m_low = std::min(m_low.value_or(*value), *value);
        m_high = std::max(m_high.value_or(*value), *value);
      }
    }
  }

  SummarySheet finish()
  {
    m_sheet.low = m_low.value_or(0.0);
    m_sheet.high = m_high.value_or(0.0);
    m_sheet.chart_row = next_row();
    m_sheet.pages.keep_together(m_sheet.chart_row, k_summary_chart_rows);
    std::size_t longest = m_report.unit.size();
    for (const std::string& label : m_labels) {
      longest = std::max(longest, label.size());
    }
    m_sheet.widths.assign(static_cast<std::size_t>(m_years + 2), 10.0);
    m_sheet.widths.front() = static_cast<double>(longest) + 2.0;
    m_sheet.widths.back() = 11.0;
    return std::move(m_sheet);
  }

private:
  const Report& m_report;
  int m_years;
  SummarySheet m_sheet;
  std::vector<std::string> m_labels; // the plain labels of column 0, for its width
  std::optional<double> m_low;
  std::optional<double> m_high;
};

struct Rows
{
  std::optional<int> budget;
  std::vector<int> cost; // [option]
};

bool any_value(const Values& values)
{
  return std::any_of(values.begin(), values.end(), [](auto v) { return v.has_value(); });
}

Rows add_cost(Builder& b)
{
  const Report& report = b.report();
  const Values budget = b.measure(report.options.front().id, "budget");
  const bool has_budget = any_value(budget);
  b.begin_block("Cost", static_cast<int>(report.options.size()) + (has_budget ? 1 : 0));
  Rows rows;
  if (has_budget) {
    rows.budget = b.add_numbers("Budget", budget);
    b.chart_line("Budget", *rows.budget, true, budget);
  }
  for (const Label& option : report.options) {
    const Values cost = b.measure(option.id, "cost");
    rows.cost.push_back(b.add_numbers(name_of(option), cost));
    b.chart_line(name_of(option), rows.cost.back(), false, cost);
  }
  b.end_block();
  return rows;
}

// A block with a row per option (an index into the report's options) of formulas:
// `cell(option, year, row)` is the formula of the option's cell of a year in the row
// `row`, written where the report has the measure for that option and year.
template <typename Cell>
void add_formula_block(Builder& b, const std::string& title,
                       const std::vector<std::size_t>& options, const std::string& measure,
                       const Cell& cell, bool total)
{
  const Report& report = b.report();
  b.begin_block(title, static_cast<int>(options.size()));
  for (const std::size_t o : options) {
    const Values values = b.measure(report.options[o].id, measure);
    const int row = b.add_row(name_of(report.options[o]));
    for (int y = 0; y < b.years(); ++y) {
      if (values[y]) {
        b.set(row, y + 1, formula(cell(o, y, row), *values[y]));
      }
    }
    if (total) {
      b.add_total(row, values);
    }
  }
  b.end_block();
}

std::vector<std::size_t> options_from(const Report& report, std::size_t first)
{
  std::vector<std::size_t> options;
  for (std::size_t o = first; o < report.options.size(); ++o) {
    options.push_back(o);
  }
  return options;
}

void add_comparisons(Builder& b, const Rows& rows)
{
  const Report& report = b.report();
  if (report.options.size() > 1) {
    add_formula_block(
      b, fmt::format("Difference from {} (negative = cheaper)", name_of(report.options.front())),
      options_from(report, 1), "difference",
      [&](std::size_t o, int y, int) {
        return fmt::format("{}-{}", b.at(rows.cost[o], y), b.at(rows.cost.front(), y));
      },
      true);
  }
  if (rows.budget) {
    add_formula_block(
      b, "Variance against budget (positive = overspend)", options_from(report, 0), "variance",
      [&](std::size_t o, int y, int) {
        return fmt::format("{}-{}", b.at(rows.cost[o], y), b.at(*rows.budget, y));
      },
      true);
  }
  add_formula_block(
    b, "Cumulative cost", options_from(report, 0), "cumulative",
    [&](std::size_t o, int y, int row) {
      return y == 0 ? b.at(rows.cost[o], y)
                    : fmt::format("{}+{}", b.at(row, y - 1), b.at(rows.cost[o], y));
    },
    false);
  if (!report.price_year.empty()) {
    b.begin_block(fmt::format("Real cost (in {} prices)", report.price_year),
                  static_cast<int>(report.options.size()));
    for (const Label& option : report.options) {
      b.add_numbers(name_of(option), b.measure(option.id, "real_cost"));
    }
    b.end_block();
  }
}

// The savings target, what each option delivers and its shortfall; one target row
// when every option has the same target.
void add_savings(Builder& b)
{
  const Report& report = b.report();
  std::vector<Values> targets;
  std::vector<std::size_t> tracked; // the options with a target
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    targets.push_back(b.measure(report.options[o].id, "savings_target"));
    if (any_value(targets.back())) {
      tracked.push_back(o);
    }
  }
  if (tracked.empty()) {
    return;
  }
  const bool shared = tracked.size() == report.options.size()
                      && std::all_of(targets.begin(), targets.end(),
                                     [&](const Values& t) { return t == targets.front(); });
  std::vector<int> target_row(report.options.size(), 0);
  b.begin_block(fmt::format("Savings target: {}", report.savings_basis),
                shared ? 1 : static_cast<int>(tracked.size()));
  for (const std::size_t o : tracked) {
    target_row[o] =
      shared && o != tracked.front()
        ? target_row[tracked.front()]
        : b.add_numbers(shared ? "All options" : name_of(report.options[o]), targets[o]);
  }
  b.end_block();
  b.begin_block("Savings delivered", static_cast<int>(tracked.size()));
  std::vector<int> delivered_row(report.options.size(), 0);
  for (const std::size_t o : tracked) {
    delivered_row[o] = b.add_numbers(name_of(report.options[o]),
                                     b.measure(report.options[o].id, "savings_delivered"));
  }
  b.end_block();
  add_formula_block(
    b, "Savings shortfall (target less delivered; part of the variance, not added to it)", tracked,
    "savings_shortfall",
    [&](std::size_t o, int y, int) {
      return fmt::format("MAX(0,{}-{})", b.at(target_row[o], y), b.at(delivered_row[o], y));
    },
    true);
}

// The rank of each of `values` from the least (1), ties sharing a rank, as RANK(…, 1)
// gives it.
std::vector<int> ranks(const std::vector<double>& values)
{
  std::vector<int> ranks;
  for (const double value : values) {
    ranks.push_back(1 + static_cast<int>(std::count_if(values.begin(), values.end(), [&](double v) {
                      return v < value;
                    })));
  }
  return ranks;
}

// From which year an option meets its savings target; empty without a target.
std::string savings_met(const Builder& b, const Label& option)
{
  const Report& report = b.report();
  if (!any_value(b.measure(option.id, "savings_target"))) {
    return "";
  }
  for (const std::string& year : report.years) {
    if (report.find(option.id, year, k_total_line, "savings_met_from")) {
      return fmt::format("met from {}", year);
    }
  }
  return "not met within horizon";
}

void add_net_present_cost(Builder& b)
{
  const Report& report = b.report();
  std::vector<double> npc;
  for (const Label& option : report.options) {
    npc.push_back(*report.find(option.id, k_all_years, k_total_line, "npc"));
  }
  const std::vector<int> rank = ranks(npc);
  std::string title = fmt::format("Net present cost, {}", report.appraisal);
  if (!report.price_year.empty()) {
    title += fmt::format(", in {} prices", report.price_year);
  }
  b.begin_block(title + " (rank 1 = cheapest)", static_cast<int>(report.options.size()) + 1);
  const int header = b.add_row("Option", CellStyle::header);
  b.set(header, 1, {"NPC", {}, false, CellStyle::figure_header});
  b.set(header, 2, {"Rank", {}, false, CellStyle::figure_header});
  const bool savings = std::any_of(report.options.begin(), report.options.end(),
                                   [&](auto& option) { return !savings_met(b, option).empty(); });
  // The savings target's text a column clear of the ranks.
  const int met_column = 4;
  if (savings) {
    b.set(header, met_column, {"Savings target", {}, false, CellStyle::header});
  }
  const int first = header + 1;
  const int last = first + static_cast<int>(report.options.size()) - 1;
  const std::string range =
    fmt::format("${}${}:${}${}", column_name(1), first + 1, column_name(1), last + 1);
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    const int row = b.add_row(name_of(report.options[o]));
    b.set(row, 1, amount(npc[o]));
    b.set(
      row, 2,
      formula(fmt::format("RANK({},{},1)", cell_name(row, 1), range), rank[o], CellStyle::whole));
    if (savings) {
      b.set(row, met_column, {savings_met(b, report.options[o]), {}, false, CellStyle::plain});
    }
  }
}

} // namespace

SummarySheet summary_sheet(const Report& compare)
{
  Builder builder(compare);
  const Rows rows = add_cost(builder);
  add_comparisons(builder, rows);
  add_savings(builder);
  add_net_present_cost(builder);
  builder.end_block();
  return builder.finish();
}

} // namespace carecast
