#include "carecast/unit_format.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace carecast {
namespace {

enum class Kind { percent, pounds_a_week, count, amount };

// Every unit a parameter has but the scenario's own money unit.
Kind kind_of(const std::string& unit)
{
  static const std::map<std::string, Kind> k_kinds{
    {"rate/yr", Kind::percent},      {"share", Kind::percent},  {"fraction", Kind::percent},
    {"£/week", Kind::pounds_a_week}, {"children", Kind::count}, {"children/yr", Kind::count}};
  const auto found = k_kinds.find(unit);
  return found == k_kinds.end() ? Kind::amount : found->second;
}

// An amount's unit around the figure: "£m/yr" is "£" before it and "m" after it;
// a unit that is not pounds follows it after a space.
struct Affixes
{
  std::string before;
  std::string after;
};

Affixes affixes_of(std::string unit)
{
  if (unit.ends_with("/yr")) {
    unit.resize(unit.size() - 3);
  }
  std::erase(unit, '"');
  if (unit.starts_with("£")) {
    return {"£", unit.substr(std::string("£").size())};
  }
  return {"", unit.empty() ? "" : " " + unit};
}

// |value| to `decimals` places with commas between thousands.
std::string grouped(double value, int decimals)
{
  const std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  const std::size_t point = std::min(text.find('.'), text.size());
  std::string result;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) {
      result += ',';
    }
    result += text[i];
  }
  return result + text.substr(point);
}

// A minus sign only on a figure that does not round to 0.
std::string signed_text(double value, const std::string& before, const std::string& figure,
                        const std::string& after)
{
  const bool zero = figure.find_first_not_of("0.,") == std::string::npos;
  return (value < 0.0 && !zero ? "-" : "") + before + figure + after;
}

} // namespace

std::string unit_text(double value, const std::string& unit)
{
  switch (kind_of(unit)) {
  case Kind::percent:
    return signed_text(value, "", fmt::format("{:.1f}", std::abs(value) * 100.0), "%");
  case Kind::pounds_a_week:
    return signed_text(value, "£", grouped(value, 0), "/week");
  case Kind::count:
    return signed_text(value, "", grouped(value, 0), "");
  case Kind::amount:
    break;
  }
  const Affixes affixes = affixes_of(unit);
  return signed_text(value, affixes.before, grouped(value, 2), affixes.after);
}

std::string unit_text_in_full(double value, const std::string& unit)
{
  const Kind kind = kind_of(unit);
  const double shown = kind == Kind::percent ? std::abs(value) * 100.0 : std::abs(value);
  std::string figure = fmt::format("{:.6g}", shown);
  if (shown >= 1000.0) {
    figure = grouped(shown, figure.find('.') == std::string::npos || shown >= 1e6 ? 0 : 2);
  }
  switch (kind) {
  case Kind::percent:
    return signed_text(value, "", figure, "%");
  case Kind::pounds_a_week:
    return signed_text(value, "£", figure, "/week");
  case Kind::count:
    return signed_text(value, "", figure, "");
  case Kind::amount:
    break;
  }
  const Affixes affixes = affixes_of(unit);
  return signed_text(value, affixes.before, figure, affixes.after);
}

std::string unit_number_format(const std::string& unit)
{
  switch (kind_of(unit)) {
  case Kind::percent:
    return "0.0%";
  case Kind::pounds_a_week:
    return "\"£\"#,##0\"/week\"";
  case Kind::count:
    return "#,##0";
  case Kind::amount:
    break;
  }
  const Affixes affixes = affixes_of(unit);
  const auto quoted = [](const std::string& text) {
    return text.empty() ? text : "\"" + text + "\"";
  };
  return quoted(affixes.before) + "#,##0.00" + quoted(affixes.after);
}

} // namespace carecast
