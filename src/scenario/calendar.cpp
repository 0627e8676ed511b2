#include "carecast/calendar.hpp"

#include <charconv>
#include <fmt/format.h>

namespace carecast {
namespace {

std::optional<int> parse_digits(std::string_view text)
{
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

bool all_digits(std::string_view text)
{
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

std::optional<Month> parse_month(std::string_view text)
{
  if (text.size() != 7 || text[4] != '-' || !all_digits(text.substr(0, 4))
      || !all_digits(text.substr(5))) {
    return std::nullopt;
  }
  const int year = *parse_digits(text.substr(0, 4));
  const int month = *parse_digits(text.substr(5));
  if (month < 1 || month > 12) {
    return std::nullopt;
  }
  return Month{year * 12 + month - 1};
}

std::optional<FinancialYear> parse_financial_year(std::string_view text)
{
  if (text.size() != 7 || text[4] != '/' || !all_digits(text.substr(0, 4))
      || !all_digits(text.substr(5))) {
    return std::nullopt;
  }
  const int start = *parse_digits(text.substr(0, 4));
  const int end = *parse_digits(text.substr(5));
  if ((start + 1) % 100 != end) {
    return std::nullopt;
  }
  return FinancialYear{start};
}

std::string to_string(Month month)
{
  return fmt::format("{:04}-{:02}", month.year(), month.month_of_year());
}

std::string to_string(FinancialYear year)
{
  return fmt::format("{:04}/{:02}", year.start_year, (year.start_year + 1) % 100);
}

FinancialYear financial_year_of(Month month)
{
  return FinancialYear{month.month_of_year() >= 4 ? month.year() : month.year() - 1};
}

Grid::Grid(FinancialYear first, FinancialYear last)
  : m_first(first),
    m_years(last.start_year - first.start_year + 1)
{}

std::optional<int> Grid::month_index(Month month) const
{
  const int index = month.number - m_first.first_month().number;
  if (index < 0 || index >= months()) {
    return std::nullopt;
  }
  return index;
}

std::optional<int> Grid::year_index(FinancialYear year) const
{
  const int index = year.start_year - m_first.start_year;
  if (index < 0 || index >= m_years) {
    return std::nullopt;
  }
  return index;
}

} // namespace carecast
