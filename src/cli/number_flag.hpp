#pragma once

// Numeric command-line flags, read by one set of rules: NaN, an infinity, a number out
// of the flag's range and a fraction where a whole number belongs are usage errors
// that name the flag and its range (CLI11 alone lets "nan" through a range check and
// wraps -1 into an unsigned seed).

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace carecast::cli {

// The numbers a flag takes: finite, from `low` to `high`, and below `high` when
// `below_high`. A share written as a fraction names an example (0.1, read "0.1 is
// 10%"), and then a value given as a percentage gets "did you mean" its fraction.
struct NumberRange
{
  double low = std::numeric_limits<double>::lowest();
  double high = std::numeric_limits<double>::max();
  bool below_high = false;
  std::optional<double> fraction_example;
  std::string note; // said in brackets after the range, e.g. "in the scenario's unit"
};

// Every finite number, in a unit the note names.
inline NumberRange finite_number(std::string note)
{
  NumberRange range;
  range.note = std::move(note);
  return range;
}

// The whole numbers a flag takes, from `low` to `high`, for a flag stored as T.
template <typename T>
struct WholeRange
{
  T low = std::numeric_limits<T>::min();
  T high = std::numeric_limits<T>::max();
  std::string note;
};

// `text` read as the value of `flag`: a UsageError naming the flag and its range
// when it is anything but a number in `range`.
double parse_number(std::string_view flag, std::string_view text, const NumberRange& range);
template <typename T>
T parse_whole(std::string_view flag, std::string_view text, const WholeRange<T>& range);

// A CLI11 check that reads each value of `flag` with parse_number or parse_whole and
// hands CLI11 the number exactly; its description is the range, for --help.
CLI::Validator number_check(std::string flag, NumberRange range);
template <typename T>
CLI::Validator number_check(std::string flag, WholeRange<T> range);

// Adds an option `name` stored in `value` (a number, or an optional one) that takes
// only numbers in `range` (a NumberRange, or a WholeRange of the stored type).
template <typename Value, typename Range>
CLI::Option* add_number_option(CLI::App& command, const std::string& name, Value& value,
                               const std::string& description, Range range)
{
  CLI::Option* option = command.add_option(name, value, description);
  option->transform(number_check(option->get_name(), std::move(range)));
  return option;
}

} // namespace carecast::cli
