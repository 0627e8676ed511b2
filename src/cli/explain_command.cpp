#include "common.hpp"

#include "carecast/explain.hpp"

#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace carecast::cli {
namespace {

struct ExplainOptions
{
  std::string scenario;
  std::string year;
  std::string from;
  std::string to;
  std::string option;
  std::string vs;
  std::string line;
  std::string measure = "cost";
  OutputOptions output;
};

int year_index(const Model& model, const std::string& text, std::string_view flag)
{
  const std::optional<FinancialYear> year = parse_financial_year(text);
  const std::optional<int> index = year ? model.grid().year_index(*year) : std::nullopt;
  if (!index) {
    throw UsageError(fmt::format("{} {}: not a financial year of the scenario ({} to {})", flag,
                                 text, to_string(model.grid().year(0)),
                                 to_string(model.grid().year(model.grid().years() - 1))));
  }
  return *index;
}

int line_index(const Model& model, const std::string& id)
{
  for (std::size_t i = 0; i < model.lines().size(); ++i) {
    if (model.lines()[i].id == id) {
      return static_cast<int>(i);
    }
  }
  throw UsageError(fmt::format("--line {}: the scenario has no such line", id));
}

// The explanations of one option's figure in one year: the budget, one line, or
// every line.
std::vector<Explanation> parts_of(const Model& model, const ExplainOptions& options, int option,
                                  int year)
{
  const Eigen::VectorXd values = model.values();
  if (options.measure == "budget") {
    return {explain_budget(model, values, year)};
  }
  if (!options.line.empty()) {
    return {explain_cost(model, values, option, line_index(model, options.line), year)};
  }
  std::vector<Explanation> parts;
  for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
    parts.push_back(explain_cost(model, values, option, line, year));
  }
  return parts;
}

// The explanations of the gap between two options' costs in one year: one line, or
// every line.
std::vector<Explanation> gaps_of(const Model& model, const ExplainOptions& options, int option,
                                 int vs, int year)
{
  const Eigen::VectorXd values = model.values();
  if (!options.line.empty()) {
    return {explain_gap(model, values, option, vs, line_index(model, options.line), year)};
  }
  std::vector<Explanation> parts;
  for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
    parts.push_back(explain_gap(model, values, option, vs, line, year));
  }
  return parts;
}

// Terms and lines that do not move are left out: a bridge shows what changes. A term
// within a trillionth of `scale` (the figures bridged) is the rounding of the sums
// it was worked out from, not a movement.
std::vector<Explanation> moving(std::vector<Explanation> parts, double scale)
{
  const double rounding = 1e-12 * scale;
  std::vector<Explanation> result;
  for (Explanation& part : parts) {
    std::erase_if(part.terms, [&](const Term& term) { return std::abs(term.value) <= rounding; });
    if (!part.terms.empty() || parts.size() == 1) {
      result.push_back(std::move(part));
    }
  }
  return result;
}

double total_of(const std::vector<Explanation>& parts)
{
  double total = 0.0;
  for (const Explanation& part : parts) {
    total += part.total;
  }
  return total;
}

// What moves each line's terms from one year's explanations to another's.
std::vector<Explanation> bridges(const std::vector<Explanation>& from,
                                 const std::vector<Explanation>& to)
{
  std::vector<Explanation> result;
  for (std::size_t i = 0; i < from.size(); ++i) {
    result.push_back(bridge(from[i], to[i]));
  }
  return moving(std::move(result), std::abs(total_of(from)) + std::abs(total_of(to)));
}

// What is explained, e.g. "cost of placements", "cost" or "budget".
std::string figure(const ExplainOptions& options)
{
  if (options.measure == "budget") {
    return "budget";
  }
  return options.line.empty() ? "cost" : "cost of " + options.line;
}

// " of OPTION" for a cost; a budget belongs to no option.
std::string owner(const ExplainOptions& options, const ModelOption& option)
{
  return options.measure == "budget" ? "" : " of " + option.id;
}

// A bridge's opening or closing figure: `option`'s in `year`, the sum of `parts`.
ExplainEnd end_of(const std::vector<Explanation>& parts, const ExplainOptions& options,
                  const ModelOption& option, const std::string& year, std::string caption)
{
  std::string term = fmt::format("{}{} in {}", figure(options), owner(options, option), year);
  term.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(term.front())));
  const bool budget = options.measure == "budget";
  const std::string line = budget                 ? ""
                           : options.line.empty() ? std::string(k_total_line)
                                                  : options.line;
  return {std::move(term), std::move(caption), option.id, year, line,
          options.measure, total_of(parts)};
}

// The bridge from `other` to `option` in --year: the gap credited to the overlays
// that differ between them.
ExplainReport between_options(const Model& model, const ExplainOptions& options, int option,
                              ExplainReport header)
{
  const int other = option_index(model, options.vs, "--vs");
  if (other == option) {
    throw UsageError(fmt::format("--vs {}: that is the option explained (--option, by default "
                                 "the first); name another to compare it with",
                                 options.vs));
  }
  const ModelOption& chosen = model.options()[option];
  const ModelOption& compared = model.options()[other];
  const int year = year_index(model, options.year, "--year");
  header.option = fmt::format("{}..{}", compared.id, chosen.id);
  header.measure += "_change";
  header.heading = fmt::format("What moves the {} from {} to {} in {}", figure(options),
                               compared.id, chosen.id, options.year);
  header.opening =
    end_of(parts_of(model, options, other, year), options, compared, options.year, compared.id);
  header.closing =
    end_of(parts_of(model, options, option, year), options, chosen, options.year, chosen.id);
  const double scale = std::abs(header.opening->value) + std::abs(header.closing->value);
  return explain_report(model, moving(gaps_of(model, options, option, other, year), scale), header);
}

// The bridge of `option`'s figure from --from to --to.
ExplainReport between_years(const Model& model, const ExplainOptions& options, int option,
                            ExplainReport header)
{
  const ModelOption& chosen = model.options()[option];
  const std::vector<Explanation> from =
    parts_of(model, options, option, year_index(model, options.from, "--from"));
  const std::vector<Explanation> to =
    parts_of(model, options, option, year_index(model, options.to, "--to"));
  header.year = fmt::format("{}..{}", options.from, options.to);
  header.measure += "_change";
  header.heading = fmt::format("What moves the {}{} from {} to {}", figure(options),
                               owner(options, chosen), options.from, options.to);
  header.opening = end_of(from, options, chosen, options.from, options.from);
  header.closing = end_of(to, options, chosen, options.to, options.to);
  return explain_report(model, bridges(from, to), header);
}

ExplainReport explain(const Model& model, const std::string& id, const ExplainOptions& options)
{
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  const ModelOption& chosen = model.options()[option];
  ExplainReport header{id, {}, {}, chosen.id, options.year, options.measure, {}, 0.0, {}, {}};
  if (!options.vs.empty()) {
    return between_options(model, options, option, std::move(header));
  }
  if (!options.from.empty()) {
    return between_years(model, options, option, std::move(header));
  }
  header.heading = fmt::format("How the {}{} in {} is built", figure(options),
                               owner(options, chosen), options.year);
  return explain_report(
    model, parts_of(model, options, option, year_index(model, options.year, "--year")), header);
}

ExitCode run_explain(const ExplainOptions& options, RunProvenance& provenance)
{
  const bool bridge_years = !options.from.empty() || !options.to.empty();
  if (bridge_years == !options.year.empty() || options.from.empty() != options.to.empty()) {
    throw UsageError("give either --year, or --from and --to");
  }
  if (!options.vs.empty() && bridge_years) {
    throw UsageError("--vs compares two options in one --year; it does not take --from/--to");
  }
  if (!options.vs.empty() && options.measure == "budget") {
    throw UsageError("--vs compares two options' costs; the budget is the same under every "
                     "option");
  }
  if (options.output.format == Format::xlsx && options.output.path.empty()) {
    throw UsageError("--format xlsx writes a workbook, which needs -o FILE.xlsx");
  }
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const ExplainReport explanation = explain(*loaded->model, loaded->id, options);
  emit(&explanation, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_explain(CLI::App& app)
{
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command =
    app.add_subcommand("explain", "Show how a figure is built, term by term, with its sources");
  command->footer("Examples:\n  carecast explain scenarios/dcst_2022.toml --year 2022/23 "
                  "--measure budget\n  carecast explain scenarios/dcst_2022.toml --year 2024/25 "
                  "--option transfer --vs do_nothing");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command->add_option("--year", options->year, "Financial year, e.g. 2022/23")->type_name("YEAR");
  command->add_option("--from", options->from, "Bridge from this financial year (with --to)")
    ->type_name("YEAR");
  command->add_option("--to", options->to, "Bridge to this financial year (with --from)")
    ->type_name("YEAR");
  add_option_id_flag(*command, options->option);
  command
    ->add_option("--vs", options->vs,
                 "Bridge from this option to --option in --year, crediting the gap to the "
                 "overlays that differ")
    ->type_name("OPTION");
  command->add_option("--line", options->line, "One cost line (default: every line)");
  command->add_option("--measure", options->measure, "What to explain")
    ->check(CLI::IsMember({"cost", "budget"}))
    ->capture_default_str();
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_explain(*options, provenance); }};
}

} // namespace carecast::cli
