// The gap between two options' cost of a line, credited to the overlays that differ
// between them.

#include "carecast/explain.hpp"

#include "cost_terms.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace carecast {
namespace {

constexpr std::size_t k_no_overlay = std::numeric_limits<std::size_t>::max();

bool same_value(const Eigen::VectorXd& values, int a, int b)
{
  return a == b || (a != k_none && b != k_none && values[a] == values[b]);
}

// Whether two overlays cost the same: ids and names aside, the same kind, target,
// months and parameter values.
bool same_overlay(const ModelOverlay& a, const ModelOverlay& b, const Eigen::VectorXd& values)
{
  if (a.kind != b.kind || a.target != b.target || a.counterpart != b.counterpart
      || a.first_month != b.first_month || a.end_month != b.end_month
      || a.indexed_by != b.indexed_by || a.ramp_by_year.size() != b.ramp_by_year.size()
      || !same_value(values, a.value, b.value)
      || !same_value(values, a.optimism_bias, b.optimism_bias)) {
    return false;
  }
  for (std::size_t y = 0; y < a.ramp_by_year.size(); ++y) {
    if (!same_value(values, a.ramp_by_year[y], b.ramp_by_year[y])) {
      return false;
    }
  }
  return true;
}

// Which overlays of each option the other has too, each standing for one of the
// other's at most.
struct Sharing
{
  std::vector<bool> from;
  std::vector<bool> to;
};

Sharing sharing(const ModelOption& from, const ModelOption& to, const Eigen::VectorXd& values)
{
  Sharing result{std::vector<bool>(from.overlays.size()), std::vector<bool>(to.overlays.size())};
  for (std::size_t i = 0; i < to.overlays.size(); ++i) {
    for (std::size_t j = 0; j < from.overlays.size(); ++j) {
      if (!result.from[j] && same_overlay(to.overlays[i], from.overlays[j], values)) {
        result.from[j] = true;
        result.to[i] = true;
        break;
      }
    }
  }
  return result;
}

// `option` with only its shared overlays and the one at `extra`, in its own order.
ModelOption shared_and(const ModelOption& option, const std::vector<bool>& shared,
                       std::size_t extra)
{
  ModelOption result{option.id, option.name, option.description, {}};
  for (std::size_t i = 0; i < option.overlays.size(); ++i) {
    if (shared[i] || i == extra) {
      result.overlays.push_back(option.overlays[i]);
    }
  }
  return result;
}

// Whether `parameter` is one of the overlay's own: its value, optimism bias or ramp.
bool owns(const ModelOverlay& overlay, int parameter)
{
  if (parameter == k_none) {
    return false;
  }
  return parameter == overlay.value || parameter == overlay.optimism_bias
         || std::find(overlay.ramp_by_year.begin(), overlay.ramp_by_year.end(), parameter)
              != overlay.ramp_by_year.end();
}

// A line's terms after the care ladder's.
Explanation after_ladder(const LineTerms& terms)
{
  const std::vector<Term>& all = terms.explanation.terms;
  const auto first = all.begin() + static_cast<std::ptrdiff_t>(terms.ladder_terms);
  return {terms.explanation.line, 0.0, std::vector<Term>(first, all.end())};
}

double ladder_cost(const LineTerms& terms)
{
  double sum = 0.0;
  for (std::size_t i = 0; i < terms.ladder_terms; ++i) {
    sum += terms.explanation.terms[i].value;
  }
  return sum;
}

class GapTerms
{
public:
  explicit GapTerms(std::vector<Term>& terms)
    : m_terms(terms)
  {}

  // What `overlay` changes on the line, from `before` to `after`: the care ladder's
  // change as volume, mix and price effects; the overlay's own terms (its amount, a
  // stop, its optimism bias); and each other term it moves, named with it.
  void add_step(const LineTerms& before, const LineTerms& after, const ModelOverlay& overlay)
  {
    if (after.ladder) {
      add_ladder(before, after, overlay);
    }
    for (const Term& term : bridge(after_ladder(before), after_ladder(after)).terms) {
      if (owns(overlay, term.parameter)) {
        add(term);
      } else {
        add({fmt::format("{}, through {}", term.label, overlay.name), term.value, overlay.value,
             fmt::format("{} via {}", term.caption, overlay.id)});
      }
    }
  }

private:
  void add(Term term)
  {
    if (term.value != 0.0) {
      m_terms.push_back(std::move(term));
    }
  }

  // The price effect is what the volume and mix effects leave of the ladder's change,
  // so that the three add up to the change of the ladder's terms exactly.
  void add_ladder(const LineTerms& before, const LineTerms& after, const ModelOverlay& overlay)
  {
    const LadderEffects effects = ladder_effects(*before.ladder, *after.ladder);
    const double change = ladder_cost(after) - ladder_cost(before);
    const std::pair<const char*, double> parts[] = {
      {"volume", effects.volume},
      {"mix", effects.mix},
      {"prices", change - effects.volume - effects.mix}};
    for (const auto& [effect, value] : parts) {
      add({fmt::format("Care ladder {}: {}", effect, overlay.name), value, overlay.value,
           fmt::format("Ladder {}: {}", effect, overlay.id)});
    }
  }

  std::vector<Term>& m_terms;
};

} // namespace

Explanation explain_gap(const Model& model, const Eigen::VectorXd& values, int option, int vs,
                        int line, int year)
{
  const ModelOption& from = model.options()[vs];
  const ModelOption& to = model.options()[option];
  const auto terms_under = [&](const ModelOption& overlays) {
    return line_terms(model, values, overlays, line, year);
  };
  Explanation result{model.lines()[line].id,
                     terms_under(to).explanation.total - terms_under(from).explanation.total,
                     {}};
  GapTerms gap(result.terms);
  const Sharing shared = sharing(from, to, values);
  // What vs's own overlays do, each taken away from the shared ones and itself.
  const LineTerms shared_in_from = terms_under(shared_and(from, shared.from, k_no_overlay));
  for (std::size_t i = 0; i < from.overlays.size(); ++i) {
    if (!shared.from[i]) {
      gap.add_step(terms_under(shared_and(from, shared.from, i)), shared_in_from, from.overlays[i]);
    }
  }
  // What the option's own overlays do, each added to the shared ones alone.
  const LineTerms shared_in_to = terms_under(shared_and(to, shared.to, k_no_overlay));
  for (std::size_t i = 0; i < to.overlays.size(); ++i) {
    if (!shared.to[i]) {
      gap.add_step(shared_in_to, terms_under(shared_and(to, shared.to, i)), to.overlays[i]);
    }
  }
  // What is left is what the overlays do together beyond their own effects: nothing
  // but the rounding of the sums unless two or more of them move the line.
  double own = 0.0;
  for (const Term& term : result.terms) {
    own += term.value;
  }
  if (own != result.total) {
    result.terms.push_back(
      {"Interaction of the overlays above", result.total - own, k_none, "Interaction"});
  }
  return result;
}

} // namespace carecast
