#include "carecast/sensitivity_report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace carecast {
namespace {

// A label in two forms: with the names in it shortened, and with them whole.
struct Naming
{
  std::string brief;
  std::string whole;
};

using Namings = std::vector<Naming>;

// A name without its asides in brackets: "Placement prices (residential and agency
// fostering)" reads "Placement prices". A name that is all aside stays as it is.
std::string without_asides(const std::string& name)
{
  std::string text;
  int depth = 0;
  for (const char c : name) {
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0 && !(c == ' ' && (text.empty() || text.back() == ' '))) {
      if ((c == ',' || c == ':' || c == ';') && !text.empty() && text.back() == ' ') {
        text.pop_back();
      }
      text += c;
    }
  }
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text.empty() ? name : text;
}

Naming named(const std::string& name, const std::string& id)
{
  const std::string& whole = name.empty() ? id : name;
  return {without_asides(whole), whole};
}

// "NAME: what", in both forms.
Naming of(const Naming& owner, const std::string& what)
{
  return {owner.brief + ": " + what, owner.whole + ": " + what};
}

// A text built from names, in both forms: `text(brief)` picks the form of each name.
template <typename Text>
Naming both(const Text& text)
{
  return {text(true), text(false)};
}

const std::string& form(const Naming& naming, bool brief)
{
  return brief ? naming.brief : naming.whole;
}

// The first label given to a parameter stays: an index's default rate is labelled
// before the years that share it, a ramp's fraction by its first year.
void set(Namings& names, int parameter, Naming naming)
{
  if (parameter != k_none && names[parameter].whole.empty()) {
    names[parameter] = std::move(naming);
  }
}

std::string year_of(const Model& model, int year)
{
  return to_string(model.grid().year(year));
}

// An index's default rate holds in every year without a rate of its own: "growth from
// 2023/24" when those are the last years, else "growth in other years".
std::string default_words(const Model& model, const ModelIndex& index, int fallback)
{
  const std::vector<int>& rates = index.rate_by_year;
  const auto first = std::find(rates.begin() + 1, rates.end(), fallback);
  if (first == rates.end()) {
    return "default growth";
  }
  if (std::all_of(first, rates.end(), [&](int rate) { return rate == fallback; })) {
    return "growth from " + year_of(model, static_cast<int>(first - rates.begin()));
  }
  return "growth in other years";
}

void label_indices(const Model& model, Namings& names)
{
  for (const ModelIndex& index : model.indices()) {
    const Naming name = named(index.name, index.id);
    const std::optional<int> fallback = model.find_parameter("indices." + index.id + ".default");
    if (fallback) {
      set(names, *fallback, of(name, default_words(model, index, *fallback)));
    }
    for (int y = 1; y < model.grid().years(); ++y) {
      set(names, index.rate_by_year[y], of(name, "growth in " + year_of(model, y)));
    }
  }
}

void label_lines(const Model& model, Namings& names)
{
  for (const ModelLine& line : model.lines()) {
    const Naming name = named(line.name, line.id);
    set(names, line.base, of(name, "cost a year"));
    for (const auto& [index, share] : line.prices) {
      const Naming by = named(model.indices()[index].name, model.indices()[index].id);
      set(names, share, both([&](bool brief) {
            return fmt::format("{}: share priced by {}", form(name, brief), form(by, brief));
          }));
    }
    set(names, line.optimism_bias,
        both([&](bool brief) { return "Optimism bias on " + form(name, brief); }));
  }
}

void label_ladder(const Model& model, Namings& names)
{
  const ModelLadder& ladder = model.ladder();
  set(names, ladder.entries, {"Entries into care a year", "Entries into care a year"});
  set(names, ladder.growth, {"Growth of entries into care", "Growth of entries into care"});
  for (const ModelPlacement& type : ladder.types) {
    const Naming name = named(type.name, type.id);
    set(names, type.weekly_cost, of(name, "weekly cost"));
    set(names, type.children, of(name, "children at the start of " + year_of(model, 0)));
    set(names, type.entry_share, of(name, "share of entries"));
    set(names, type.exit_rate, of(name, "exit rate"));
    for (std::size_t to = 0; to < type.moves.size(); ++to) {
      const Naming into = named(ladder.types[to].name, ladder.types[to].id);
      set(names, type.moves[to], both([&](bool brief) {
            return fmt::format("Moves from {} to {}", form(name, brief), form(into, brief));
          }));
    }
  }
}

void label_budget(const Model& model, Namings& names)
{
  const ModelBudget& budget = model.budget();
  for (int y = 0; y < model.grid().years(); ++y) {
    std::vector<int> steps = budget.steps_by_year[y];
    steps.push_back(budget.rolled_forward[y]);
    for (const int step : steps) {
      if (step != k_none) {
        const std::string text =
          fmt::format("Budget {}: {}", year_of(model, y), model.parameters()[step].label);
        set(names, step, {text, text});
      }
    }
  }
  set(names, budget.growth, {"Budget growth a year", "Budget growth a year"});
}

// What an overlay's value is, by its kind.
std::string value_words(OverlayKind kind)
{
  static const std::map<OverlayKind, std::string> k_words{
    {OverlayKind::recurring, "amount a year"},
    {OverlayKind::one_off, "amount"},
    {OverlayKind::saving, "target a year"},
    {OverlayKind::stop_line, "share kept"},
    {OverlayKind::index_rate, "rate"},
    {OverlayKind::shift_entries, "share of entries shifted"},
    {OverlayKind::shift_moves, "share of moves shifted"},
    {OverlayKind::entries, "change of entries"},
    {OverlayKind::unit_cost, "weekly cost"},
    {OverlayKind::capacity, "places"},
  };
  return k_words.at(kind);
}

// An overlay's parameters, labelled in the option whose address holds them (an option
// that extends another shares its overlays).
void label_overlay(const Model& model, const Naming& option, const ModelOverlay& overlay,
                   Namings& names)
{
  const Naming name = named(overlay.name, overlay.id);
  const auto in_option = [&](const std::string& what) {
    return Naming{name.brief + ": " + what,
                  fmt::format("{} ({}): {}", name.whole, option.whole, what)};
  };
  set(names, overlay.value, in_option(value_words(overlay.kind)));
  // A ramp's fraction holds from its year until the next stated one.
  for (std::size_t y = 0; y < overlay.ramp_by_year.size(); ++y) {
    set(names, overlay.ramp_by_year[y],
        in_option("share of target from " + year_of(model, static_cast<int>(y))));
  }
  set(names, overlay.optimism_bias,
      both([&](bool brief) { return "Optimism bias on " + form(name, brief); }));
}

void label_options(const Model& model, Namings& names)
{
  for (const ModelOption& option : model.options()) {
    const std::string prefix = "options." + option.id + ".";
    for (const ModelOverlay& overlay : option.overlays) {
      if (model.parameters()[overlay.value].path.starts_with(prefix)) {
        label_overlay(model, named(option.name, option.id), overlay, names);
      }
    }
  }
}

// The brief form unless another label is alike, then the whole form, then with the
// address.
std::vector<std::string> distinct(const Model& model, const Namings& names)
{
  const auto counts = [](const std::vector<std::string>& labels) {
    std::map<std::string, int> count;
    for (const std::string& label : labels) {
      ++count[label];
    }
    return count;
  };
  std::vector<std::string> labels;
  for (const Naming& naming : names) {
    labels.push_back(naming.brief);
  }
  const std::map<std::string, int> briefs = counts(labels);
  for (std::size_t p = 0; p < names.size(); ++p) {
    if (briefs.at(names[p].brief) > 1) {
      labels[p] = names[p].whole;
    }
  }
  const std::map<std::string, int> chosen = counts(labels);
  for (std::size_t p = 0; p < names.size(); ++p) {
    if (chosen.at(labels[p]) > 1) {
      labels[p] += " (" + model.parameters()[p].path + ")";
    }
  }
  return labels;
}

} // namespace

std::vector<std::string> parameter_labels(const Model& model)
{
  Namings names(model.parameters().size());
  label_indices(model, names);
  label_lines(model, names);
  label_ladder(model, names);
  if (model.calibration().known != k_none) {
    const std::string known = "Known total cost of " + year_of(model, 0);
    set(names, model.calibration().known, {known, known});
  }
  label_budget(model, names);
  label_options(model, names);
  set(names, model.appraisal().discount_rate, {"Discount rate", "Discount rate"});
  for (std::size_t p = 0; p < names.size(); ++p) {
    if (names[p].whole.empty()) {
      names[p] = {model.parameters()[p].path, model.parameters()[p].path};
    }
  }
  return distinct(model, names);
}

std::size_t shown_bars(const SensitivityReport& report)
{
  const std::vector<TornadoBar>& bars = report.sensitivity.tornado;
  // Bars are ranked by swing, so those of no swing come last.
  const auto moving =
    std::find_if(bars.begin(), bars.end(), [](const TornadoBar& bar) { return bar.swing == 0.0; });
  return std::min(static_cast<std::size_t>(moving - bars.begin()),
                  static_cast<std::size_t>(std::max(report.top, 0)));
}

SensitivityReport sensitivity_report(const Model& model, const std::string& scenario,
                                     Sensitivity sensitivity, int top)
{
  SensitivityReport report{
    scenario, model.name(),           model.unit(), {}, parameter_labels(model),
    {},       std::move(sensitivity), top};
  for (const Parameter& parameter : model.parameters()) {
    report.paths.push_back(parameter.path);
    report.units.push_back(parameter.unit);
  }
  return report;
}

} // namespace carecast
