#pragma once

// Financial years run April to March and are labelled like "2022/23"; months are
// written "YYYY-MM". The grid is the run of months from April of the base year to
// March of the horizon year, which the engine indexes 0..months()-1.

#include <optional>
#include <string>
#include <string_view>

namespace carecast {

// A calendar month counted from year 0 (month_number = year * 12 + month - 1).
struct Month
{
  int number = 0;

  int year() const { return number / 12; }
  int month_of_year() const { return number % 12 + 1; }
  auto operator<=>(const Month&) const = default;
};

// A financial year named by the calendar year in which its April falls.
struct FinancialYear
{
  int start_year = 0;

  Month first_month() const { return Month{start_year * 12 + 3}; }
  auto operator<=>(const FinancialYear&) const = default;
};

std::optional<Month> parse_month(std::string_view text);
std::optional<FinancialYear> parse_financial_year(std::string_view text);
std::string to_string(Month month);
std::string to_string(FinancialYear year);
FinancialYear financial_year_of(Month month);

class Grid
{
public:
  Grid(FinancialYear first, FinancialYear last);

  int years() const { return m_years; }
  int months() const { return m_years * 12; }
  FinancialYear year(int index) const { return FinancialYear{m_first.start_year + index}; }
  Month month(int index) const { return Month{m_first.first_month().number + index}; }
  // Index of a month or year on the grid, or nullopt when it falls outside.
  std::optional<int> month_index(Month month) const;
  std::optional<int> year_index(FinancialYear year) const;
  int year_index_of_month(int month_index) const { return month_index / 12; }

private:
  FinancialYear m_first;
  int m_years;
};

} // namespace carecast
