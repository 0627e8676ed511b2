#include "carecast/terminal_chart.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace carecast {
namespace {

// Bars narrower than this would say nothing: the chart is left out.
constexpr int k_min_bar_cells = 10;

// An option's colour: red, green, yellow, blue, magenta, cyan, in turn.
std::string coloured(const std::string& text, std::size_t option, const ChartStyle& style)
{
  if (!style.colour || text.empty()) {
    return text;
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", 31 + option % 6, text);
}

// `cells` columns of bar, to an eighth of a column with block characters.
std::string bar(double cells, const ChartStyle& style)
{
  cells = std::max(cells, 0.0);
  if (!style.unicode) {
    return std::string(static_cast<std::size_t>(std::lround(cells)), '#');
  }
  static constexpr const char* k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const auto eighths = static_cast<long>(std::lround(cells * 8.0));
  std::string text;
  for (long i = 0; i < eighths / 8; ++i) {
    text += "█";
  }
  return text + k_eighths[eighths % 8];
}

// Display columns of a text whose only non-ASCII characters are the chart's own.
int columns(const std::string& text)
{
  return static_cast<int>(
    std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded(const std::string& text, int width)
{
  return text + std::string(static_cast<std::size_t>(std::max(0, width - columns(text))), ' ');
}

} // namespace

std::size_t output_width(int terminal_width, const char* columns)
{
  constexpr long k_narrowest = 40;
  constexpr long k_widest = 400;
  long width = terminal_width > 0 ? terminal_width : static_cast<long>(k_default_width);
  if (columns && *columns) {
    char* end = nullptr;
    errno = 0;
    const long set = std::strtol(columns, &end, 10);
    if (*end == '\0' && errno == 0 && set > 0) {
      width = set;
    } else if (*end == '\0' && errno == ERANGE && set > 0) {
      width = k_widest;
    }
  }
  return static_cast<std::size_t>(std::clamp(width, k_narrowest, k_widest));
}

ChartStyle chart_style(bool terminal, int terminal_width, const char* columns, const char* no_color,
                       bool ascii, const std::string& color)
{
  ChartStyle style;
  style.width = static_cast<int>(output_width(terminal ? terminal_width : 0, columns));
  style.unicode = !ascii;
  style.colour = color == "always" || (color == "auto" && terminal && !(no_color && *no_color));
  return style;
}

std::string trajectory_chart(const Report& compare, const ChartStyle& style)
{
  const std::string total(k_total_line);
  std::size_t option_width = 0;
  double largest = 0.0;
  std::size_t value_width = 0;
  for (const Label& option : compare.options) {
    option_width = std::max(option_width, option.id.size());
    for (const std::string& year : compare.years) {
      const double cost = *compare.find(option.id, year, total, "cost");
      largest = std::max(largest, cost);
      value_width = std::max(value_width, fmt::format("{:.2f}", cost).size());
    }
  }
  const int label_width = 8 + static_cast<int>(option_width) + 1;
  const int cells = style.width - label_width - 1 - static_cast<int>(value_width);
  if (cells < k_min_bar_cells || largest <= 0.0) {
    return {};
  }
  std::string text =
    fmt::format("\nCost by option and year ({}), bars from 0 to {:.2f}\n", compare.unit, largest);
  for (const std::string& year : compare.years) {
    for (std::size_t o = 0; o < compare.options.size(); ++o) {
      const std::string& id = compare.options[o].id;
      const double cost = *compare.find(id, year, total, "cost");
      const std::string drawn = bar(cost / largest * cells, style);
      text += fmt::format("{:<8}{:<{}} {} {:.2f}\n", o == 0 ? year : "", id, option_width,
                          coloured(drawn, o, style), cost);
    }
  }
  return text;
}

std::string tornado_chart(const SensitivityReport& report, const ChartStyle& style)
{
  const Sensitivity& analysis = report.sensitivity;
  const std::size_t shown = shown_bars(report);
  double largest = 0.0;
  int longest = 0;
  for (std::size_t i = 0; i < shown; ++i) {
    const TornadoBar& tornado = analysis.tornado[i];
    longest =
      std::max(longest, columns(report.labels[static_cast<std::size_t>(tornado.parameter)]));
    largest = std::max({largest, std::abs(tornado.metric_low - analysis.base),
                        std::abs(tornado.metric_high - analysis.base)});
  }
  const int value_width = 17; // " -12.75 / +12.74"
  const int label_width = std::min(style.width / 3, longest);
  const int half = (style.width - label_width - 2 - value_width) / 2;
  if (shown == 0 || half < k_min_bar_cells / 2 || largest <= 0.0) {
    return {};
  }
  std::string text =
    "\n"
    + wrapped(fmt::format("Tornado: change of the {} of {} ({}) at each parameter's low / high "
                          "value",
                          analysis.metric.name, analysis.subject, report.unit),
              0, 0, static_cast<std::size_t>(style.width));
  // Whole columns on both sides: a falling figure to the left, a rising one to the right.
  const auto cells_of = [&](double change) {
    return static_cast<int>(std::lround(std::abs(change) / largest * half));
  };
  const auto spaces = [](int count) { return std::string(static_cast<std::size_t>(count), ' '); };
  const auto drawn = [&](int cells, std::size_t colour) {
    return coloured(bar(cells, style), colour, style);
  };
  const std::string axis = style.unicode ? "│" : "|";
  for (std::size_t i = 0; i < shown; ++i) {
    const TornadoBar& tornado = analysis.tornado[i];
    const double low = tornado.metric_low - analysis.base;
    const double high = tornado.metric_high - analysis.base;
    // One bar from the lower change to the higher, either side of the axis.
    const int left_far = cells_of(std::min({low, high, 0.0}));
    const int left_near = cells_of(std::min(std::max(low, high), 0.0));
    const int right_near = cells_of(std::max(std::min(low, high), 0.0));
    const int right_far = cells_of(std::max({low, high, 0.0}));
    const std::vector<std::string> lines =
      label_lines(report.labels[static_cast<std::size_t>(tornado.parameter)],
                  static_cast<std::size_t>(label_width));
    text += fmt::format("{} {}{}{}{}{}{}{} {} / {}\n", padded(lines[0], label_width),
                        spaces(half - left_far), drawn(left_far - left_near, 1), spaces(left_near),
                        axis, spaces(right_near), drawn(right_far - right_near, 0),
                        spaces(half - right_far), signed_amount(low), signed_amount(high));
    for (std::size_t l = 1; l < lines.size(); ++l) {
      text += fmt::format("{} {}{}\n", padded(lines[l], label_width), spaces(half), axis);
    }
  }
  return text;
}

std::string fan_chart(const SimulationReport& report, const ChartStyle& style)
{
  const Simulation& simulation = report.simulation;
  if (simulation.cost.empty() || report.years.empty()) {
    return {};
  }
  double low = simulation.cost[0][0].p5;
  double high = simulation.cost[0][0].p95;
  for (const auto& option : simulation.cost) {
    for (const Statistics& year : option) {
      low = std::min(low, year.p5);
      high = std::max(high, year.p95);
    }
  }
  const auto values = [](const Statistics& s) {
    return fmt::format("P10 {:.2f}  P50 {:.2f}  P90 {:.2f}", s.p10, s.p50, s.p90);
  };
  int value_width = 0;
  for (const auto& option : simulation.cost) {
    for (const Statistics& year : option) {
      value_width = std::max(value_width, columns(values(year)));
    }
  }
  // "  2021/22  " before the fan, two spaces and the percentiles after it.
  const int cells = style.width - 11 - 2 - value_width;
  if (cells < k_min_bar_cells) {
    return {};
  }
  const double span = high > low ? high - low : 1.0;
  const auto column = [&](double value) {
    return static_cast<int>(std::lround((value - low) / span * (cells - 1)));
  };
  const char* light = style.unicode ? "░" : "-";
  const char* dark = style.unicode ? "▒" : "=";
  const char* median = style.unicode ? "┃" : "|";
  std::string text =
    "\n"
    + wrapped(fmt::format("Fan: cost per year ({}, {:.2f} to {:.2f}): P5 to P95 {}, P10 to P90 {}, "
                          "median {}",
                          report.unit, low, high, light, dark, median),
              0, 0, static_cast<std::size_t>(style.width));
  for (std::size_t o = 0; o < simulation.cost.size(); ++o) {
    text += report.options[o].id + "\n";
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      const Statistics& s = simulation.cost[o][y];
      const int p5 = column(s.p5);
      const int p10 = column(s.p10);
      const int p50 = column(s.p50);
      const int p90 = column(s.p90);
      const int p95 = column(s.p95);
      std::string drawn;
      for (int c = 0; c < cells; ++c) {
        drawn += c == p50               ? median
                 : c >= p10 && c <= p90 ? dark
                 : c >= p5 && c <= p95  ? light
                                        : " ";
      }
      text += fmt::format("  {:<8} {}  {}\n", report.years[y], coloured(drawn, o, style),
                          values(s));
    }
  }
  return text;
}

} // namespace carecast
