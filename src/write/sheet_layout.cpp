#include "carecast/sheet_layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace carecast {

namespace {

// `multiple` times 10^exponent, divided rather than multiplied for a negative
// exponent, so that 3 steps of 0.2 come out as 0.6, not 0.6000000000000001.
double scaled(double multiple, int exponent)
{
  const double power = std::pow(10.0, std::abs(exponent));
  return exponent < 0 ? multiple / power : multiple * power;
}

} // namespace

AxisRange axis_range(double low, double high)
{
  if (high < low) {
    std::swap(low, high);
  }
  // A flat series still gets an axis around it.
  const double span = high > low ? high - low : std::max(std::abs(high), 1.0);
  const double rough = span / 6.0; // the least step that covers the span in six
  const int exponent = static_cast<int>(std::floor(std::log10(rough)));
  const double magnitude = std::pow(10.0, exponent);
  double multiplier = 10.0;
  for (const double nice : std::array{1.0, 2.0, 5.0}) {
    if (nice * magnitude >= rough) {
      multiplier = nice;
      break;
    }
  }
  const double step = scaled(multiplier, exponent);
  double below = std::floor(low / step);
  double above = std::ceil(high / step);
  if (below == above) {
    below -= 1.0;
    above += 1.0;
  }
  // A multiplier of 10 makes the step a power of ten one higher.
  const int decimals = std::max(0, -(exponent + (multiplier == 10.0 ? 1 : 0)));
  return {scaled(below * multiplier, exponent), scaled(above * multiplier, exponent), step,
          decimals};
}

namespace {

// The characters of UTF-8 text: its bytes less those that continue a character.
int characters(std::string_view text)
{
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

} // namespace

int wrapped_lines(std::string_view text, double width)
{
  const int columns = std::max(1, static_cast<int>(width * k_prose_per_digit));
  int lines = 1;
  int used = 0; // characters on the last line
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const int word = characters(text.substr(start, end - start));
    if (used > 0 && used + 1 + word <= columns) {
      used += 1 + word;
    } else {
      lines += used > 0 ? 1 : 0;
      lines += std::max(0, (word - 1) / columns);
      used = word - std::max(0, (word - 1) / columns) * columns;
    }
    start = end + 1;
  }
  return lines;
}

PagePlan::PagePlan(int page_rows)
  : m_page_rows(page_rows)
{}

void PagePlan::keep_together(int row, int rows)
{
  if (m_page_start < 0 || row + rows - m_page_start > m_page_rows) {
    break_before(row);
  }
  if (rows > m_page_rows) {
    m_page_start = -1;
  }
}

void PagePlan::break_before(int row)
{
  if (row != m_page_start) {
    m_breaks.push_back(row);
    m_page_start = row;
  }
}

} // namespace carecast
